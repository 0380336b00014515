import type { AnalysisState, Call, CallDirection, CallHandler, CallStatus, Sentiment } from '../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../shared/domain/call.ts';
import type { CallListQuery } from '../../../../shared/contracts/core-client.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { VersionedCache } from '../versioned-cache.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface CallRow extends Omit<Call, 'metadata'> {
  metadata: string;
}

const toCall = (row: CallRow): Call => ({ ...row, metadata: parseJson<Record<string, unknown>>(row.metadata, {}) });

/** A listed call is shared by every read of its page while the page is kept, so nobody may change it. */
const toSharedCall = (row: CallRow): Call => {
  const call = toCall(row);
  Object.freeze(call.metadata);
  return Object.freeze(call);
};

export interface CallPage {
  items: Call[];
  total: number;
}

/** Pages (a tenant, filters, limit and offset) kept per store; a few dozen consoles and integrations poll at once. */
const PAGES_KEPT = 200;

export interface NewCall {
  sid: string;
  direction: CallDirection;
  from_number: string;
  to_number: string;
  status: CallStatus;
  handled_by?: CallHandler;
  agent_id?: number | null;
  assistant_id?: number | null;
  started_at?: string;
  answered_at?: string | null;
  ended_at?: string | null;
  duration_seconds?: number | null;
  end_reason?: string | null;
  sip_code?: number | null;
  sentiment?: Sentiment | null;
  summary?: string | null;
  metadata?: Record<string, unknown>;
  /** OpenAI Realtime's call id, for AI calls over SIP. */
  realtime_call_id?: string | null;
}

export type CallPatch = Partial<Omit<NewCall, 'sid'>> & { transfer_count?: number };

/** The post-call analysis of a call: its state and, once done, what it found. */
export interface CallAnalysisPatch {
  analysis_state: AnalysisState;
  summary?: string | null;
  sentiment?: Sentiment | null;
  disposition?: string | null;
}

const UPDATABLE: readonly (keyof CallPatch)[] = [
  'direction', 'from_number', 'to_number', 'status', 'handled_by', 'agent_id', 'assistant_id', 'started_at',
  'answered_at', 'ended_at', 'duration_seconds', 'end_reason', 'sip_code', 'sentiment', 'summary', 'metadata',
  'transfer_count',
];

const FINAL_LIST = FINAL_CALL_STATUSES.map((s) => `'${s}'`).join(', ');

