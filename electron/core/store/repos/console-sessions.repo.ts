import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso } from '../sql-values.ts';

export interface ConsoleSessionRow {
  token_hash: string;
  agent_id: number;
  tenant_id: string;
  created_at: string;
  expires_at: string;
}

/** Signed-in consoles, by the hash of their cookie token, so a hub restart keeps people logged in. */
export class ConsoleSessionsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(row: Omit<ConsoleSessionRow, 'created_at'>): ConsoleSessionRow {
    const full = { ...row, created_at: nowIso() };
    prepared(this.db, 'INSERT INTO console_sessions (token_hash, agent_id, tenant_id, created_at, expires_at) VALUES (@token_hash, @agent_id, @tenant_id, @created_at, @expires_at)')
      .run(full);
    return full;
  }

  findLive(tokenHash: string, now = nowIso()): ConsoleSessionRow | null {
    return (
      (prepared(this.db, 'SELECT * FROM console_sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now) as ConsoleSessionRow | undefined) ??
      null
    );
  }

  delete(tokenHash: string): void {
    prepared(this.db, 'DELETE FROM console_sessions WHERE token_hash = ?').run(tokenHash);
  }

  purgeExpired(now = nowIso()): number {
    return prepared(this.db, 'DELETE FROM console_sessions WHERE expires_at <= ?').run(now).changes;
  }
}
