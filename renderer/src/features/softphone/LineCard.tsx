import {
  ArrowRightLeft,
  CircleX,
  Headphones,
  Mic,
  MicOff,
  Pause,
  Phone,
  PhoneForwarded,
  PhoneIncoming,
  PhoneOff,
  PhoneOutgoing,
  Play,
  Split,
  Users,
  X,
} from 'lucide-react';
import { useId, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { availableActions, isLive, type LineState } from '../../../../shared/sip/line-state.ts';
import { useFormat } from '../../app/use-format.ts';
import { StateBadge } from '../../app/ui/StateBadge.tsx';
import { LINE_STATE_VISUALS } from '../../app/ui/line-visuals.tsx';
import type { RequestError } from '../../state/errors.ts';
import type { LineBusy } from '../../state/lines.store.ts';
import type { DirectoryEntry } from './directory.ts';
import { Keypad } from './Keypad.tsx';
import { TransferTargetInput } from './TransferTargetInput.tsx';
import { ariaShortcut, shortcutLabel, type LineShortcut } from './shortcuts.ts';

export interface LineCardProps {
  line: LineState;
  selected: boolean;
  busy: LineBusy | undefined;
  error: RequestError | null;
  /** Milliseconds since the epoch, for the call timer. */
  now: number;
  /** For a consultation call: the line it will transfer (still open), else null. */
  consultOf: LineState | null;
  /** Validates a transfer target as typed: null when it can be dialled, else the reason. */
  validateTarget(target: string): string | null;
  /** Agents offered as transfer targets. */
  directory?: DirectoryEntry[];
  conference?: LineConference;
  /** Say on the card when a supervisor listens, whispers or barges in (the agent's setting). */
  showMonitoring?: boolean;
  onSelect(): void;
  onAnswer(): void;
  onDecline(): void;
  onHangup(): void;
  onHold(on: boolean): void;
  onMute(on: boolean): void;
  onDtmf(digit: string): void;
  onTransfer(target: string): void;
  onConsult(target: string): void;
  onCompleteTransfer(): void;
  onDismiss(): void;
  onClearError(): void;
}

/** The 3-way conference as one line card shows it. */
export interface LineConference {
  /** This line is joined with `partnerName`'s. */
  active: boolean;
  /** Who this line would be (or is) joined with; null when there is no second call. */
  partnerName: string | null;
  joining: boolean;
  onJoin(): void;
  /** Split: keep talking on this line, the other goes on hold. */
  onSplit(): void;
}

/** Talk time: from the answer to the end (or now). */
export function talkSeconds(line: Pick<LineState, 'answered_at' | 'ended_at'>, now: number): number | null {
  if (!line.answered_at) return null;
  const start = Date.parse(line.answered_at);
  const end = line.ended_at ? Date.parse(line.ended_at) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, (end - start) / 1000);
}

/** Who is on the other end, as a person reads it: the display name, else the number. */
export function remoteName(line: LineState, phone: (raw: string) => string): { name: string; number: string } {
  const number = phone(line.remote.uri);
  const display = line.remote.display.trim();
  return { name: display !== '' ? display : number, number: display !== '' && display !== number ? number : '' };
}

interface ActionButtonProps {
  testId: string;
  label: string;
  shortcut?: LineShortcut;
  icon: ReactNode;
  tone?: 'answer' | 'end' | 'plain';
  pressed?: boolean;
  disabled?: boolean;
  busy?: boolean;
  /** Tooltip when the label alone does not say enough. */
  title?: string;
  onClick(): void;
}

