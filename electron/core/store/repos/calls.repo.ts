import type { Call, CallDirection, CallHandler, CallStatus, Sentiment } from '../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../shared/domain/call.ts';
import type { CallListQuery } from '../../../../shared/contracts/core-client.ts';
import type { Db } from '../database.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface CallRow extends Omit<Call, 'metadata'> {
  metadata: string;
}

const toCall = (row: CallRow): Call => ({ ...row, metadata: parseJson<Record<string, unknown>>(row.metadata, {}) });

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
}

export type CallPatch = Partial<Omit<NewCall, 'sid'>> & { transfer_count?: number };

const UPDATABLE: readonly (keyof CallPatch)[] = [
  'direction', 'from_number', 'to_number', 'status', 'handled_by', 'agent_id', 'assistant_id', 'started_at',
  'answered_at', 'ended_at', 'duration_seconds', 'end_reason', 'sip_code', 'sentiment', 'summary', 'metadata',
  'transfer_count',
];

const FINAL_LIST = FINAL_CALL_STATUSES.map((s) => `'${s}'`).join(', ');

export class CallsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, input: NewCall): Call {
    const at = nowIso();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, handled_by, agent_id, assistant_id,
           started_at, answered_at, ended_at, duration_seconds, end_reason, sip_code, sentiment, summary, metadata,
           created_at, updated_at)
         VALUES (@sid, @tenant_id, @direction, @from_number, @to_number, @status, @handled_by, @agent_id, @assistant_id,
           @started_at, @answered_at, @ended_at, @duration_seconds, @end_reason, @sip_code, @sentiment, @summary, @metadata,
           @at, @at)`,
      )
      .run({
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
        ...input,
        started_at: input.started_at ?? at,
        metadata: JSON.stringify(input.metadata ?? {}),
        tenant_id: tenantId,
        at,
      });
    return this.get(tenantId, Number(lastInsertRowid)) as Call;
  }

  get(tenantId: string, id: number): Call | null {
    const row = this.db.prepare('SELECT * FROM calls WHERE tenant_id = ? AND id = ?').get(tenantId, id) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  getBySid(tenantId: string, sid: string): Call | null {
    const row = this.db.prepare('SELECT * FROM calls WHERE tenant_id = ? AND sid = ?').get(tenantId, sid) as CallRow | undefined;
    return row ? toCall(row) : null;
  }

  list(tenantId: string, q: CallListQuery): { items: Call[]; total: number } {
    const where = ['tenant_id = @tenant_id'];
    const params: Record<string, unknown> = { tenant_id: tenantId };
    const add = (clause: string, key: string, value: unknown) => {
      where.push(clause);
      params[key] = value;
    };
    if (q.status) add('status = @status', 'status', q.status);
    if (q.direction) add('direction = @direction', 'direction', q.direction);
    if (q.agent_id !== undefined) add('agent_id = @agent_id', 'agent_id', q.agent_id);
    if (q.since) add('started_at >= @since', 'since', q.since);
    if (q.until) add('started_at < @until', 'until', q.until);
    if (q.active === true) where.push(`status NOT IN (${FINAL_LIST})`);
    if (q.active === false) where.push(`status IN (${FINAL_LIST})`);
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM calls WHERE ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM calls WHERE ${clause} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit ?? 50, offset: q.offset ?? 0 }) as CallRow[];
    return { items: rows.map(toCall), total };
  }

  update(tenantId: string, id: number, patch: CallPatch): Call | null {
    const keys = UPDATABLE.filter((k) => patch[k] !== undefined);
    if (keys.length > 0) {
      const params: Record<string, unknown> = { ...patch, updated_at: nowIso(), tenant_id: tenantId, id };
      if (patch.metadata) params.metadata = JSON.stringify(patch.metadata);
      this.db
        .prepare(`UPDATE calls SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
        .run(params);
    }
    return this.get(tenantId, id);
  }

  countActive(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM calls WHERE status NOT IN (${FINAL_LIST})`).get() as { n: number }).n;
  }
}
