import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/core/store/migrate.ts';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index.ts';

describe('migration 005: queue and agent states', () => {
  const upTo = (version: number) => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, version));
    return db;
  };

  it('gives existing agents a status since their last change, and no reason or wrap-up', () => {
    const db = upTo(4);
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    db.prepare("INSERT INTO agents (tenant_id, name, role, status, created_at, updated_at) VALUES ('t', 'Old', 'agent', 'away', 'c', '2026-01-02T03:04:05.000Z')").run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT status, status_reason, status_since, wrap_up_until FROM agents').get()).toEqual({
      status: 'away',
      status_reason: null,
      status_since: '2026-01-02T03:04:05.000Z',
      wrap_up_until: null,
    });
  });

  it('keeps the status history append-only', () => {
    const db = upTo(5);
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    const agent = db.prepare("INSERT INTO agents (tenant_id, name, role, created_at, updated_at) VALUES ('t', 'A', 'agent', 'x', 'x')").run().lastInsertRowid;
    db.prepare("INSERT INTO agent_status_history (tenant_id, agent_id, status, actor, at) VALUES ('t', ?, 'available', 'system', 'x')").run(agent);
    expect(() => db.prepare("UPDATE agent_status_history SET status = 'away'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO agent_status_history (tenant_id, agent_id, status, actor, at) VALUES ('t', ?, 'dancing', 'system', 'x')").run(agent)).toThrow(/CHECK/);
  });

  it('allows one open queue entry per call, any number of finished ones, and checks states and priorities', () => {
    const db = upTo(5);
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    const call = db
      .prepare("INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, started_at, created_at, updated_at) VALUES ('CA1', 't', 'inbound', 'a', 'b', 'queued', 'x', 'x', 'x')")
      .run().lastInsertRowid;
    const add = (state: string, priority = 5) =>
      db
        .prepare("INSERT INTO queue_entries (tenant_id, kind, state, call_id, from_number, to_number, priority, enqueued_at, updated_at) VALUES ('t', 'inbound', ?, ?, 'a', 'b', ?, 'x', 'x')")
        .run(state, call, priority);
    add('abandoned');
    add('completed');
    add('waiting');
    expect(() => add('offered')).toThrow(/UNIQUE/);
    expect(() => add('lost')).toThrow(/CHECK/);
    expect(() => add('removed', 11)).toThrow(/CHECK/);
  });
});
