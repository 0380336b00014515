import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/database.ts';
import { DatabaseFromTheFutureError, migrate, schemaVersion, type Migration } from '../../../../electron/core/store/migrate.ts';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index.ts';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('001 creates the first schema on an empty database', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual([
      'agents', 'api_keys', 'assistants', 'call_events', 'calls', 'console_sessions', 'dtmf_events', 'settings', 'tenants', 'transcript_segments',
    ]);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', '2026-01-01T00:00:00Z')").run();
    expect(() => db.prepare("INSERT INTO agents (tenant_id, name, role, created_at, updated_at) VALUES ('t', 'A', 'pilot', 'x', 'x')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, started_at, created_at, updated_at) VALUES ('s', 'nope', 'inbound', 'a', 'b', 'ringing', 'x', 'x', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('002 adds the seat media column, renderer by default, and keeps existing agents', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    db.prepare("INSERT INTO agents (tenant_id, name, role, created_at, updated_at) VALUES ('t', 'Old', 'agent', 'x', 'x')").run();
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name, sip_media FROM agents").get()).toEqual({ name: 'Old', sip_media: 'renderer' });
    expect(() => db.prepare("UPDATE agents SET sip_media = 'carrier-pigeon'").run()).toThrow(/CHECK/);
  });

  it('008 counts each tenant’s calls from the start and keeps the count as calls come and go', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 7));
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x'), ('u', 'U', 'x')").run();
    const call = db.prepare("INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, started_at, created_at, updated_at) VALUES (?, ?, 'inbound', '1', '2', 'completed', 'x', 'x', 'x')");
    call.run('CA1', 't');
    call.run('CA2', 't');
    migrate(db, MIGRATIONS.slice(0, 8));
    const totals = () => Object.fromEntries((db.prepare('SELECT tenant_id, n FROM call_totals ORDER BY tenant_id').all() as { tenant_id: string; n: number }[]).map((r) => [r.tenant_id, r.n]));
    expect(totals()).toEqual({ t: 2 });
    call.run('CA3', 'u');
    call.run('CA4', 't');
    expect(totals()).toEqual({ t: 3, u: 1 });
    db.prepare("DELETE FROM calls WHERE sid = 'CA1'").run();
    db.prepare("DELETE FROM tenants WHERE id = 'u'").run();
    expect(totals()).toEqual({ t: 2, u: 0 });
    expect((db.prepare("SELECT count(*) AS n FROM calls WHERE tenant_id = 't'").get() as { n: number }).n).toBe(2);
  });

  it('009 counts each tenant’s changes to its calls — insert, update, delete — beside its total, and lists newest first from an index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 8));
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x'), ('u', 'U', 'x')").run();
    const call = db.prepare("INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, started_at, created_at, updated_at) VALUES (?, ?, 'inbound', '1', '2', 'completed', ?, 'x', 'x')");
    call.run('CA1', 't', '2026-01-01');
    migrate(db, MIGRATIONS.slice(0, 9));
    const totals = () => Object.fromEntries((db.prepare('SELECT tenant_id, n, changes FROM call_totals ORDER BY tenant_id').all() as { tenant_id: string; n: number; changes: number }[]).map((r) => [r.tenant_id, [r.n, r.changes]]));
    expect(totals()).toEqual({ t: [1, 0] });
    call.run('CA2', 't', '2026-01-01');
    call.run('CA3', 'u', '2026-01-02');
    db.prepare("UPDATE calls SET status = 'failed' WHERE sid = 'CA1'").run();
    expect(totals()).toEqual({ t: [2, 2], u: [1, 1] });
    db.prepare("DELETE FROM calls WHERE sid = 'CA1'").run();
    expect(totals()).toEqual({ t: [1, 3], u: [1, 1] });
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM calls WHERE tenant_id = 't' ORDER BY started_at DESC, id DESC LIMIT 50").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH calls USING INDEX calls_tenant_newest (tenant_id=?)']);
  });

  it('running them again changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const before = tables(db);
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(before);
  });

  it('refuses a database from a newer Earshot', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(DatabaseFromTheFutureError);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this Earshot understands/);
  });

  it('a failing migration leaves the schema and version as they were', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [MIGRATIONS[0]!, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });

  it('opens a file database in WAL mode with foreign keys on and normal sync', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-db-'));
    const db = openDatabase(join(dir, 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
