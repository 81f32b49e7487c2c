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
