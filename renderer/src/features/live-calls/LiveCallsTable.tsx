import { Bot, Captions, Frown } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/domain/call.ts';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import { CallStatusBadge, DIRECTION_ICONS, HandlerLabel, SentimentLabel } from '../../app/ui/call-visuals.tsx';
import type { LiveSlice } from '../../state/calls.store.ts';

export interface LiveCallsTableProps {
  live: LiveSlice;
  /** Milliseconds since the epoch, for elapsed times. */
  now: number;
  agentName(id: number | null): string | null;
  assistantName(id: number | null): string | null;
  /** The call whose transcript is open beside the list. */
  followedId: number | null;
  onFollow(id: number): void;
  /** The latest line of a call's transcript, as it is spoken. */
  preview?(call: Call): ReactNode;
}

export function elapsedSeconds(call: Call, now: number): number {
  const since = Date.parse(call.answered_at ?? call.started_at);
  return Number.isNaN(since) ? 0 : Math.max(0, (now - since) / 1000);
}

/**
 * Every call in progress, human and AI: parties, who has it (agent or assistant), state,
 * sentiment (a negative one stands out), time, and the last words said. Presentational.
 */
export function LiveCallsTable({ live, now, agentName, assistantName, followedId, onFollow, preview }: LiveCallsTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { calls, loaded, loading, error } = live;
  const none = t('common.none');
  const compact = followedId !== null;

  return (
    <>
      {error && (
        <p className="inline-error" role="alert">
          {t('live.error', { message: error.message })}
        </p>
      )}
      <div className="table-wrap">
        <table className={compact ? 'table compact live-calls-table' : 'table live-calls-table'} data-testid="live-calls-table">
          <caption className="visually-hidden">{t('live.caption')}</caption>
          <thead>
            <tr>
              {/* Beside a followed call the list is narrow; its panel links to History. */}
              <th scope="col" className="col-optional">
                {t('live.columns.started')}
              </th>
              <th scope="col">{t('live.columns.from')}</th>
              <th scope="col">{t('live.columns.to')}</th>
              <th scope="col">{t('live.columns.status')}</th>
              <th scope="col">{t('live.columns.agent')}</th>
              <th scope="col" className="col-optional">
                {t('live.columns.sentiment')}
              </th>
              <th scope="col" className="num">
                {t('live.columns.elapsed')}
              </th>
              {preview && (
                <th scope="col" className="col-optional">
                  {t('live.columns.lastWords')}
                </th>
              )}
              <th scope="col">
                <span className="visually-hidden">{t('transcript.title')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => {
              const elapsed = elapsedSeconds(call, now);
              const followed = call.id === followedId;
              const from = fmt.phone(call.from_number) || t('call.unknownNumber');
              const alert = call.sentiment === 'negative';
              const person = agentName(call.agent_id);
              const DirectionIcon = DIRECTION_ICONS[call.direction];
              const assistant = assistantName(call.assistant_id);
              return (
                <tr
                  key={call.id}
                  className={['row-link', followed ? 'selected' : '', alert ? 'row-alert' : ''].filter(Boolean).join(' ')}
                  aria-current={followed ? 'true' : undefined}
                  onClick={() => onFollow(call.id)}
                  data-testid="live-call-row"
                  data-call-sid={call.sid}
                  data-state={call.status}
                  data-handler={call.handled_by}
                  data-sentiment={call.sentiment ?? undefined}
                >
                  <td className="nowrap col-optional">
                    <a href={hrefFor('history', call.id)} aria-label={t('history.open', { sid: call.sid })} onClick={(e) => e.stopPropagation()}>
                      <time dateTime={call.started_at}>{fmt.time(call.started_at)}</time>
                    </a>
                  </td>
                  <td className="phone nowrap">
                    {alert && <Frown className="icon row-alert-icon" size={16} role="img" aria-label={t('call.sentiment.negative')} />}
                    <DirectionIcon className="icon row-direction-icon" size={16} role="img" aria-label={t(`call.direction.${call.direction}`)} data-direction={call.direction} />
                    {from}
                  </td>
                  <td className="phone">{fmt.phone(call.to_number) || t('call.unknownNumber')}</td>
                  <td>
                    <CallStatusBadge status={call.status} />
                  </td>
                  <td data-testid="live-call-handler">
                    {person ? (
                      <HandlerLabel handler="human" agentName={person} />
                    ) : assistant ? (
                      <span className="with-icon tone-text-ai">
                        <Bot className="icon" size={16} aria-hidden="true" />
                        <span>{assistant}</span>
                      </span>
                    ) : call.handled_by === 'none' ? (
                      none
                    ) : (
                      <HandlerLabel handler={call.handled_by} />
                    )}
                  </td>
                  <td className="col-optional">{call.sentiment ? <SentimentLabel sentiment={call.sentiment} /> : none}</td>
                  <td className="num" aria-label={fmt.durationLong(elapsed)}>
                    {fmt.duration(elapsed)}
                  </td>
                  {preview && <td className="col-optional live-preview">{preview(call)}</td>}
                  <td className="nowrap">
                    <button
                      type="button"
                      className={`button small ${followed ? 'toggle-on' : 'ghost'}${compact ? ' icon-only' : ''}`}
                      aria-pressed={followed}
                      aria-label={t('liveCall.followLabel', { from })}
                      title={t('liveCall.followLabel', { from })}
                      onClick={(e) => {
                        e.stopPropagation();
                        onFollow(call.id);
                      }}
                      data-testid="live-call-follow"
                    >
                      <Captions className="icon" size={16} aria-hidden="true" />
                      {/* Beside an open call the list is narrow: the icon says it, the label stays for assistive technology. */}
                      <span className={compact ? 'visually-hidden' : undefined}>{followed ? t('liveCall.following') : t('liveCall.follow')}</span>
                    </button>
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
