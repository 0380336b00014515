import type { Migration } from '../migrate.ts';

/**
 * Two partial indexes for the queries that ran on every call change and scanned all of a
 * tenant's calls (measured at 100,000 calls: 28–40 ms each, blocking the event loop that
 * carries SIP; now tens of µs):
 * - live calls (the live board, `/calls?active=true`, seed routes' active lists, the realtime
 *   figures): the calls not yet in a final status. The list must stay the same, in the same
 *   order, as FINAL_CALL_STATUSES where queries write `status NOT IN (…)`: SQLite uses a
 *   partial index only when the query repeats its condition (tests/unit/core/store/query-plans).
 * - people's handled calls by end time (the wallboard's average handling time today and the
 *   recent handling time behind wait estimates).
 */
export const m011LiveAndHandledCallsIndexes: Migration = {
  version: 11,
  name: 'live and handled calls indexes',
  up(db) {
    db.exec(`
      CREATE INDEX calls_live ON calls(tenant_id, started_at DESC, id DESC)
        WHERE status NOT IN ('completed', 'busy', 'no-answer', 'failed', 'canceled');
      CREATE INDEX calls_human_handled ON calls(tenant_id, ended_at)
        WHERE handled_by = 'human' AND answered_at IS NOT NULL AND duration_seconds IS NOT NULL;
    `);
  },
};
