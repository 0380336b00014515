import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso } from '../sql-values.ts';

/** Key/value settings per scope: `global`, or a tenant id. Values are JSON. */
export class SettingsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get<T>(scope: string, key: string): T | undefined {
    const row = prepared(this.db, 'SELECT value FROM settings WHERE scope = ? AND key = ?').get(scope, key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(scope: string, key: string, value: unknown): void {
    prepared(
      this.db,
      `INSERT INTO settings (scope, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(scope, key, JSON.stringify(value), nowIso());
  }

  all(scope: string): Record<string, unknown> {
    const rows = prepared(this.db, 'SELECT key, value FROM settings WHERE scope = ? ORDER BY key').all(scope) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }
}
