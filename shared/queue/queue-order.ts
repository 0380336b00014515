// Pure: the order a queue is served in, shared by the routing engine, the API's positions
// and the wallboard, so all three always agree.
import type { QueueEntry } from '../domain/queue.ts';

type Ordered = Pick<QueueEntry, 'id' | 'priority' | 'enqueued_at'>;

/** Higher priority first, then the longer wait, then the older id (a stable tie-break). */
export function compareQueueOrder(a: Ordered, b: Ordered): number {
  return b.priority - a.priority || Date.parse(a.enqueued_at) - Date.parse(b.enqueued_at) || a.id - b.id;
}

/** Entries still waiting for a person: not yet accepted (an offered entry keeps waiting). */
export const isWaiting = (e: Pick<QueueEntry, 'state'>): boolean => e.state === 'waiting' || e.state === 'offered';

/** The waiting entries in serving order. */
export function servingOrder<T extends Ordered & Pick<QueueEntry, 'state'>>(entries: readonly T[]): T[] {
  return entries.filter(isWaiting).sort(compareQueueOrder);
}

/** 1-based position of each waiting entry, by id. */
export function positionsOf(entries: readonly (Ordered & Pick<QueueEntry, 'state'>)[]): Map<number, number> {
  return new Map(servingOrder(entries).map((e, i) => [e.id, i + 1]));
}
