import { History } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallPanelHeader } from '../../app/ui/CallPanelHeader.tsx';
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
  return (
    <section className="detail live-call-panel" aria-labelledby="live-call-title" data-testid="live-call-panel" data-call-sid={call?.sid}>
      <CallPanelHeader titleId="live-call-title" call={call} focusKey={call?.id ?? null} closeLabel={t('liveCall.close')} loading={loading} error={error} onClose={onClose} />
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
