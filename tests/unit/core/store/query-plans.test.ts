// The queries that run on every call change or poll must use an index that fits them, not scan
// every call of a tenant (at 100,000 calls a scan cost 10–40 ms of the event loop that carries
// SIP). Each SELECT the repos run here is explained by SQLite as it is run, with its real SQL
// and arguments, and the plan is checked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { Store } from '../../../../electron/core/store/store.ts';

const T = 'default';

describe('query plans of the hot call queries', () => {
  let dir: string;
  let store: Store;
  let plans: { sql: string; plan: string }[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-plans-'));
    store = Store.open(join(dir, 'earshot.db'));
    store.tenants.ensure(T, 'Default');
    const db = (store as unknown as { db: Database.Database }).db;
    const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
    const insert = db.prepare(
      `INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, handled_by, started_at, answered_at, ended_at, duration_seconds, metadata, created_at, updated_at)
       VALUES (?, ?, 'inbound', '1', '2', ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        const live = i >= 4990;
        insert.run(`CA${i}`, T, live ? 'in-progress' : 'completed', i % 2 ? 'human' : 'ai', at(i), at(i), live ? null : at(i + 2), live ? null : 120, at(i), at(i));
      }
    })();
    store.optimize();
    // Explain every SELECT as it runs, with the same arguments.
    plans = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!/^\s*SELECT/i.test(sql)) return statement;
      const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const spy = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
        plans.push({ sql, plan: (explain.all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ') });
        return run(...args);
      };
      return new Proxy(statement, {
        get: (target, key) => {
          const value = Reflect.get(target, key) as unknown;
          if (key === 'get' || key === 'all') return spy((value as (...a: unknown[]) => unknown).bind(target));
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as typeof db.prepare;
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const planOf = (pattern: RegExp): string => {
    const found = plans.filter((p) => pattern.test(p.sql));
    expect(found.length, `no query matching ${pattern} ran`).toBeGreaterThan(0);
    return found.map((p) => p.plan).join(' || ');
  };

  it('lists and counts live calls from the live-calls index', () => {
    const page = store.calls.list(T, { active: true, limit: 50, offset: 0 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(10);
    expect(store.callMetrics.active(T).total).toBe(10);
    expect(store.calls.countActive()).toBe(10);
    const onCalls = plans.filter((p) => /FROM calls\b/.test(p.sql));
    expect(onCalls.length).toBeGreaterThanOrEqual(4);
    for (const p of onCalls) expect(p.plan, p.sql).toMatch(/calls_live/);
  });

  it("reads people's handling times from the handled-calls index", () => {
    expect(store.callMetrics.recentHandleSeconds(T, 20)).toBe(120);
    store.callMetrics.day(T, '2026-01-04T00:00:00.000Z');
    expect(planOf(/ORDER BY ended_at DESC LIMIT/)).toMatch(/calls_human_handled/);
    expect(planOf(/AVG\(duration_seconds\)[\s\S]*ended_at >= \?/)).toMatch(/calls_human_handled \(tenant_id=\? AND ended_at>\?\)/);
  });

  it('pages the whole history newest first without sorting', () => {
    store.calls.list(T, { limit: 50, offset: 0 });
    expect(planOf(/ORDER BY/)).not.toMatch(/TEMP B-TREE/);
  });
});
