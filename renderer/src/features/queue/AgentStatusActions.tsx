import { CircleCheck, CircleSlash, CircleX, Coffee, UserCog, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { awayReasonsFor, type AgentStatus, type AwayReason } from '../../../../shared/domain/agent.ts';
import type { RequestError } from '../../state/errors.ts';
import type { AgentRow } from './wallboard-model.ts';

/** What a supervisor's agent board needs to change agents' statuses (from the queue store). */
export interface AgentStatusControl {
  /** Changes in flight and the core's last refusal, by agent id. */
  busy: Readonly<Record<number, true>>;
  errors: Readonly<Record<number, RequestError>>;
  onSet(agentId: number, status: AgentStatus, reason?: AwayReason): Promise<boolean>;
  onDismiss(agentId: number): void;
}

/** The row's "Status…" button; takes focus back when its panel closes (also once the row has moved to its new group). */
export function AgentStatusActionsToggle({ name, agentId, open, refocus, onOpen }: { name: string; agentId: number; open: boolean; refocus: boolean; onOpen(open: boolean): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refocus) ref.current?.focus();
  }, [refocus]);
  return (
    <button
      ref={ref}
      type="button"
      className="button small ghost icon-only agent-actions-toggle"
      aria-expanded={open}
      aria-label={t('queue.agents.actions.openLabel', { name })}
      title={t('queue.agents.actions.openLabel', { name })}
      onClick={() => onOpen(!open)}
      data-testid="agent-actions-toggle"
      data-agent-toggle={agentId}
    >
      <UserCog className="icon" size={18} aria-hidden="true" />
    </button>
  );
}

/** Make available, set away with a reason, or sign out of the queue, for the agent of this row. Escape closes. */
export function AgentStatusActions({ row, control, onDone }: { row: AgentRow; control: AgentStatusControl; onDone(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const reasonId = useId();
  const hintId = useId();
  const reasons = awayReasonsFor(row.role);
  const s = row.live;
  const [reason, setReason] = useState<AwayReason>(() => (s.status === 'away' && reasons.includes(s.status_reason as AwayReason) ? (s.status_reason as AwayReason) : 'break'));
  const busy = control.busy[row.id] === true;
  const error = control.errors[row.id];

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not(:disabled), select')?.focus();
  }, []);

  const set = (status: AgentStatus, why?: AwayReason): void => {
    void control.onSet(row.id, status, why).then((ok) => ok && onDone());
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onDone();
  };

  return (
    <div ref={ref} className="agent-actions" role="group" aria-label={t('queue.agents.actions.title', { name: row.name })} aria-busy={busy || undefined} onKeyDown={onKeyDown} data-testid="agent-actions">
      <div className="agent-actions-row">
        <button type="button" className="button small" disabled={busy || s.status === 'available'} onClick={() => set('available')} data-testid="agent-action-available">
          <CircleCheck className="icon tone-text-good" size={16} aria-hidden="true" />
          <span>{t('queue.agents.actions.available')}</span>
        </button>
        <span className="agent-actions-away">
          <label className="visually-hidden" htmlFor={reasonId}>
            {t('queue.agents.actions.reason')}
          </label>
          <select id={reasonId} value={reason} disabled={busy} onChange={(e) => setReason(e.target.value as AwayReason)} data-testid="agent-action-reason">
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`awayReason.${r}`)}
              </option>
            ))}
          </select>
          <button type="button" className="button small" disabled={busy || (s.status === 'away' && s.status_reason === reason)} onClick={() => set('away', reason)} data-testid="agent-action-away">
            <Coffee className="icon tone-text-warn" size={16} aria-hidden="true" />
            <span>{t('queue.agents.actions.away')}</span>
          </button>
        </span>
        <button type="button" className="button small" disabled={busy || s.status === 'offline'} aria-describedby={hintId} onClick={() => set('offline')} data-testid="agent-action-offline">
          <CircleSlash className="icon" size={16} aria-hidden="true" />
          <span>{t('queue.agents.actions.offline')}</span>
        </button>
        <button type="button" className="button small ghost icon-only" aria-label={t('queue.agents.actions.close')} title={`${t('queue.agents.actions.close')} (Esc)`} onClick={onDone}>
          <X className="icon" size={16} aria-hidden="true" />
        </button>
      </div>
      <p className="agent-actions-hint muted small" id={hintId}>
        {t('queue.agents.actions.offlineHint')}
      </p>
      {error && (
        <p className="inline-error" role="alert" data-testid="agent-action-error">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('queue.agents.actions.error', { message: error.message })}</span>
        </p>
      )}
    </div>
  );
}