function ActionButton({ testId, label, shortcut, icon, tone = 'plain', pressed, disabled, busy, title: explicitTitle, onClick }: ActionButtonProps) {
  const { t } = useTranslation();
  const title = explicitTitle ?? (shortcut ? t('line.tooltip', { label, shortcut: shortcutLabel(shortcut) }) : label);
  return (
    <button
      type="button"
      className={`button line-action action-${tone}`}
      onClick={(e: MouseEvent) => {
        e.stopPropagation();
        onClick();
      }}
      disabled={disabled}
      aria-pressed={pressed}
      aria-busy={busy || undefined}
      aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
      title={title}
      data-testid={testId}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}

export function LineCard(props: LineCardProps) {
  const { line, selected, busy, error, now, consultOf, validateTarget, conference } = props;
  const { t } = useTranslation();
  const fmt = useFormat();
  const titleId = useId();
  const [transferTarget, setTransferTarget] = useState('');
  const actions = availableActions(line);
  const can = (a: (typeof actions)[number]): boolean => actions.includes(a);
  const visual = LINE_STATE_VISUALS[line.state];
  const who = remoteName(line, (raw) => fmt.phone(raw));
  const stateText = t(`line.state.${line.state}`);
  const seconds = talkSeconds(line, now);
  const ended = line.state === 'ended';
  const DirectionIcon = line.direction === 'inbound' ? PhoneIncoming : PhoneOutgoing;
  const inConference = conference?.active === true && !ended;
  const established = line.state === 'talking' || line.state === 'on-hold' || line.state === 'remote-hold';
  const monitoredBy = props.showMonitoring !== false && !ended && line.monitor?.role === 'monitored' ? line.monitor : null;

  const targetError = transferTarget.trim() === '' ? null : validateTarget(transferTarget);
  const targetOk = transferTarget.trim() !== '' && targetError === null;
  const showKeypad = selected && (isLive(line) || can('dtmf'));
  const showTransfer = selected && consultOf === null && (can('transfer') || line.state === 'transferring');

  const endText = (() => {
    if (!ended || !line.end_reason) return null;
    const reason = t(`line.endReason.${line.end_reason}`);
    const detail = line.end_detail ?? (line.sip_code && line.sip_code >= 300 ? t('line.sipCode', { code: line.sip_code }) : null);
    return detail ? t('line.endDetail', { reason, detail }) : reason;
  })();

  return (
    <article
      className={`line-card state-${line.state}${selected ? ' selected' : ''}`}
      aria-labelledby={titleId}
      aria-current={selected || undefined}
      onClick={props.onSelect}
      data-testid="line-card"
      data-line-id={line.line_id}
      data-call-sid={line.call_sid}
      data-state={line.state}
      data-muted={line.muted}
      data-held={line.held}
      data-conference={inConference}
      data-monitored={monitoredBy?.mode}
    >
      <header className="line-head">
        <DirectionIcon className="icon line-direction" size={20} aria-label={t(`call.direction.${line.direction}`)} />
        <div className="line-who">
          <h3 id={titleId} className="line-name" data-testid="line-remote">
            {who.name || t('line.unknownCaller')}
          </h3>
          {who.number && <p className="line-number phone">{who.number}</p>}
        </div>
        <div className="line-status">
          <StateBadge icon={visual.icon} tone={visual.tone} spin={visual.spin} label={stateText} state={line.state} />
          {inConference && <StateBadge testId="conference-badge" icon={Users} tone="info" label={t('line.conference')} state="conference" />}
          {line.muted && !ended && <StateBadge icon={MicOff} tone="bad" label={t('line.muted')} state="muted" />}
          {monitoredBy && (
            <StateBadge
              testId="monitor-indicator"
              icon={Headphones}
              tone="warn"
              label={t(`line.monitored.${monitoredBy.mode}`)}
              ariaLabel={t(`line.monitoredBy.${monitoredBy.mode}`, { name: monitoredBy.party })}
              state={`monitor-${monitoredBy.mode}`}
            />
          )}
          {line.state === 'on-hold' && line.remote_held && <StateBadge icon={Pause} tone="muted" label={t('line.state.remote-hold')} />}
          {line.state === 'ringing' && line.early && <span className="muted small">{t('line.earlyMedia')}</span>}
        </div>
        {seconds !== null && (
          <time className="line-timer" data-testid="line-timer" aria-label={`${t('line.elapsed')}: ${fmt.durationLong(seconds)}`}>
            {fmt.duration(seconds)}
          </time>
        )}
      </header>

      {consultOf && (
        <p className="line-note">
          <ArrowRightLeft className="icon" size={16} aria-hidden="true" />
          {t('line.consultFor', { name: remoteName(consultOf, (raw) => fmt.phone(raw)).name })}
        </p>
      )}
      {inConference && conference?.partnerName && (
        <p className="line-note conference-note" data-testid="conference-note">
          <Users className="icon" size={16} aria-hidden="true" />
          {t('line.conferenceWith', { name: conference.partnerName })}
        </p>
      )}
      {endText && (
        <p className="line-note" data-testid="line-end-reason" data-reason={line.end_reason}>
          {endText}
        </p>
      )}

      <div className="line-actions" role="group" aria-label={stateText}>
        {line.state === 'incoming' && (
          <>
            <ActionButton
              testId="answer"
              tone="answer"
              label={t('line.actions.answer')}
              shortcut="answer"
              icon={<Phone className="icon" size={18} aria-hidden="true" />}
              disabled={!can('answer') || busy !== undefined}
              busy={busy === 'answer'}
              onClick={props.onAnswer}
            />
            <ActionButton
              testId="decline"
              tone="end"
              label={t('line.actions.decline')}
              shortcut="decline"
              icon={<PhoneOff className="icon" size={18} aria-hidden="true" />}
              disabled={!can('decline') || busy !== undefined}
              busy={busy === 'decline'}
              onClick={props.onDecline}
            />
          </>
        )}
        {!ended && line.state !== 'incoming' && (
          <>
            <ActionButton
              testId="hold"
              label={line.pending === 'hold' ? t('line.holdPending') : line.pending === 'resume' ? t('line.resumePending') : line.held ? t('line.actions.resume') : t('line.actions.hold')}
              shortcut="hold"
              icon={line.held ? <Play className="icon" size={18} aria-hidden="true" /> : <Pause className="icon" size={18} aria-hidden="true" />}
              pressed={line.held}
              disabled={!(can('hold') || can('resume')) || busy === 'hold'}
              busy={line.pending !== null || busy === 'hold'}
              onClick={() => props.onHold(!line.held)}
            />
            <ActionButton
              testId="mute"
              label={line.muted ? t('line.actions.unmute') : t('line.actions.mute')}
              shortcut="mute"
              icon={line.muted ? <MicOff className="icon" size={18} aria-hidden="true" /> : <Mic className="icon" size={18} aria-hidden="true" />}
              pressed={line.muted}
              disabled={!(can('mute') || can('unmute')) || busy === 'mute'}
              busy={busy === 'mute'}
              onClick={() => props.onMute(!line.muted)}
            />
            <ActionButton
              testId="hangup"
              tone="end"
              label={line.state === 'dialing' || line.state === 'ringing' ? t('line.actions.cancel') : t('line.actions.hangup')}
              shortcut="hangup"
              icon={<PhoneOff className="icon" size={18} aria-hidden="true" />}
              disabled={!can('hangup') || busy === 'hangup'}
              busy={busy === 'hangup'}
              onClick={props.onHangup}
            />
          </>
        )}
        {conference && !ended && established && consultOf === null && !inConference && (
          <ActionButton
            testId="conference"
            label={conference.joining ? t('line.conferenceJoining') : t('line.actions.conference')}
            icon={<Users className="icon" size={18} aria-hidden="true" />}
            disabled={conference.partnerName === null || conference.joining || busy !== undefined}
            busy={conference.joining}
            title={conference.partnerName === null ? t('line.conferenceNeedsCall') : t('line.conferenceTooltip', { name: conference.partnerName })}
            onClick={conference.onJoin}
          />
        )}
        {conference && inConference && (
          <ActionButton
            testId="conference-end"
            label={t('line.actions.conferenceEnd')}
            icon={<Split className="icon" size={18} aria-hidden="true" />}
            title={t('line.conferenceEndTooltip', { name: conference.partnerName ?? '' })}
            onClick={conference.onSplit}
          />
        )}
        {consultOf && !ended && (
          <ActionButton
            testId="transfer-attended"
            tone="answer"
            label={t('line.actions.completeTransfer')}
            icon={<PhoneForwarded className="icon" size={18} aria-hidden="true" />}
            disabled={(line.state !== 'talking' && line.state !== 'on-hold') || busy !== undefined}
            busy={busy === 'transfer'}
            onClick={props.onCompleteTransfer}
          />
        )}
        {ended && (
          <ActionButton
            testId="dismiss"
            label={t('line.actions.dismiss')}
            icon={<X className="icon" size={18} aria-hidden="true" />}
            disabled={busy === 'dismiss'}
            onClick={props.onDismiss}
          />
        )}
      </div>

      {showKeypad && (
        <div className="line-extra" onClick={(e) => e.stopPropagation()}>
          <div className="line-keypad">
            <Keypad testIdPrefix="dtmf" label={t('line.dtmfLabel')} disabled={!can('dtmf')} onKey={props.onDtmf} />
            <p className="muted small">{t('line.dtmfHint')}</p>
          </div>
          {showTransfer && (
            <form
              className="transfer"
              aria-label={t('line.transferLabel')}
              onSubmit={(e) => {
                e.preventDefault();
                if (targetOk) props.onTransfer(transferTarget);
              }}
            >
              <div className="field">
                <label className="field-label" htmlFor={`${titleId}-target`}>
                  {t('line.transferTarget')}
                </label>
                <TransferTargetInput id={`${titleId}-target`} value={transferTarget} invalid={targetError !== null} directory={props.directory ?? []} describedBy={`${titleId}-dirhint`} onChange={setTransferTarget} />
                <span className="field-hint" id={`${titleId}-dirhint`}>
                  {(props.directory?.length ?? 0) > 0 ? t('line.directoryHint') : ''}
                </span>
                {targetError && <span className="field-error">{targetError}</span>}
              </div>
              <div className="button-row">
                <button type="submit" className="button" disabled={!targetOk || !can('transfer') || busy !== undefined} title={t('line.transferBlindTooltip')} data-testid="transfer-blind">
                  <PhoneForwarded className="icon" size={18} aria-hidden="true" />
                  <span>{t('line.transferBlind')}</span>
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={!targetOk || !can('transfer') || busy !== undefined}
                  title={t('line.transferAttendedTooltip')}
                  onClick={() => props.onConsult(transferTarget)}
                  data-testid="transfer-attended"
                >
                  <ArrowRightLeft className="icon" size={18} aria-hidden="true" />
                  <span>{t('line.transferAttended')}</span>
                </button>
              </div>
            </form>
          )}
        </div>
      )}

      {error && (
        <p className="inline-error line-error" role="alert" data-testid="line-error">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('line.error', { message: error.message })}</span>
          <button
            type="button"
            className="button ghost small icon-only"
            onClick={(e) => {
              e.stopPropagation();
              props.onClearError();
            }}
            aria-label={t('line.dismissError')}
            title={t('line.dismissError')}
          >
            <X className="icon" size={16} aria-hidden="true" />
          </button>
        </p>
      )}
    </article>
  );
}
