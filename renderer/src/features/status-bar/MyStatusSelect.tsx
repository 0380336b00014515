import { useTranslation } from 'react-i18next';
import { awayReasonsFor, type AgentRole, type AgentStatus, type AwayReason } from '../../../../shared/domain/agent.ts';
import { useFormat } from '../../app/use-format.ts';
import { queueAriaShortcut, queueShortcutLabel } from '../queue/queue-shortcuts.ts';

export interface MyStatusSelectProps {
  status: AgentStatus;
  reason: string | null;
  /** Wrap-up: seconds left. */
  wrapUpLeft: number | null;
  role: AgentRole;
  onChange(status: AgentStatus, reason?: AwayReason): void;
}

/** Reasons a person picks; `missed-offer` is the queue's own, and only supervisors supervise. */

const valueOf = (status: AgentStatus, reason: string | null): string => (status === 'away' ? `away:${reason ?? 'other'}` : status);

/** The agent's own status for the queue, in the status bar: available, away (why), offline. Presentational. */
export function MyStatusSelect({ status, reason, wrapUpLeft, role, onChange }: MyStatusSelectProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reasons = awayReasonsFor(role);
  const value = valueOf(status, reason);
  const reasonLabel = (r: string) => t(`awayReason.${r}` as 'awayReason.other', { defaultValue: r });
  // What the agent cannot choose but may be in (calls decide busy and wrap-up).
  const current =
    status === 'busy'
      ? t('myStatus.busy')
      : status === 'wrap-up'
        ? wrapUpLeft !== null
          ? t('myStatus.wrapUpLeft', { time: fmt.duration(wrapUpLeft) })
          : t('myStatus.wrapUp')
        : status === 'away' && !reasons.includes((reason ?? 'other') as AwayReason)
          ? t('myStatus.away', { reason: reasonLabel(reason ?? 'other') })
          : null;
  const shortcut = queueShortcutLabel('toggle-availability');
  return (
    <select
      className="my-status"
      value={value}
      aria-label={t('myStatus.label')}
      title={t('myStatus.tooltip', { shortcut })}
      aria-keyshortcuts={queueAriaShortcut('toggle-availability')}
      data-testid="agent-status-select"
      onChange={(e) => {
        const [next, why] = e.target.value.split(':') as [AgentStatus, AwayReason | undefined];
        onChange(next, why);
      }}
    >
      {current !== null && (
        <option value={value} disabled>
          {current}
        </option>
      )}
      <option value="available">{t('myStatus.available')}</option>
      {reasons.map((r) => (
        <option key={r} value={`away:${r}`}>
          {t('myStatus.away', { reason: reasonLabel(r) })}
        </option>
      ))}
      <option value="offline">{t('myStatus.offline')}</option>
    </select>
  );
}
