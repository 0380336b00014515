import { PhoneOutgoing } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallStatusBadge, DIRECTION_ICONS } from '../../app/ui/call-visuals.tsx';
import type { RequestError } from '../../state/errors.ts';
import { callBackNumber } from './keypad.ts';

export interface RecentCallsProps {
  calls: Call[];
  loaded: boolean;
  error: RequestError | null;
  canDial: boolean;
  onCall(number: string): void;
}

/** The seat's latest calls with a button to call each party again. Presentational. */
export function RecentCalls({ calls, loaded, error, canDial, onCall }: RecentCallsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card recent" aria-labelledby="recent-title" data-testid="recent-calls">
      <h2 id="recent-title">{t('softphone.recent')}</h2>
      {error && (
        <p className="inline-error" role="alert">
          {t('softphone.recentError', { message: error.message })}
        </p>
      )}
      {loaded && calls.length === 0 && <p className="muted">{t('softphone.recentEmpty')}</p>}
      <ul className="recent-list">
        {calls.map((call) => {
          const number = callBackNumber(call);
          const shown = fmt.phone(number) || t('call.unknownNumber');
          const Icon = DIRECTION_ICONS[call.direction];
          const label = call.direction === 'inbound' ? t('softphone.callBack', { number: shown }) : t('softphone.redial', { number: shown });
          return (
            <li key={call.id} className="recent-row" data-testid="recent-call" data-call-sid={call.sid}>
              <Icon className="icon recent-direction" size={18} aria-label={t(`call.direction.${call.direction}`)} />
              <span className="recent-number phone">{shown}</span>
              <time className="recent-time muted small" dateTime={call.started_at}>
                {fmt.dateTime(call.started_at)}
              </time>
              <CallStatusBadge status={call.status} />
              <button
                type="button"
                className="button small icon-only"
                disabled={!canDial || number === null}
                onClick={() => number && onCall(number)}
                aria-label={label}
                title={label}
                data-testid="call-back"
              >
                <PhoneOutgoing className="icon" size={16} aria-hidden="true" />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
