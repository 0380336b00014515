import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

/**
 * Opens (and migrates) the store. WAL keeps readers off the writer's back. synchronous=NORMAL:
 * a commit is in the WAL (the OS's cache) before it returns, so a crash or `kill -9` of Earshot
 * loses nothing it acknowledged (tests/integration/hub proves it); only an OS crash or power cut
 * may drop the last commits, never corrupt the file. FULL would fsync every commit: measured
 * here at ~570 µs vs ~28 µs per transaction, all of it blocking the event loop that carries SIP.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
    // The planner's statistics (ANALYZE) for the tables that need them, within a small budget:
    // without them SQLite prefers a covering index over a much smaller partial one (migration
    // 011) and counts live calls by scanning every call. Store keeps them fresh hourly.
    db.pragma('optimize = 0x10002');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function integrityCheck(db: Db): string {
  return db.pragma('integrity_check', { simple: true }) as string;
}
