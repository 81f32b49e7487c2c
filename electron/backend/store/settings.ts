import type { ReaderSettings } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { readReaderSettings, writeReaderSettings } from './reader-settings.ts';

/**
 * The project's own settings (the `settings` table): the annotator's saved
 * name, whether the defaults were seeded, and the reader's settings.
 */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  /** The annotator's name saved in the project, if one was. */
  savedAnnotator(): string | undefined {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'annotator'").get() as { value: string } | undefined;
    return row?.value;
  }

  /** Saves the annotator's name, replacing the one before. */
  saveAnnotator(name: string): void {
    this.db.prepare("INSERT INTO settings (key, value) VALUES ('annotator', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(name);
  }

  /** Whether the project was given its default tagset once. */
  seeded(): boolean {
    return this.db.prepare("SELECT value FROM settings WHERE key = 'seeded'").get() !== undefined;
  }

  /** Records that the defaults were seeded (once; a second call fails on the key). */
  markSeeded(): void {
    this.db.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
  }

  /** The reader's settings, with defaults for what was never set. */
  reader(): ReaderSettings {
    return readReaderSettings(this.db);
  }

  /** Changes some reader settings; returns the settings before, for undo. */
  setReader(changes: Partial<ReaderSettings>): { settings: ReaderSettings; previous: ReaderSettings } {
    return writeReaderSettings(this.db, changes);
  }
}
