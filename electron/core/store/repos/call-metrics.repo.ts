import { FINAL_CALL_STATUSES } from '../../../../shared/domain/call.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';

const FINAL_LIST = FINAL_CALL_STATUSES.map((s) => `'${s}'`).join(', ');
/** A call an AI voice agent handled, or began to (a hand-off makes it `queue`, the realtime id stays). */
const IS_AI = "(c.handled_by = 'ai_agent' OR c.realtime_call_id IS NOT NULL OR c.assistant_id IS NOT NULL)";
/** A hand-off to a person: asked for by the AI (queue), or a transfer of the AI call that happened. */
const HANDED_OFF = `EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND (e.type IN ('ai.handoff', 'ai.transfer')
  OR (e.type = 'ai.tool.transfer_to_human' AND json_extract(e.data, '$.ok') = 1)))`;

export interface DayCallFigures {
  ai_calls: number;
  human_calls: number;
  ai_handoffs: number;
  avg_handle_s: number | null;
}

export interface RangeCallFigures {
  total: number;
  inbound: number;
  outbound: number;
  avg_duration_s: number | null;
  ended: number;
  completed: number;
  transferred: number;
  positive: number;
  neutral: number;
  negative: number;
}

/** Read-only figures over calls for the wallboard and the analytics routes. */
export class CallMetricsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Calls started since `sinceIso`: handled by AI, answered by people, handed off; talk time of people's calls ended since then. */
  day(tenantId: string, sinceIso: string): DayCallFigures {
    const row = prepared(
      this.db,
      `SELECT
         SUM(${IS_AI}) AS ai_calls,
         SUM(c.handled_by = 'human' AND c.answered_at IS NOT NULL) AS human_calls,
         SUM(${IS_AI} AND ${HANDED_OFF}) AS ai_handoffs
       FROM calls c WHERE c.tenant_id = @tenant AND c.started_at >= @since`,
    ).get({ tenant: tenantId, since: sinceIso }) as { ai_calls: number | null; human_calls: number | null; ai_handoffs: number | null };
    const handle = prepared(
      this.db,
      `SELECT AVG(duration_seconds) AS s FROM calls
       WHERE tenant_id = ? AND handled_by = 'human' AND answered_at IS NOT NULL AND duration_seconds IS NOT NULL AND ended_at >= ?`,
    ).get(tenantId, sinceIso) as { s: number | null };
    return { ai_calls: row.ai_calls ?? 0, human_calls: row.human_calls ?? 0, ai_handoffs: row.ai_handoffs ?? 0, avg_handle_s: handle.s };
  }

  /** Mean talk time of the last `n` calls people finished: the handling time the wait estimate uses. */
  recentHandleSeconds(tenantId: string, n: number): number | null {
    const row = prepared(
      this.db,
      `SELECT AVG(duration_seconds) AS s FROM (
         SELECT duration_seconds FROM calls
         WHERE tenant_id = ? AND handled_by = 'human' AND answered_at IS NOT NULL AND duration_seconds IS NOT NULL AND ended_at IS NOT NULL
         ORDER BY ended_at DESC LIMIT ?)`,
    ).get(tenantId, n) as { s: number | null };
    return row.s;
  }

  /** Calls in progress, by direction. */
  active(tenantId: string): { total: number; inbound: number; outbound: number } {
    const row = prepared(
      this.db,
      `SELECT COUNT(*) AS total, SUM(direction = 'inbound') AS inbound, SUM(direction = 'outbound') AS outbound
       FROM calls WHERE tenant_id = ? AND ended_at IS NULL AND status NOT IN (${FINAL_LIST})`,
    ).get(tenantId) as { total: number; inbound: number | null; outbound: number | null };
    return { total: row.total, inbound: row.inbound ?? 0, outbound: row.outbound ?? 0 };
  }

  /** Calls started in [fromIso, toIso). */
  range(tenantId: string, fromIso: string, toIso: string): RangeCallFigures {
    const row = prepared(
      this.db,
      `SELECT COUNT(*) AS total,
         SUM(direction = 'inbound') AS inbound,
         SUM(direction = 'outbound') AS outbound,
         AVG(duration_seconds) AS avg_duration_s,
         SUM(status IN (${FINAL_LIST})) AS ended,
         SUM(status = 'completed') AS completed,
         SUM(c.transfer_count > 0 OR ${HANDED_OFF}) AS transferred,
         SUM(sentiment = 'positive') AS positive,
         SUM(sentiment = 'neutral') AS neutral,
         SUM(sentiment = 'negative') AS negative
       FROM calls c WHERE c.tenant_id = @tenant AND c.started_at >= @from AND c.started_at < @to`,
    ).get({ tenant: tenantId, from: fromIso, to: toIso }) as Record<keyof RangeCallFigures, number | null>;
    return {
      total: row.total ?? 0,
      inbound: row.inbound ?? 0,
      outbound: row.outbound ?? 0,
      avg_duration_s: row.avg_duration_s,
      ended: row.ended ?? 0,
      completed: row.completed ?? 0,
      transferred: row.transferred ?? 0,
      positive: row.positive ?? 0,
      neutral: row.neutral ?? 0,
      negative: row.negative ?? 0,
    };
  }
}
