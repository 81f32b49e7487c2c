import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/** The value stored under `key` in the project's `settings` table, if any. */
export function settingValue(db: Db, key: string): string | undefined {
  return (cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Stores `value` under `key` in the `settings` table, replacing what was there. */
export function putSetting(db: Db, key: string, value: string): void {
  cachedStatement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
