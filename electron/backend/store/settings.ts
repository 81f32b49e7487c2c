import type { ReaderSettings } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { readReaderSettings, writeReaderSettings } from './reader-settings.ts';
import { putSetting, settingValue } from './setting-values.ts';

/**
 * The project's own settings (the `settings` table): the annotator's saved
 * name, whether the defaults were seeded, and the reader's settings.
 */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  /** The annotator's name saved in the project, if one was. */
  savedAnnotator(): string | undefined {
    return settingValue(this.db, 'annotator');
  }

  /** Saves the annotator's name, replacing the one before. */
  saveAnnotator(name: string): void {
    putSetting(this.db, 'annotator', name);
  }

  /** Whether the project was given its default tagset once. */
  seeded(): boolean {
    return settingValue(this.db, 'seeded') !== undefined;
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
