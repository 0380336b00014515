import type { Migration } from '../migrate.ts';

/**
 * The audit log of supervisor and admin actions (shared/domain/audit.ts), append-only like
 * call_events: a trigger refuses any change to a written row.
 */
export const m010AuditLog: Migration = {
  version: 10,
  name: 'audit log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        call_sid TEXT,
        subject TEXT,
        data TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX audit_log_tenant ON audit_log(tenant_id, id DESC);
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
