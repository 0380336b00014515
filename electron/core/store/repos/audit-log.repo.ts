import type { AuditAction, AuditEntry } from '../../../../shared/domain/audit.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface AuditRow extends Omit<AuditEntry, 'data'> {
  data: string;
}

export interface AuditAppend {
  actor: string;
  action: AuditAction;
  call_sid?: string | null;
  subject?: string | null;
  data?: Record<string, unknown>;
}

const toEntry = (row: AuditRow): AuditEntry => ({ ...row, data: parseJson<Record<string, unknown>>(row.data, {}) });

/** The audit log (migration 010): append-only; read newest first by id. */
export class AuditLogRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  append(tenantId: string, e: AuditAppend, at = nowIso()): AuditEntry {
    const data = e.data ?? {};
    const { lastInsertRowid } = prepared(this.db, 'INSERT INTO audit_log (tenant_id, at, actor, action, call_sid, subject, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      tenantId,
      at,
      e.actor,
      e.action,
      e.call_sid ?? null,
      e.subject ?? null,
      JSON.stringify(data),
    );
    return { id: Number(lastInsertRowid), tenant_id: tenantId, at, actor: e.actor, action: e.action, call_sid: e.call_sid ?? null, subject: e.subject ?? null, data };
  }

  /** Up to `limit` entries older than `before` (an id), newest first; `action` exact, or a family prefix (`monitor`). */
  list(tenantId: string, opts: { before?: number; limit: number; action?: string }): AuditEntry[] {
    const where = ['tenant_id = ?'];
    const args: unknown[] = [tenantId];
    if (opts.before !== undefined) {
      where.push('id < ?');
      args.push(opts.before);
    }
    if (opts.action !== undefined) {
      where.push(opts.action.includes('.') ? 'action = ?' : "action LIKE ? || '.%'");
      args.push(opts.action);
    }
    const rows = prepared(this.db, `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...args, opts.limit) as AuditRow[];
    return rows.map(toEntry);
  }
}
