import type { Migration } from '../migrate.ts';

/**
 * Faxes (seed 000's fax webhooks, issue 6):
 * - each received fax is one document: the TIFF itself (kept in the database, so it is as
 *   durable as its row), the parties, the pages counted in the file, and its OCR state and text;
 *   a gateway's `fax_id` is unique in a tenant, so a retried webhook stores nothing twice;
 * - send-status reports of the fax gateway are kept as they came (append-only).
 */
export const m006FaxDocuments: Migration = {
  version: 6,
  name: 'fax documents',
  up(db) {
    db.exec(`
      CREATE TABLE fax_documents (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        fax_id TEXT NOT NULL,
        sender_number TEXT NOT NULL,
        receiver_number TEXT NOT NULL,
        pages_declared INTEGER,
        page_count INTEGER NOT NULL CHECK (page_count >= 1),
        received_at TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        tiff BLOB NOT NULL,
        ocr_state TEXT NOT NULL CHECK (ocr_state IN ('pending', 'done', 'failed', 'unavailable')),
        ocr_pages TEXT,
        ocr_error TEXT,
        ocr_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (tenant_id, fax_id)
      ) STRICT;
      CREATE INDEX fax_documents_received ON fax_documents(tenant_id, received_at DESC);
      CREATE INDEX fax_documents_ocr_pending ON fax_documents(ocr_state) WHERE ocr_state = 'pending';

      CREATE TABLE fax_status_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        fax_id TEXT NOT NULL,
        job_id TEXT,
        status TEXT NOT NULL,
        error_message TEXT,
        reported_at TEXT,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fax_status_events_fax ON fax_status_events(tenant_id, fax_id, id);
      CREATE TRIGGER fax_status_events_append_only BEFORE UPDATE ON fax_status_events
      BEGIN SELECT RAISE(ABORT, 'fax_status_events is append-only'); END;
    `);
  },
};
