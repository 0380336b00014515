import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import type { RequestError } from '../../state/errors.ts';
import { useFormat } from '../use-format.ts';

export interface CallPanelHeaderProps {
  /** Id of the heading, for the panel's aria-labelledby. */
  titleId: string;
  call: Pick<Call, 'from_number' | 'to_number'> | null;
  /** Focus moves to the heading whenever this changes (another call opened). */
  focusKey: unknown;
  closeLabel: string;
  loading: boolean;
  error: RequestError | null;
  onClose(): void;
}

/**
 * The head of a panel about one call (History's call page, a followed live call): who called
 * whom, a close button (and Escape, unless something inside handled it), the load error or
 * progress. Focus lands on the heading when another call opens, for keyboard and screen-reader users.
 */
export function CallPanelHeader({ titleId, call, focusKey, closeLabel, loading, error, onClose }: CallPanelHeaderProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [focusKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <>
      <header className="detail-header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {call ? `${fmt.phone(call.from_number) || t('call.unknownNumber')} → ${fmt.phone(call.to_number) || t('call.unknownNumber')}` : t('detail.title')}
        </h2>
        <button type="button" className="button ghost small icon-only" onClick={onClose} aria-label={closeLabel} title={closeLabel}>
          <X className="icon" size={18} aria-hidden="true" />
        </button>
      </header>
      {error && (
        <p className="inline-error" role="alert">
          {t('detail.error', { message: error.message })}
        </p>
      )}
      {!call && loading && <p role="status">{t('detail.loading')}</p>}
    </>
  );
}
