import type { CallEvent } from '../../../../shared/domain/call.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface CallEventRow extends Omit<CallEvent, 'data'> {
  data: string;
}

const toEvent = (row: CallEventRow): CallEvent => ({ ...row, data: parseJson<Record<string, unknown>>(row.data, {}) });

/** The call timeline and audit trail: append-only, no update or delete. */
export class CallEventsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  append(tenantId: string, callId: number, type: string, actor: string, data: Record<string, unknown> = {}, at = nowIso()): CallEvent {
    const { lastInsertRowid } = prepared(this.db, 'INSERT INTO call_events (call_id, tenant_id, type, actor, data, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(callId, tenantId, type, actor, JSON.stringify(data), at);
    return { id: Number(lastInsertRowid), call_id: callId, tenant_id: tenantId, type, actor, data, at };
  }

  list(tenantId: string, callId: number): CallEvent[] {
    const rows = prepared(this.db, 'SELECT * FROM call_events WHERE tenant_id = ? AND call_id = ? ORDER BY id')
      .all(tenantId, callId) as CallEventRow[];
    return rows.map(toEvent);
  }
}
