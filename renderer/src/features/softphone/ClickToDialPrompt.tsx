import { Phone, PhoneCall, X } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ClickToDialPromptProps {
  target: string;
  /** Why the target cannot be called (already in words), or null. */
  error: string | null;
  /** Confirmed, waiting for the seat to register before dialling. */
  waiting: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a call that a link (not the agent) asked for. Presentational. */
export function ClickToDialPrompt({ target, error, waiting, onConfirm, onCancel }: ClickToDialPromptProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, [target]);
  return (
    <section className="card click-to-dial" role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId} data-testid="click-to-dial-prompt" data-state={waiting ? 'waiting' : 'asking'}>
      <h2 id={titleId} className="with-icon">
        <PhoneCall className="icon" size={18} aria-hidden="true" />
        {t('softphone.clickToDial.title')}
      </h2>
      <p id={bodyId}>{t('softphone.clickToDial.body', { target })}</p>
      {error && (
        <p className="field-error" role="alert">
          {t('softphone.clickToDial.invalid', { reason: error })}
        </p>
      )}
      {waiting && (
        <p className="muted small" role="status">
          {t('softphone.clickToDial.waiting')}
        </p>
      )}
      <div className="button-row">
        <button ref={confirmRef} type="button" className="button call" disabled={error !== null || waiting} aria-busy={waiting || undefined} onClick={onConfirm} data-testid="click-to-dial-confirm">
          <Phone className="icon" size={18} aria-hidden="true" />
          <span>{t('softphone.clickToDial.confirm')}</span>
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="click-to-dial-cancel">
          <X className="icon" size={18} aria-hidden="true" />
          <span>{t('softphone.clickToDial.cancel')}</span>
        </button>
      </div>
    </section>
  );
}
