// A call-list page read again while the tenant's calls are unchanged comes from memory; any
// change to them — through any repo, another connection (the `earshot` CLI), a cascade — shows
// on the next read, and a read inside a transaction that rolls back is not kept.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../../electron/core/store/store.ts';

describe('calls list pages', () => {
  let dir: string;
  let store: Store;
  const call = (sid: string, started_at: string, tenant = 'a') =>
    store.calls.create(tenant, { sid, direction: 'inbound', from_number: '+15550001', to_number: '1001', status: 'ringing', started_at });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-pages-'));
    store = Store.open(join(dir, 'earshot.db'));
    store.tenants.create({ id: 'a', name: 'A' });
    store.tenants.create({ id: 'b', name: 'B' });
    call('CA1', '2026-01-01T10:00:00.000Z');
    call('CA2', '2026-01-01T11:00:00.000Z');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same page again is the same answer, whose calls cannot be changed by a reader', () => {
    const first = store.calls.list('a', { limit: 50, offset: 0 });
    expect(store.calls.list('a', { limit: 50, offset: 0 })).toBe(first);
    expect(first.items.map((c) => c.sid)).toEqual(['CA2', 'CA1']);
    expect(() => {
      (first.items[0] as { status: string }).status = 'completed';
    }).toThrow(TypeError);
    expect(() => {
      first.items[0]!.metadata.x = 1;
    }).toThrow(TypeError);
    // Other filters, limits and tenants are other pages.
    expect(store.calls.list('a', { limit: 1, offset: 0 }).items.map((c) => c.sid)).toEqual(['CA2']);
    expect(store.calls.list('b', { limit: 50, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('shows every change to the tenant’s calls on the next read: insert, update by any repo, delete', () => {
    const page = () => store.calls.list('a', { active: true, limit: 50, offset: 0 });
    expect(page().total).toBe(2);
    const third = call('CA3', '2026-01-01T12:00:00.000Z');
    expect(page().items.map((c) => c.sid)).toEqual(['CA3', 'CA2', 'CA1']);
    store.calls.update('a', third.id, { status: 'completed' });
    expect(page().items.map((c) => c.sid)).toEqual(['CA2', 'CA1']);
    store.calls.setAnalysis('a', third.id, { analysis_state: 'done', summary: 'Paid the invoice.' });
    expect(store.calls.list('a', { limit: 50, offset: 0 }).items[0]).toMatchObject({ sid: 'CA3', summary: 'Paid the invoice.' });
    // Another tenant's writes leave this page as it was.
    const before = page();
    call('CB1', '2026-01-01T13:00:00.000Z', 'b');
    expect(page()).toBe(before);
  });

  it('shows writes of another connection to the same file (the earshot CLI, a second process)', () => {
    expect(store.calls.list('a', { limit: 50, offset: 0 }).items[0]).toMatchObject({ sid: 'CA2', status: 'ringing' });
    const other = new Database(join(dir, 'earshot.db'));
    try {
      other.prepare("UPDATE calls SET status = 'completed' WHERE sid = 'CA2'").run();
      expect(store.calls.list('a', { limit: 50, offset: 0 }).items[0]).toMatchObject({ sid: 'CA2', status: 'completed' });
      other.prepare("DELETE FROM tenants WHERE id = 'a'").run();
      expect(store.calls.list('a', { limit: 50, offset: 0 })).toEqual({ items: [], total: 0 });
    } finally {
      other.close();
    }
  });

  it('keeps nothing read inside a transaction, which may still roll back', () => {
    expect(() =>
      store.transaction(() => {
        call('CA9', '2026-01-01T23:00:00.000Z');
        expect(store.calls.list('a', { limit: 50, offset: 0 }).items[0]?.sid).toBe('CA9');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    call('CA3', '2026-01-01T12:00:00.000Z');
    // The counter is where the rolled-back insert had taken it; the page must still be read afresh.
    expect(store.calls.list('a', { limit: 50, offset: 0 }).items.map((c) => c.sid)).toEqual(['CA3', 'CA2', 'CA1']);
  });
});
