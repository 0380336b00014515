import { CircleX, Ear, Headphones, LoaderCircle, Megaphone, MessageCircle, PhoneOff, UserRoundCheck, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITOR_MODES, type MonitorMode, type MonitorVia } from '../../../../shared/contracts/monitor-client.ts';
import { StateBadge } from '../../app/ui/StateBadge.tsx';
import type { RequestError } from '../../state/errors.ts';
import type { MonitorAction } from '../../state/monitor.store.ts';
import { monitorAriaShortcut, monitorShortcutLabel, type MonitorShortcut } from './monitor-shortcuts.ts';

/** Where the supervisor's monitoring of this call stands. */
export type MonitorPhase = 'idle' | 'connecting' | 'active' | 'taken-over';

export interface MonitorControlsProps {
  phase: MonitorPhase;
  /** The mode in force (active), or being connected in (connecting). */
  mode: MonitorMode | null;
  via: MonitorVia | null;
  agentName: string | null;
  busy: MonitorAction | null;
  error: RequestError | null;
  /** The last monitor call failed (or dropped): its SIP code and reason, else null. */
  failed: string | null;
  /** Null when the supervisor can monitor; else why not (no seat of their own). */
  unavailable: string | null;
  onMode(mode: MonitorMode): void;
  onTakeOver(): void;
  onStop(): void;
}

const MODE_ICONS: Record<MonitorMode, LucideIcon> = { listen: Ear, whisper: MessageCircle, barge: Megaphone };

/**
 * Listen, whisper, barge and take-over on a human agent's call, each with its hotkey in the
 * tooltip. The mode in force is the pressed button and is also said in words.
 */
export function MonitorControls({ phase, mode, via, agentName, busy, error, failed, unavailable, onMode, onTakeOver, onStop }: MonitorControlsProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const tooltip = (label: string, hint: string, action: MonitorShortcut) => t('monitor.tooltip', { label, hint, shortcut: monitorShortcutLabel(action) });
  const disabled = unavailable !== null || phase === 'taken-over';
  const live = phase === 'active' || phase === 'connecting';

  return (
    <section className="controls-panel monitor-controls" aria-labelledby={titleId} data-testid="monitor-controls" data-phase={phase} data-mode={live ? (mode ?? '') : ''}>
      <h3 id={titleId}>{t('monitor.title')}</h3>
      <div className="monitor-modes" role="group" aria-label={t('monitor.modesLabel')}>
        {MONITOR_MODES.map((m) => {
          const Icon = MODE_ICONS[m];
          const label = t(`monitor.mode.${m}`);
          return (
            <button
              key={m}
              type="button"
              className="button small"
              aria-pressed={live && mode === m}
              aria-busy={busy === m || undefined}
              aria-keyshortcuts={monitorAriaShortcut(m)}
              title={tooltip(label, t(`monitor.hint.${m}`), m)}
              disabled={disabled}
              onClick={() => onMode(m)}
              data-testid={`monitor-${m}`}
            >
              <Icon className="icon" size={16} aria-hidden="true" />
              <span>{label}</span>
            </button>
          );
        })}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button small primary"
          aria-busy={busy === 'take-over' || undefined}
          aria-keyshortcuts={monitorAriaShortcut('take-over')}
          title={tooltip(t('monitor.takeOver'), t('monitor.takeOverHint'), 'take-over')}
          disabled={disabled}
          onClick={onTakeOver}
          data-testid="take-over"
        >
          <UserRoundCheck className="icon" size={16} aria-hidden="true" />
          <span>{t('monitor.takeOver')}</span>
        </button>
        <button
          type="button"
          className="button small ghost"
          aria-keyshortcuts={monitorAriaShortcut('stop')}
          title={tooltip(t('monitor.stop'), t('monitor.stopHint'), 'stop')}
          disabled={!live}
          onClick={onStop}
          data-testid="monitor-stop"
        >
          <PhoneOff className="icon" size={16} aria-hidden="true" />
          <span>{t('monitor.stop')}</span>
        </button>
      </div>
      <p className="monitor-state" role="status" aria-live="polite" data-testid="monitor-state">
        {phase === 'idle' && <span className="muted">{unavailable ?? t('monitor.state.idle')}</span>}
        {phase === 'connecting' && <StateBadge icon={LoaderCircle} spin tone="info" label={t('monitor.state.connecting', { name: agentName ?? '' })} />}
        {phase === 'active' && mode && (
          <StateBadge icon={Headphones} tone="warn" label={t(`monitor.state.${mode}`, { name: agentName ?? '' })} state={`monitor-${mode}`} />
        )}
        {phase === 'taken-over' && <StateBadge icon={UserRoundCheck} tone="good" label={t('monitor.state.takenOver')} />}
        {live && via && <span className="muted small">{t(`monitor.via.${via}`)}</span>}
      </p>
      {(error || failed !== null) && (
        <p className="inline-error" role="alert" data-testid="monitor-error">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{error ? t('monitor.failed', { message: error.message }) : t('monitor.callFailed', { reason: failed || t('monitor.noReason') })}</span>
        </p>
      )}
    </section>
  );
}
