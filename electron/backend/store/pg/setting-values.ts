import type { Queryable } from './documents.ts';
import { exec, row } from './query.ts';

/** The value stored under `key` in the `settings` table, if any (PostgreSQL's side of setting-values.ts). */
export async function pgSettingValue(db: Queryable, key: string): Promise<string | undefined> {
  return (await row<{ value: string }>(db, 'SELECT value FROM settings WHERE key = $1', [key]))?.value;
}

/** Stores `value` under `key` in the `settings` table, replacing what was there. */
export async function pgPutSetting(db: Queryable, key: string, value: string): Promise<void> {
  await exec(db, 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}
