import { BellRing, Phone, PhoneOff, Unplug } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence } from '../../../../shared/domain/queue.ts';
import { AGENT_STATUS_VISUALS } from '../../app/ui/agent-visuals.tsx';
import { useFormat } from '../../app/use-format.ts';
import { AgentStatusActions, AgentStatusActionsToggle, type AgentStatusControl } from './AgentStatusActions.tsx';
import type { AgentGroup, AgentRow } from './wallboard-model.ts';

const PRESENCE_ICONS: Record<AgentPresence, typeof Phone> = { offline: Unplug, 'signed-in': PhoneOff, ready: Phone };

export interface AgentBoardProps {
  groups: AgentGroup[];
  /** Supervisors and admins outside wall mode: set an agent's status from their row. */
  control?: AgentStatusControl | null;
}

/** Agents by state, each with how long it has been so and why. Presentational. */
export function AgentBoard({ groups, control = null }: AgentBoardProps) {
  const { t } = useTranslation();
  const empty = groups.every((g) => g.agents.length === 0);
  /** The row whose status panel is open; the row whose toggle takes focus back once its agent moved group. */
  const [openId, setOpenId] = useState<number | null>(null);
  const [refocusId, setRefocusId] = useState<number | null>(null);
  // Focus has landed elsewhere since: a later regrouping of that row must not take it back.
  useEffect(() => {
    if (refocusId === null) return;
    const onFocus = (e: FocusEvent): void => {
      if (!(e.target instanceof HTMLElement) || e.target.dataset.agentToggle !== String(refocusId)) setRefocusId(null);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [refocusId]);
  return (
    <section className="card wallboard-card agents-card" aria-labelledby="agents-title">
      <h2 id="agents-title">{t('queue.agents.title')}</h2>
      {empty ? (
        <p className="empty">{t('queue.agents.empty')}</p>
      ) : (
        <div className="agent-groups" aria-describedby="agents-caption">
          <p id="agents-caption" className="visually-hidden">
            {t('queue.agents.caption')}
          </p>
          {groups.map((g) => {
            const v = AGENT_STATUS_VISUALS[g.status];
            const Icon = v.icon;
            return (
              <section key={g.status} className={`agent-group tone-border-${v.tone}`} data-testid="agent-group" data-state={g.status} aria-label={`${t(`agentStatus.${g.status}`)}: ${g.agents.length}`}>
                <h3 className={`agent-group-title tone-text-${v.tone}`}>
                  <Icon className="icon" size={18} aria-hidden="true" />
                  <span>{t(`agentStatus.${g.status}`)}</span>
                  <span className="agent-group-count" data-testid="agent-group-count">
                    {t('queue.agents.count', { count: g.agents.length })}
                  </span>
                </h3>
                {g.agents.length > 0 && (
                  <ul className="agent-list">
                    {g.agents.map((a) => (
                      <AgentItem
                        key={a.id}
                        row={a}
                        control={control}
                        open={openId === a.id}
                        refocus={refocusId === a.id}
                        onOpen={(open) => {
                          setOpenId(open ? a.id : null);
                          setRefocusId(open ? null : a.id);
                          if (open) control?.onDismiss(a.id);
                        }}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}

interface AgentItemProps {
  row: AgentRow;
  control: AgentStatusControl | null;
  open: boolean;
  refocus: boolean;
  onOpen(open: boolean): void;
}

function AgentItem({ row, control, open, refocus, onOpen }: AgentItemProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = row.live;
  const PresenceIcon = PRESENCE_ICONS[s.presence];
  const reason = s.status === 'away' && s.status_reason ? t(`awayReason.${s.status_reason}` as 'awayReason.other', { defaultValue: s.status_reason }) : null;
  const time = row.wrapUpLeft !== null ? t('queue.agents.wrapUpLeft', { time: fmt.duration(row.wrapUpLeft) }) : t('queue.agents.inState', { time: fmt.duration(row.secondsInState) });
  return (
    <li className={`agent-item${control ? ' with-actions' : ''}`} data-testid="wallboard-agent" data-agent-id={row.id} data-state={s.status} data-presence={s.presence} data-status-reason={s.status_reason ?? ''}>
      <span className="agent-item-name">{row.name}</span>
      {reason && <span className="agent-item-reason">{reason}</span>}
      <span className="agent-item-time" aria-label={time}>
        {time}
      </span>
      <span className="agent-item-facts">
        {s.offered_entry_id !== null && (
          <span className="with-icon tone-text-info">
            <BellRing className="icon" size={14} aria-hidden="true" />
            {t('queue.agents.offered')}
          </span>
        )}
        {s.active_calls > 0 && <span>{t('queue.agents.calls', { count: s.active_calls, max: s.max_concurrent_calls })}</span>}
        <span className="with-icon muted" title={t(`queue.agents.presence.${s.presence}`)}>
          <PresenceIcon className="icon" size={14} aria-hidden="true" />
          <span className="visually-hidden">{t(`queue.agents.presence.${s.presence}`)}</span>
        </span>
      </span>
      {control && <AgentStatusActionsToggle name={row.name} agentId={row.id} open={open} refocus={refocus} onOpen={onOpen} />}
      {control && open && <AgentStatusActions row={row} control={control} onDone={() => onOpen(false)} />}
    </li>
  );
}
