import { ReaderSettingsSchema, type ReaderSettings } from '../../../../shared/index.ts';
import { READER_SETTINGS_KEY, readerSettingsFrom } from '../reader-settings.ts';
import type { Async } from '../repository.ts';
import type { SettingsStore } from '../settings.ts';
import type { Queryable } from './documents.ts';

/** The project's settings on PostgreSQL: the counterpart of the SQLite engine's SettingsStore. */
export class PgSettingsStore implements Async<SettingsStore> {
  constructor(private readonly db: Queryable) {}

  private async value(key: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  private async put(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  savedAnnotator(): Promise<string | undefined> {
    return this.value('annotator');
  }

  saveAnnotator(name: string): Promise<void> {
    return this.put('annotator', name);
  }

  async seeded(): Promise<boolean> {
    return (await this.value('seeded')) !== undefined;
  }

  /** Records that the defaults were seeded (once; a second call fails on the key, as on SQLite). */
  async markSeeded(): Promise<void> {
    await this.db.query("INSERT INTO settings (key, value) VALUES ('seeded', '1')");
  }

  async reader(): Promise<ReaderSettings> {
    return readerSettingsFrom(await this.value(READER_SETTINGS_KEY));
  }

  async setReader(changes: Partial<ReaderSettings>): Promise<{ settings: ReaderSettings; previous: ReaderSettings }> {
    const previous = await this.reader();
    const settings = ReaderSettingsSchema.parse({ ...previous, ...changes });
    await this.put(READER_SETTINGS_KEY, JSON.stringify(settings));
    return { settings, previous };
  }
}
