import type { ReaderSettings } from '../../../shared/index.ts';
import { ReaderSettingsSchema } from '../../../shared/index.ts';
import type { Db } from './database.ts';

/** The key of the reader's settings in the project's `settings` table (one JSON value). */
const KEY = 'reader';

/** The project's reader settings, with defaults for what was never set. */
export function readReaderSettings(db: Db): ReaderSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  let stored: unknown;
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = ReaderSettingsSchema.partial().safeParse(stored);
  return ReaderSettingsSchema.parse({ ...(parsed.success ? parsed.data : {}) });
}

/** Changes some reader settings; returns the settings before, for undo. */
export function writeReaderSettings(db: Db, changes: Partial<ReaderSettings>): { settings: ReaderSettings; previous: ReaderSettings } {
  const previous = readReaderSettings(db);
  const settings = ReaderSettingsSchema.parse({ ...previous, ...changes });
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(settings));
  return { settings, previous };
}
