import type Database from 'better-sqlite3';
import type { Db } from './database.ts';

/** Dynamic SQL (list filters, patches) has many shapes; past this many a connection starts over. */
const MAX_PER_CONNECTION = 500;

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The connection's compiled statement for `sql`, compiled on first use. Compiling costs more
 * than running most of our statements (~20–50 µs, profiled under bench:calls), and the repos
 * build their SQL per call, so statements are kept per connection by their text. A statement is
 * shared: nobody may switch its mode (raw, pluck, expand, safeIntegers) or keep an iterate() open.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= MAX_PER_CONNECTION) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
