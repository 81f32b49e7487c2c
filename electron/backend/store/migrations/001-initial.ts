import type { Migration } from './migration.ts';

/** Documents with full-text search, labels and annotations. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        blocks TEXT NOT NULL,          -- JSON: Block[]
        metadata TEXT NOT NULL,        -- JSON: SourceMetadata
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
      );
      CREATE INDEX documents_by_name ON documents(name);

      -- External-content FTS5 index over titles and text, kept in step by triggers.
      CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
      END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;

      CREATE TABLE labels (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('entity', 'claim', 'other')),
        color TEXT NOT NULL,
        hotkey TEXT,
        attributes TEXT NOT NULL DEFAULT '[]',  -- JSON: AttributeDefinition[]
        position INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX labels_by_hotkey ON labels(hotkey) WHERE hotkey IS NOT NULL;

      CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        label_id TEXT NOT NULL REFERENCES labels(id) ON DELETE RESTRICT,
        ranges TEXT NOT NULL,          -- JSON: TextRange[], sorted, UTF-16 offsets
        start_offset INTEGER NOT NULL, -- first range's start, for ordering
        end_offset INTEGER NOT NULL,   -- last range's end
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}',
        note TEXT NOT NULL DEFAULT '',
        annotator TEXT NOT NULL,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
      );
      CREATE INDEX annotations_by_document ON annotations(document_id, start_offset);
      CREATE INDEX annotations_by_label ON annotations(label_id);

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
