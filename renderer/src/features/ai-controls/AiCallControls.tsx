import { CircleX, Hand, MessageSquareText, PhoneForwarded, PhoneOff, Send, Square, UserRoundCheck } from 'lucide-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiAction, AiControlState } from '../../state/ai-controls.store.ts';

export interface AiCallControlsProps {
  state: AiControlState;
  /** The supervisor's own seat address (extension), for "take over"; null when they have none. */
  ownTarget: string | null;
  onSend(action: AiAction, value?: string): Promise<boolean>;
}

/**
 * A supervisor's hands on a live AI call: guidance only the AI hears, words it says now,
 * stop it, take the caller (to this seat or someone else), hang up. Every action is audited.
 */
export function AiCallControls({ state, ownTarget, onSend }: AiCallControlsProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), whisper: useId(), say: useId(), target: useId() };
  const [whisper, setWhisper] = useState('');
  const [say, setSay] = useState('');
  const [target, setTarget] = useState('');
  const [confirmHangup, setConfirmHangup] = useState(false);
  const busy = state.busy !== null;

  const submit = (action: 'whisper' | 'say', value: string, clear: () => void) => (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() === '') return;
    void onSend(action, value.trim()).then((ok) => ok && clear());
  };

  const textForm = (action: 'whisper' | 'say', id: string, value: string, setValue: (v: string) => void, icon: ReactNode, testId: string) => (
    <form className="ai-control-form" onSubmit={submit(action, value, () => setValue(''))}>
      <label className="field-label" htmlFor={id}>
        {t(`aiControls.${action}.label`)}
      </label>
      <div className="ai-control-input">
        <input id={id} value={value} onChange={(e) => setValue(e.target.value)} placeholder={t(`aiControls.${action}.placeholder`)} maxLength={2000} data-testid={testId} />
        <button type="submit" className="button small" disabled={busy || value.trim() === ''} title={t(`aiControls.${action}.hint`)} data-testid={`${testId}-send`}>
          {icon}
          <span>{t(`aiControls.${action}.send`)}</span>
        </button>
      </div>
    </form>
  );

  return (
    <section className="controls-panel ai-controls" aria-labelledby={ids.title} data-testid="ai-controls">
      <h3 id={ids.title}>{t('aiControls.title')}</h3>
      {textForm('whisper', ids.whisper, whisper, setWhisper, <MessageSquareText className="icon" size={16} aria-hidden="true" />, 'ai-whisper-input')}
      {textForm('say', ids.say, say, setSay, <Send className="icon" size={16} aria-hidden="true" />, 'ai-say-input')}
      <div className="button-row">
        <button type="button" className="button small" onClick={() => void onSend('stop')} disabled={busy} title={t('aiControls.stop.hint')} data-testid="ai-stop">
          <Square className="icon" size={16} aria-hidden="true" />
          <span>{t('aiControls.stop.label')}</span>
        </button>
        <button
          type="button"
          className="button small primary"
          onClick={() => ownTarget && void onSend('transfer', ownTarget)}
          disabled={busy || !ownTarget}
          title={ownTarget ? t('aiControls.takeOver.hint', { target: ownTarget }) : t('aiControls.takeOver.noSeat')}
          data-testid="take-over"
        >
          <UserRoundCheck className="icon" size={16} aria-hidden="true" />
          <span>{t('aiControls.takeOver.label')}</span>
        </button>
        {confirmHangup ? (
          <button type="button" className="button small action-end" onClick={() => void onSend('hangup').then(() => setConfirmHangup(false))} disabled={busy} data-testid="ai-hangup-confirm">
            <PhoneOff className="icon" size={16} aria-hidden="true" />
            <span>{t('aiControls.hangup.confirm')}</span>
          </button>
        ) : (
          <button type="button" className="button small ghost" onClick={() => setConfirmHangup(true)} disabled={busy} data-testid="ai-hangup">
            <PhoneOff className="icon" size={16} aria-hidden="true" />
            <span>{t('aiControls.hangup.label')}</span>
          </button>
        )}
      </div>
      <form
        className="ai-control-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (target.trim()) void onSend('transfer', target.trim()).then((ok) => ok && setTarget(''));
        }}
      >
        <label className="field-label" htmlFor={ids.target}>
          {t('aiControls.transfer.label')}
        </label>
        <div className="ai-control-input">
          <input id={ids.target} value={target} onChange={(e) => setTarget(e.target.value)} placeholder={t('aiControls.transfer.placeholder')} maxLength={300} data-testid="ai-transfer-target" />
          <button type="submit" className="button small" disabled={busy || target.trim() === ''} data-testid="ai-transfer">
            <PhoneForwarded className="icon" size={16} aria-hidden="true" />
            <span>{t('aiControls.transfer.send')}</span>
          </button>
        </div>
      </form>
      <p className="ai-control-status small" role="status" aria-live="polite" data-testid="ai-control-status">
        {state.busy && (
          <>
            <Hand className="icon" size={14} aria-hidden="true" /> {t(`aiControls.busy.${state.busy}`)}
          </>
        )}
        {!state.busy && state.done && t(`aiControls.done.${state.done}`)}
      </p>
      {state.error && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('aiControls.failed', { message: state.error.message })}</span>
        </p>
      )}
    </section>
  );
}
