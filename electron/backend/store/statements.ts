import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

// Compiling a statement costs tens of microseconds; reads that run once per
// document (exports, compare) would otherwise compile the same SQL a thousand
// times over. Statements are kept per connection and dropped with it.
const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement compiled once per connection for this SQL. Only for statements
 * used as they come: modes such as `pluck()` or `raw()` would change it for
 * every other caller, so those are prepared on their own.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** How many distinct write statements a connection keeps compiled (SQL built with a varying number of placeholders would otherwise grow without end). */
const WRITE_CACHE_SIZE = 256;

/**
 * Makes `db.prepare` hand back one compiled statement per SQL text for
 * INSERT, UPDATE, DELETE and REPLACE statements. The repositories prepare
 * their writes at each call; with the change log's triggers on every table
 * researchers change, compiling a write compiles the trigger programs of
 * every table it can cascade to (deleting an annotation reaches claim links,
 * entity links, relations and their roles): 0.3 ms became 1.4 ms per delete,
 * 0.07 ms 0.6 ms per relation insert. Writes are used as they come (no
 * `pluck`, `raw` or `bind`, no RETURNING), so sharing them is safe; reads are
 * left alone (their modes would leak between callers).
 */
export function cacheWriteStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    if (!/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql) || /\bRETURNING\b/i.test(sql)) return prepare(sql);
    let stmt = cache.get(sql);
    if (stmt) {
      // Most recently used last, so the least recently used goes first when the cache is full.
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= WRITE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  }) as Db['prepare'];
}
