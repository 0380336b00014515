import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallStatusBadge, DirectionLabel, HandlerLabel } from '../../app/ui/call-visuals.tsx';
import type { LiveSlice } from '../../state/calls.store.ts';

export interface LiveCallsTableProps {
  live: LiveSlice;
  /** Milliseconds since the epoch, for elapsed times. */
  now: number;
  agentName(id: number | null): string | null;
}

function elapsedSeconds(call: Call, now: number): number {
  const since = Date.parse(call.answered_at ?? call.started_at);
  return Number.isNaN(since) ? 0 : Math.max(0, (now - since) / 1000);
}

export function LiveCallsTable({ live, now, agentName }: LiveCallsTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { calls, loaded, loading, error } = live;
  const none = t('common.none');

  return (
    <>
      {error && (
        <p className="inline-error" role="alert">
          {t('live.error', { message: error.message })}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="live-calls-table">
          <caption className="visually-hidden">{t('live.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('live.columns.started')}</th>
              <th scope="col">{t('live.columns.direction')}</th>
              <th scope="col">{t('live.columns.from')}</th>
              <th scope="col">{t('live.columns.to')}</th>
              <th scope="col">{t('live.columns.status')}</th>
              <th scope="col">{t('live.columns.handledBy')}</th>
              <th scope="col">{t('live.columns.agent')}</th>
              <th scope="col" className="num">
                {t('live.columns.elapsed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => {
              const elapsed = elapsedSeconds(call, now);
              return (
                <tr key={call.id} data-testid="live-call-row" data-call-sid={call.sid} data-state={call.status} data-handler={call.handled_by}>
                  <td className="nowrap">
                    <a href={hrefFor('history', call.id)} aria-label={t('history.open', { sid: call.sid })}>
                      <time dateTime={call.started_at}>{fmt.time(call.started_at)}</time>
                    </a>
                  </td>
                  <td>
                    <DirectionLabel direction={call.direction} />
                  </td>
                  <td className="phone">{fmt.phone(call.from_number) || t('call.unknownNumber')}</td>
                  <td className="phone">{fmt.phone(call.to_number) || t('call.unknownNumber')}</td>
                  <td>
                    <CallStatusBadge status={call.status} />
                  </td>
                  <td>
                    <HandlerLabel handler={call.handled_by} />
                  </td>
                  <td>{agentName(call.agent_id) ?? none}</td>
                  <td className="num" aria-label={fmt.durationLong(elapsed)}>
                    {fmt.duration(elapsed)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {loaded && calls.length === 0 && <p className="empty">{t('live.empty')}</p>}
        {!loaded && loading && (
          <p className="empty" role="status">
            {t('live.loading')}
          </p>
        )}
      </div>
    </>
  );
}
