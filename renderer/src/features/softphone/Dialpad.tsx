import { Delete, Phone } from 'lucide-react';
import { forwardRef, useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from './Keypad.tsx';

export interface DialpadProps {
  value: string;
  /** The reason the current input cannot be dialled (already in words), or null. */
  error: string | null;
  /** The request failed at the core (already in words), or null. */
  callError: string | null;
  canDial: boolean;
  dialing: boolean;
  /** No SIP account: the pad explains instead of dialling. */
  disabledReason: string | null;
  onChange(value: string): void;
  onDial(): void;
}

/** Number entry with a keypad: Enter calls, Escape clears. Presentational. */
export const Dialpad = forwardRef<HTMLInputElement, DialpadProps>(function Dialpad(
  { value, error, callError, canDial, dialing, disabledReason, onChange, onDial },
  ref,
) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const disabled = disabledReason !== null;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      if (canDial && !dialing) onDial();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onChange('');
    }
  };

  const shownError = error ?? callError;
  return (
    <section className="card dialpad" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('softphone.dialer')}</h2>
      <label className="field" htmlFor={inputId}>
        <span className="field-label">{t('softphone.dialLabel')}</span>
        <span className="dial-entry">
          <input
            ref={ref}
            id={inputId}
            type="text"
            inputMode="tel"
            autoComplete="off"
            spellCheck={false}
            className="dial-input"
            value={value}
            placeholder={t('softphone.dialPlaceholder')}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={error !== null || undefined}
            aria-describedby={`${hintId}${shownError ? ` ${errorId}` : ''}`}
            data-testid="dial-input"
          />
          <button
            type="button"
            className="button ghost icon-only"
            onClick={() => onChange(value.slice(0, -1))}
            disabled={disabled || value === ''}
            aria-label={t('softphone.backspace')}
            title={t('softphone.backspace')}
            data-testid="dial-backspace"
          >
            <Delete className="icon" size={18} aria-hidden="true" />
          </button>
        </span>
        <span className="field-hint" id={hintId}>
          {t('softphone.dialHint')}
        </span>
      </label>
      {disabledReason && <p className="muted small">{disabledReason}</p>}
      <p className={shownError ? 'field-error' : 'field-error empty-message'} id={errorId} role="status" aria-live="polite" data-testid="dial-error">
        {shownError ?? ''}
      </p>
      <Keypad testIdPrefix="dialpad" label={t('softphone.keypadLabel')} disabled={disabled} onKey={(d) => onChange(value + d)} />
      <button
        type="button"
        className="button call wide"
        onClick={onDial}
        disabled={!canDial || dialing}
        aria-busy={dialing || undefined}
        title={t('softphone.callTooltip')}
        aria-keyshortcuts="Enter"
        data-testid="dial-call"
      >
        <Phone className="icon" size={18} aria-hidden="true" />
        <span>{dialing ? t('softphone.calling') : t('softphone.call')}</span>
      </button>
    </section>
  );
});
