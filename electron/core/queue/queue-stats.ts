import type { QueueSettings, QueueStats } from '../../../shared/domain/queue.ts';
import type { Store } from '../store/store.ts';

/** How many recent calls the handling time for the wait estimate averages over. */
export const RECENT_CALLS_FOR_HANDLE_TIME = 20;

/** Midnight at the start of `now`'s day in the hub's time zone, and that day as YYYY-MM-DD. */
export function localDay(now: number): { start: Date; day: string } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start, day: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}` };
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** Today's wallboard figures for a tenant, from the store. */
export function computeStats(store: Store, tenantId: string, settings: QueueSettings, now: number): QueueStats {
  const { start, day } = localDay(now);
  const since = start.toISOString();
  const q = store.queueEntries.dayFigures(tenantId, since, settings.service_level_seconds);
  const c = store.callMetrics.day(tenantId, since);
  return {
    day,
    answered: q.answered,
    answered_within_threshold: q.within,
    abandoned: q.abandoned,
    service_level: ratio(q.within, q.answered + q.abandoned),
    service_level_seconds: settings.service_level_seconds,
    avg_wait_seconds: round1(q.avg_wait_s),
    avg_handle_seconds: round1(c.avg_handle_s),
    recent_handle_seconds: round1(store.callMetrics.recentHandleSeconds(tenantId, RECENT_CALLS_FOR_HANDLE_TIME)),
    ai_calls: c.ai_calls,
    human_calls: c.human_calls,
    ai_handoffs: c.ai_handoffs,
    handoff_rate: ratio(c.ai_handoffs, c.ai_calls),
    computed_at: new Date(now).toISOString(),
  };
}
