import type { FaxDocument, FaxOcrState, FaxStatusEvent } from '../../../../shared/domain/fax.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface FaxRow extends Omit<FaxDocument, 'ocr_pages'> {
  ocr_pages: string | null;
}

const COLUMNS = `id, tenant_id, fax_id, sender_number, receiver_number, pages_declared, page_count, received_at, size_bytes,
  ocr_state, ocr_pages, ocr_error, ocr_at, created_at, updated_at`;

const toDocument = (row: FaxRow): FaxDocument => ({ ...row, ocr_pages: row.ocr_pages === null ? null : parseJson<string[]>(row.ocr_pages, []) });

export interface NewFaxDocument {
  id: string;
  fax_id: string;
  sender_number: string;
  receiver_number: string;
  pages_declared: number | null;
  page_count: number;
  received_at: string;
  tiff: Uint8Array;
  ocr_state: FaxOcrState;
  ocr_error: string | null;
}

export interface FaxOcrResult {
  ocr_state: FaxOcrState;
  ocr_pages: string[] | null;
  ocr_error: string | null;
}

/** Received faxes and the gateway's status reports; the TIFF bytes are read only on request. */
export class FaxDocumentsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, doc: NewFaxDocument): FaxDocument {
    const at = nowIso();
    prepared(
      this.db,
      `INSERT INTO fax_documents (id, tenant_id, fax_id, sender_number, receiver_number, pages_declared, page_count, received_at,
         size_bytes, tiff, ocr_state, ocr_error, created_at, updated_at)
       VALUES (@id, @tenant_id, @fax_id, @sender_number, @receiver_number, @pages_declared, @page_count, @received_at,
         @size_bytes, @tiff, @ocr_state, @ocr_error, @at, @at)`,
    ).run({ ...doc, tiff: Buffer.from(doc.tiff.buffer, doc.tiff.byteOffset, doc.tiff.byteLength), size_bytes: doc.tiff.byteLength, tenant_id: tenantId, at });
    return this.get(tenantId, doc.id) as FaxDocument;
  }

  get(tenantId: string, id: string): FaxDocument | null {
    const row = prepared(this.db, `SELECT ${COLUMNS} FROM fax_documents WHERE tenant_id = ? AND id = ?`).get(tenantId, id) as FaxRow | undefined;
    return row ? toDocument(row) : null;
  }

  byFaxId(tenantId: string, faxId: string): FaxDocument | null {
    const row = prepared(this.db, `SELECT ${COLUMNS} FROM fax_documents WHERE tenant_id = ? AND fax_id = ?`).get(tenantId, faxId) as FaxRow | undefined;
    return row ? toDocument(row) : null;
  }

  list(tenantId: string, q: { limit: number; offset: number }): { items: FaxDocument[]; total: number } {
    const total = (prepared(this.db, 'SELECT count(*) AS n FROM fax_documents WHERE tenant_id = ?').get(tenantId) as { n: number }).n;
    const rows = prepared(this.db, `SELECT ${COLUMNS} FROM fax_documents WHERE tenant_id = ? ORDER BY received_at DESC, id LIMIT ? OFFSET ?`)
      .all(tenantId, q.limit, q.offset) as FaxRow[];
    return { items: rows.map(toDocument), total };
  }

  tiff(tenantId: string, id: string): Buffer | null {
    const row = prepared(this.db, 'SELECT tiff FROM fax_documents WHERE tenant_id = ? AND id = ?').get(tenantId, id) as { tiff: Buffer } | undefined;
    return row?.tiff ?? null;
  }

  setOcr(tenantId: string, id: string, result: FaxOcrResult): FaxDocument | null {
    const at = nowIso();
    prepared(this.db, 'UPDATE fax_documents SET ocr_state = ?, ocr_pages = ?, ocr_error = ?, ocr_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ?')
      .run(result.ocr_state, result.ocr_pages === null ? null : JSON.stringify(result.ocr_pages), result.ocr_error, result.ocr_state === 'pending' ? null : at, at, tenantId, id);
    return this.get(tenantId, id);
  }

  /** Documents whose OCR has not run yet (all tenants), oldest first: the work a restart resumes. */
  pendingOcr(): { tenant_id: string; id: string }[] {
    return prepared(this.db, "SELECT tenant_id, id FROM fax_documents WHERE ocr_state = 'pending' ORDER BY created_at, id").all() as { tenant_id: string; id: string }[];
  }

  addStatus(tenantId: string, s: Omit<FaxStatusEvent, 'id' | 'tenant_id' | 'received_at'>): FaxStatusEvent {
    const received_at = nowIso();
    const { lastInsertRowid } = prepared(this.db, 'INSERT INTO fax_status_events (tenant_id, fax_id, job_id, status, error_message, reported_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(tenantId, s.fax_id, s.job_id, s.status, s.error_message, s.reported_at, received_at);
    return { id: Number(lastInsertRowid), tenant_id: tenantId, ...s, received_at };
  }

  statuses(tenantId: string, faxId: string): FaxStatusEvent[] {
    return prepared(this.db, 'SELECT id, tenant_id, fax_id, job_id, status, error_message, reported_at, received_at FROM fax_status_events WHERE tenant_id = ? AND fax_id = ? ORDER BY id')
      .all(tenantId, faxId) as FaxStatusEvent[];
  }
}
