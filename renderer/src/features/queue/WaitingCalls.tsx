import { BellRing, Bot, Hourglass, PhoneForwarded, PhoneOutgoing, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { QueueEntryKind } from '../../../../shared/domain/queue.ts';
import { StateBadge, type Tone } from '../../app/ui/StateBadge.tsx';
import { useFormat } from '../../app/use-format.ts';
import type { WaitingRow } from './wallboard-model.ts';

const KIND: Record<QueueEntryKind, { icon: LucideIcon; tone: Tone }> = {
  inbound: { icon: PhoneForwarded, tone: 'neutral' },
  ai_handoff: { icon: Bot, tone: 'ai' },
  callback: { icon: PhoneOutgoing, tone: 'info' },
};

/** Calls waiting, in serving order, with their waits ticking. Presentational. */
export function WaitingCalls({ rows, serviceLevelSeconds }: { rows: WaitingRow[]; serviceLevelSeconds: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card wallboard-card waiting-card" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('queue.waiting.title')}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('queue.waiting.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wallboard-table" data-testid="queue-waiting-table">
            <caption className="visually-hidden">{t('queue.waiting.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('queue.waiting.columns.position')}
                </th>
                <th scope="col">{t('queue.waiting.columns.caller')}</th>
                <th scope="col" className="num">
                  {t('queue.waiting.columns.wait')}
                </th>
                <th scope="col" className="num">
                  {t('queue.waiting.columns.estimate')}
                </th>
                <th scope="col">{t('queue.waiting.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const kind = KIND[r.entry.kind];
                const KindIcon = kind.icon;
                const late = r.waitSeconds > serviceLevelSeconds;
                const caller = r.entry.kind === 'callback' ? r.entry.to_number : r.entry.from_number;
                return (
                  <tr key={r.entry.id} data-testid="queue-entry-row" data-entry-id={r.entry.id} data-state={r.entry.state} className={late ? 'row-late' : undefined}>
                    <td className="num position" data-testid="queue-entry-position">
                      {fmt.number(r.position)}
                    </td>
                    <td>
                      <span className="phone caller">{fmt.phone(caller) || t('call.unknownNumber')}</span>
                      <span className="entry-meta">
                        <span className={`entry-kind tone-text-${kind.tone}`} data-kind={r.entry.kind}>
                          <KindIcon className="icon" size={14} aria-hidden="true" />
                          {t(`queue.waiting.kind.${r.entry.kind}`)}
                        </span>
                        <span>{t('queue.waiting.priority', { priority: r.entry.priority })}</span>
                        {r.entry.required_skills.length > 0 && <span>{t('queue.waiting.needs', { skills: r.entry.required_skills.join(', ') })}</span>}
                      </span>
                    </td>
                    <td className={`num wait${late ? ' tone-text-bad' : ''}`} data-testid="queue-entry-wait" aria-label={fmt.durationLong(r.waitSeconds)}>
                      {fmt.duration(r.waitSeconds)}
                    </td>
                    <td className="num">
                      {r.estimateSeconds === null ? t('queue.waiting.noAgent') : r.estimateSeconds === 0 ? t('queue.waiting.now') : `~${fmt.duration(r.estimateSeconds)}`}
                    </td>
                    <td>
                      {r.offeredTo !== null ? (
                        <StateBadge icon={BellRing} tone="info" label={t('queue.waiting.offeredTo', { name: r.offeredTo, seconds: r.offerSecondsLeft ?? 0 })} state="offered" />
                      ) : (
                        <StateBadge icon={Hourglass} tone={late ? 'bad' : 'warn'} label={t('queue.waiting.waitingState')} state="waiting" />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
