import { History, X } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallStatusBadge, HandlerLabel } from '../../app/ui/call-visuals.tsx';
import type { RequestError } from '../../state/errors.ts';
import './live-calls.css';

export interface LiveCallPanelProps {
  call: Call | null;
  active: boolean;
  loading: boolean;
  error: RequestError | null;
  agentName: string | null;
  /** Seconds since the call was answered (or started). */
  elapsed: number;
  /** Controls for an AI-handled call (whisper, say, take over), when the person may use them. */
  controls?: ReactNode;
  /** The call's live transcript. */
  transcript: ReactNode;
  onClose(): void;
}

/** A call a supervisor follows: who, how long, its transcript as it is spoken. */
export function LiveCallPanel({ call, active, loading, error, agentName, elapsed, controls, transcript, onClose }: LiveCallPanelProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const callId = call?.id ?? null;

  useEffect(() => {
    headingRef.current?.focus();
  }, [callId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section className="detail live-call-panel" aria-labelledby="live-call-title" data-testid="live-call-panel" data-call-sid={call?.sid}>
      <header className="detail-header">
        <h2 id="live-call-title" ref={headingRef} tabIndex={-1}>
          {call ? `${fmt.phone(call.from_number) || t('call.unknownNumber')} → ${fmt.phone(call.to_number) || t('call.unknownNumber')}` : t('detail.title')}
        </h2>
        <button type="button" className="button ghost small icon-only" onClick={onClose} aria-label={t('liveCall.close')} title={t('liveCall.close')}>
          <X className="icon" size={18} aria-hidden="true" />
        </button>
      </header>
      {error && (
        <p className="inline-error" role="alert">
          {t('detail.error', { message: error.message })}
        </p>
      )}
      {!call && loading && <p role="status">{t('detail.loading')}</p>}
      {call && (
        <div className="detail-badges">
          <CallStatusBadge status={call.status} />
          <HandlerLabel handler={call.handled_by} agentName={agentName} />
          {active && (
            <span className="live-call-elapsed" aria-label={`${t('liveCall.elapsed')}: ${fmt.durationLong(elapsed)}`}>
              {fmt.duration(elapsed)}
            </span>
          )}
        </div>
      )}
      {call && !active && (
        <p className="live-call-ended muted" role="status">
          <span>{t('liveCall.ended')}</span>{' '}
          <a href={hrefFor('history', call.id)} className="with-icon">
            <History className="icon" size={16} aria-hidden="true" />
            <span>{t('liveCall.openDetail')}</span>
          </a>
        </p>
      )}
      {transcript}
      {controls}
    </section>
  );
}
