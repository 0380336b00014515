import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class DatabaseFromTheFutureError extends Error {
  readonly found: number;
  readonly known: number;

  constructor(found: number, known: number) {
    super(`database schema version ${found} is newer than this Earshot understands (${known}); upgrade Earshot`);
    this.name = 'DatabaseFromTheFutureError';
    this.found = found;
    this.known = known;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction and records it in `user_version`. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseFromTheFutureError(current, latest);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
