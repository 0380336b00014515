import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/core/store/migrate.ts';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index.ts';
import { Store } from '../../../../electron/core/store/store.ts';

const m006 = MIGRATIONS.findIndex((m) => m.name === 'fax documents');

describe('migration 006: fax documents', () => {
  it('adds the fax tables to a version-5 database; the status reports are append-only', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, m006));
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    migrate(db, MIGRATIONS.slice(0, m006 + 1));
    expect(schemaVersion(db)).toBe(MIGRATIONS[m006]!.version);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(
      `INSERT INTO fax_documents (id, tenant_id, fax_id, sender_number, receiver_number, page_count, received_at, size_bytes, tiff, ocr_state, created_at, updated_at)
       VALUES (?, 't', ?, 'a', 'b', ?, 'x', 1, X'00', ?, 'x', 'x')`,
    );
    insert.run('doc-1', 'f1', 1, 'pending');
    expect(() => insert.run('doc-2', 'f1', 1, 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run('doc-3', 'f3', 0, 'pending')).toThrow(/CHECK/);
    expect(() => insert.run('doc-4', 'f4', 1, 'maybe')).toThrow(/CHECK/);
    db.prepare("INSERT INTO fax_status_events (tenant_id, fax_id, status, received_at) VALUES ('t', 'f1', 'completed', 'x')").run();
    expect(() => db.prepare("UPDATE fax_status_events SET status = 'failed'").run()).toThrow(/append-only/);
  });
});

describe('FaxDocumentsRepo', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the TIFF with the document, reads it back only on request, and keeps tenants apart', () => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-fax-'));
    const store = Store.open(join(dir, 'earshot.db'));
    store.tenants.ensure('a', 'A');
    store.tenants.ensure('b', 'B');
    const tiff = new Uint8Array([0x49, 0x49, 42, 0, 1, 2, 3]);
    const doc = store.faxDocuments.create('a', {
      id: 'doc-1', fax_id: 'f1', sender_number: '0312345678', receiver_number: '0312349999', pages_declared: 2, page_count: 2,
      received_at: '2025-10-05T12:00:00.000Z', tiff, ocr_state: 'pending', ocr_error: null,
    });
    expect(doc).toMatchObject({ id: 'doc-1', tenant_id: 'a', size_bytes: 7, page_count: 2, ocr_state: 'pending', ocr_pages: null });
    expect(doc).not.toHaveProperty('tiff');
    expect([...store.faxDocuments.tiff('a', 'doc-1')!]).toEqual([...tiff]);
    expect(store.faxDocuments.get('b', 'doc-1')).toBeNull();
    expect(store.faxDocuments.tiff('b', 'doc-1')).toBeNull();
    expect(store.faxDocuments.list('b', { limit: 10, offset: 0 }).total).toBe(0);
    expect(store.faxDocuments.pendingOcr()).toEqual([{ tenant_id: 'a', id: 'doc-1' }]);

    const read = store.faxDocuments.setOcr('a', 'doc-1', { ocr_state: 'done', ocr_pages: ['一ページ目', 'page two'], ocr_error: null });
    expect(read).toMatchObject({ ocr_state: 'done', ocr_pages: ['一ページ目', 'page two'] });
    expect(read!.ocr_at).not.toBeNull();
    expect(store.faxDocuments.pendingOcr()).toEqual([]);

    store.faxDocuments.addStatus('a', { fax_id: 'f1', job_id: 'job-1', status: 'completed', error_message: null, reported_at: null });
    expect(store.faxDocuments.statuses('a', 'f1').map((s) => s.status)).toEqual(['completed']);
    expect(store.faxDocuments.statuses('b', 'f1')).toEqual([]);
    store.close();
  });
});
