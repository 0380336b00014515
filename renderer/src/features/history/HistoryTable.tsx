import { ChevronLeft, ChevronRight, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CALL_DIRECTIONS, CALL_STATUSES, type Call, type CallDirection, type CallStatus } from '../../../../shared/domain/call.ts';
import { hrefFor } from '../../app/routes.ts';
import { useFormat } from '../../app/use-format.ts';
import { AnalysisMark, CallStatusBadge, DirectionLabel, HandlerLabel } from '../../app/ui/call-visuals.tsx';
import type { HistorySlice, HistoryQuery } from '../../state/calls.store.ts';

export interface HistoryTableProps {
  history: HistorySlice;
  selectedId: number | null;
  /** Fewer columns, for when the call detail shares the width. */
  compact: boolean;
  agentName(id: number | null): string | null;
  onQuery(patch: Partial<HistoryQuery>): void;
  onOpen(id: number): void;
  onRefresh(): void;
}

export function HistoryTable({ history, selectedId, compact, agentName, onQuery, onOpen, onRefresh }: HistoryTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { query, items, total, loading, loaded, error } = history;
  const filtered = query.status !== null || query.direction !== null;
  const first = total === 0 ? 0 : query.offset + 1;
  const last = Math.min(query.offset + items.length, total);

  return (
    <div className="history-list">
      <div className="toolbar" role="group" aria-label={t('history.filters.label')}>
        <label className="inline-field">
          <span>{t('history.filters.status')}</span>
          <select
            value={query.status ?? ''}
            onChange={(e) => onQuery({ status: (e.target.value || null) as CallStatus | null, offset: 0 })}
            data-testid="history-filter-status"
          >
            <option value="">{t('history.filters.any')}</option>
            {CALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`call.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('history.filters.direction')}</span>
          <select
            value={query.direction ?? ''}
            onChange={(e) => onQuery({ direction: (e.target.value || null) as CallDirection | null, offset: 0 })}
            data-testid="history-filter-direction"
          >
            <option value="">{t('history.filters.any')}</option>
            {CALL_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`call.direction.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="button ghost small" onClick={onRefresh} disabled={loading} title={t('history.refresh')}>
          <RotateCw className="icon" size={16} aria-hidden="true" />
          <span>{t('history.refresh')}</span>
        </button>
      </div>

      {error && (
        <p className="inline-error" role="alert">
          {t('history.error', { message: error.message })}
        </p>
      )}

      <div className="table-wrap" aria-busy={loading}>
        <table className={compact ? 'table compact' : 'table'} data-testid="history-table">
          <caption className="visually-hidden">{t('history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.columns.time')}</th>
              <th scope="col" className="col-optional">
                {t('history.columns.direction')}
              </th>
              <th scope="col">{t('history.columns.from')}</th>
              <th scope="col" className="col-optional">
                {t('history.columns.to')}
              </th>
              <th scope="col">{t('history.columns.status')}</th>
              <th scope="col" className="col-optional">
                {t('history.columns.handledBy')}
              </th>
              <th scope="col" className="col-optional">
                {t('analysis.column')}
              </th>
              <th scope="col" className="num">
                {t('history.columns.duration')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((call: Call) => (
              <tr
                key={call.id}
                className={call.id === selectedId ? 'row-link selected' : 'row-link'}
                aria-current={call.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(call.id)}
                data-testid="history-row"
                data-call-sid={call.sid}
              >
                <td className="nowrap">
                  <a href={hrefFor('history', call.id)} aria-label={t('history.open', { sid: call.sid })} onClick={(e) => e.stopPropagation()}>
                    <time dateTime={call.started_at}>{fmt.dateTime(call.started_at)}</time>
                  </a>
                </td>
                <td className="col-optional">
                  <DirectionLabel direction={call.direction} />
                </td>
                <td className="phone">{fmt.phone(call.from_number) || t('call.unknownNumber')}</td>
                <td className="phone col-optional">{fmt.phone(call.to_number) || t('call.unknownNumber')}</td>
                <td>
                  <CallStatusBadge status={call.status} />
                </td>
                <td className="col-optional">
                  <HandlerLabel handler={call.handled_by} agentName={agentName(call.agent_id)} />
                </td>
                <td className="col-optional" data-testid="history-analysis">
                  <AnalysisMark call={call} />
                  {call.disposition && <code className="disposition">{call.disposition}</code>}
                </td>
                <td className="num" aria-label={fmt.durationLong(call.duration_seconds) || undefined}>
                  {call.duration_seconds === null ? t('common.none') : fmt.duration(call.duration_seconds)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {loaded && items.length === 0 && <p className="empty">{filtered ? t('history.empty') : t('history.emptyAll')}</p>}
        {!loaded && loading && (
          <p className="empty" role="status">
            {t('history.loading')}
          </p>
        )}
      </div>

      <div className="pager">
        <span className="pager-range" aria-live="polite">
          {t('history.range', { from: fmt.number(first), to: fmt.number(last), total: fmt.number(total) })}
        </span>
        <button
          type="button"
          className="button ghost small icon-only"
          onClick={() => onQuery({ offset: Math.max(0, query.offset - query.limit) })}
          disabled={loading || query.offset === 0}
          aria-label={t('history.previous')}
          title={t('history.previous')}
          data-testid="history-prev"
        >
          <ChevronLeft className="icon" size={18} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button ghost small icon-only"
          onClick={() => onQuery({ offset: query.offset + query.limit })}
          disabled={loading || query.offset + query.limit >= total}
          aria-label={t('history.next')}
          title={t('history.next')}
          data-testid="history-next"
        >
          <ChevronRight className="icon" size={18} aria-hidden="true" />
        </button>
      </div>
    </div>
  );
}
