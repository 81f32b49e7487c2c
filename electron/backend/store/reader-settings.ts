import type { ReaderSettings } from '../../../shared/index.ts';
import { ReaderSettingsSchema } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { putSetting, settingValue } from './setting-values.ts';

/** The key of the reader's settings in the project's `settings` table (one JSON value). */
export const READER_SETTINGS_KEY = 'reader';

/** The project's reader settings, with defaults for what was never set. */
export function readReaderSettings(db: Db): ReaderSettings {
  return readerSettingsFrom(settingValue(db, READER_SETTINGS_KEY));
}

/** The reader settings stored as `value` (the JSON under the settings key, if any), with defaults for what is missing or unreadable. */
export function readerSettingsFrom(value: string | undefined): ReaderSettings {
  let stored: unknown;
  try {
    stored = value !== undefined ? JSON.parse(value) : {};
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
  putSetting(db, READER_SETTINGS_KEY, JSON.stringify(settings));
  return { settings, previous };
}
