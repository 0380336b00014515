import type { DtmfEvent } from '../../../../shared/domain/call.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso } from '../sql-values.ts';

export class DtmfRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(tenantId: string, callId: number, digit: string, source: DtmfEvent['source'], at = nowIso()): DtmfEvent {
    const { lastInsertRowid } = prepared(this.db, 'INSERT INTO dtmf_events (call_id, tenant_id, digit, source, at) VALUES (?, ?, ?, ?, ?)')
      .run(callId, tenantId, digit, source, at);
    return { id: Number(lastInsertRowid), call_id: callId, digit, source, at };
  }

  list(tenantId: string, callId: number): DtmfEvent[] {
    return prepared(this.db, 'SELECT id, call_id, digit, source, at FROM dtmf_events WHERE tenant_id = ? AND call_id = ? ORDER BY id')
      .all(tenantId, callId) as DtmfEvent[];
  }
}