export class CallsRepo {
  private readonly db: Db;
  private readonly pages = new VersionedCache<CallPage>(PAGES_KEPT);

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, input: NewCall): Call {
    const at = nowIso();
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, handled_by, agent_id, assistant_id,
         started_at, answered_at, ended_at, duration_seconds, end_reason, sip_code, sentiment, summary, metadata,
         realtime_call_id, created_at, updated_at)
       VALUES (@sid, @tenant_id, @direction, @from_number, @to_number, @status, @handled_by, @agent_id, @assistant_id,
         @started_at, @answered_at, @ended_at, @duration_seconds, @end_reason, @sip_code, @sentiment, @summary, @metadata,
         @realtime_call_id, @at, @at)`,
    ).run({
      handled_by: 'none',
      agent_id: null,
      assistant_id: null,
      answered_at: null,
      ended_at: null,
      duration_seconds: null,
      end_reason: null,
      sip_code: null,
      sentiment: null,
      summary: null,
      realtime_call_id: null,
      ...input,
      started_at: input.started_at ?? at,
      metadata: JSON.stringify(input.metadata ?? {}),
      tenant_id: tenantId,
      at,
    });
    return this.get(tenantId, Number(lastInsertRowid)) as Call;
  }

  get(tenantId: string, id: number): Call | null {
    const row = prepared(this.db, 'SELECT * FROM calls WHERE tenant_id = ? AND id = ?').get(tenantId, id) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  getBySid(tenantId: string, sid: string): Call | null {
    const row = prepared(this.db, 'SELECT * FROM calls WHERE tenant_id = ? AND sid = ?').get(tenantId, sid) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  /**
   * A page of the tenant's calls, newest first, with the total the filters match. A page read
   * again while the tenant's calls are unchanged (migration 009's change counter, which triggers
   * keep whoever writes) comes from memory; its calls are frozen, being shared.
   */
  list(tenantId: string, q: CallListQuery): CallPage {
    const where = ['tenant_id = @tenant_id'];
    const params: Record<string, unknown> = { tenant_id: tenantId };
    const add = (clause: string, key: string, value: unknown) => {
      where.push(clause);
      params[key] = value;
    };
    if (q.status) add('status = @status', 'status', q.status);
    if (q.direction) add('direction = @direction', 'direction', q.direction);
    if (q.agent_id !== undefined) add('agent_id = @agent_id', 'agent_id', q.agent_id);
    if (q.assistant_id !== undefined) add('assistant_id = @assistant_id', 'assistant_id', q.assistant_id);
    if (q.statuses) add('status IN (SELECT value FROM json_each(@statuses))', 'statuses', JSON.stringify(q.statuses));
    if (q.since) add('started_at >= @since', 'since', q.since);
    if (q.until) add('started_at < @until', 'until', q.until);
    if (q.active === true) where.push(`status NOT IN (${FINAL_LIST})`);
    if (q.active === false) where.push(`status IN (${FINAL_LIST})`);
    const clause = where.join(' AND ');
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const totals = prepared(this.db, 'SELECT n, changes FROM call_totals WHERE tenant_id = ?').get(tenantId) as { n: number; changes: number } | undefined;
    const version = totals?.changes ?? 0;
    // Inside a transaction the counter and what was read may still roll back together.
    const keep = !this.db.inTransaction;
    const key = `${clause}\n${JSON.stringify(params)}\n${limit}\n${offset}`;
    const kept = keep ? this.pages.get(key, version) : undefined;
    if (kept) return kept;
    // Unfiltered: the trigger-kept total (migration 008) instead of counting the tenant's calls.
    const total = where.length === 1 ? (totals?.n ?? 0) : (prepared(this.db, `SELECT count(*) AS n FROM calls WHERE ${clause}`).get(params) as { n: number }).n;
    const rows = prepared(this.db, `SELECT * FROM calls WHERE ${clause} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as CallRow[];
    const page = { items: rows.map(toSharedCall), total };
    if (keep) this.pages.set(key, version, page);
    return page;
  }

  update(tenantId: string, id: number, patch: CallPatch): Call | null {
    const keys = UPDATABLE.filter((k) => patch[k] !== undefined);
    if (keys.length > 0) {
      const params: Record<string, unknown> = { ...patch, updated_at: nowIso(), tenant_id: tenantId, id };
      if (patch.metadata) params.metadata = JSON.stringify(patch.metadata);
      prepared(this.db, `UPDATE calls SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
        .run(params);
    }
    return this.get(tenantId, id);
  }

  setAnalysis(tenantId: string, id: number, patch: CallAnalysisPatch): Call | null {
    const keys = (['analysis_state', 'summary', 'sentiment', 'disposition'] as const).filter((k) => patch[k] !== undefined);
    prepared(this.db, `UPDATE calls SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
      .run({ ...patch, updated_at: nowIso(), tenant_id: tenantId, id });
    return this.get(tenantId, id);
  }

  /** Calls whose analysis is in `state` (all tenants, or one), oldest first. */
  listByAnalysisState(state: AnalysisState, tenantId?: string): { tenant_id: string; id: number }[] {
    return tenantId === undefined
      ? (prepared(this.db, 'SELECT tenant_id, id FROM calls WHERE analysis_state = ? ORDER BY id').all(state) as { tenant_id: string; id: number }[])
      : (prepared(this.db, 'SELECT tenant_id, id FROM calls WHERE analysis_state = ? AND tenant_id = ? ORDER BY id').all(state, tenantId) as { tenant_id: string; id: number }[]);
  }

  /** The call OpenAI knows as `realtimeCallId`, in whichever tenant (the id is globally unique). */
  findByRealtimeCallId(realtimeCallId: string): Call | null {
    const row = prepared(this.db, 'SELECT * FROM calls WHERE realtime_call_id = ?').get(realtimeCallId) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  /** AI calls over OpenAI Realtime that have not ended: of one tenant, or of all. */
  liveRealtime(tenantId?: string): Call[] {
    const rows = prepared(this.db, `SELECT * FROM calls WHERE realtime_call_id IS NOT NULL AND status NOT IN (${FINAL_LIST})${tenantId === undefined ? '' : ' AND tenant_id = ?'} ORDER BY id`)
      .all(...(tenantId === undefined ? [] : [tenantId])) as CallRow[];
    return rows.map(toCall);
  }

  countActive(): number {
    return (prepared(this.db, `SELECT count(*) AS n FROM calls WHERE status NOT IN (${FINAL_LIST})`).get() as { n: number }).n;
  }
}
