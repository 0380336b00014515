import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

/**
 * Opens (and migrates) the store. WAL keeps readers off the writer's back; synchronous=FULL
 * makes every acknowledged commit durable, so a `kill -9` (or power loss) loses nothing that
 * an API client was told is saved.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function integrityCheck(db: Db): string {
  return db.pragma('integrity_check', { simple: true }) as string;
}
