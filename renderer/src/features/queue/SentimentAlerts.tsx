import { Frown, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import type { SentimentAlert } from './wallboard-model.ts';

/** Live calls whose sentiment turned negative, longest first: where a supervisor may be needed. Presentational. */
export function SentimentAlerts({ alerts }: { alerts: SentimentAlert[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className={`card wallboard-card alerts-card${alerts.length > 0 ? ' has-alerts' : ''}`} aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('queue.alerts.title')}</h2>
      {alerts.length === 0 ? (
        <p className="empty with-icon">
          <ShieldCheck className="icon tone-text-good" size={18} aria-hidden="true" />
          {t('queue.alerts.empty')}
        </p>
      ) : (
        <ul className="alert-list" aria-live="polite">
          {alerts.map(({ call, elapsedSeconds, agentName }) => {
            const from = fmt.phone(call.from_number) || t('call.unknownNumber');
            const who = agentName ?? (call.handled_by === 'ai_agent' || call.realtime_call_id ? t('queue.alerts.ai') : t('queue.alerts.nobody'));
            const time = fmt.duration(elapsedSeconds);
            return (
              <li key={call.id} className="alert-item" data-testid="sentiment-alert" data-call-sid={call.sid}>
                <Frown className="icon" size={22} aria-hidden="true" />
                <a href={hrefFor('live', call.id)} aria-label={t('queue.alerts.label', { from, who, time })}>
                  <span className="phone alert-from">{from}</span>
                  <span className="alert-who">{who}</span>
                  <span className="alert-time">{time}</span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
