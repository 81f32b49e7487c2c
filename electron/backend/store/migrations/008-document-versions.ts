import type { Migration } from './migration.ts';

/**
 * Living texts (issue 11): a document's text can change, and every change is
 * a version. `document_versions` keeps each version's text, so that any two
 * can be diffed; it is written from a document's first update on (version 1
 * is then the text as imported), so a document never updated costs nothing.
 * `annotation_anchors` records what each update did to each annotation (its
 * ranges and quote before and after, and its status), for the diff view and
 * the review list. `annotations.anchor` says how an annotation sits in the
 * current text: `placed`, `changed` (edited, needs review) or `orphaned`
 * (its text is gone: kept with its quote, label, links and notes, not drawn,
 * not exported as a span). Independent of other migrations: one new column
 * on annotations and two new tables.
 */
export const migration008: Migration = {
  version: 8,
  name: 'document versions and annotation anchors',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN anchor TEXT NOT NULL DEFAULT 'placed' CHECK (anchor IN ('placed', 'changed', 'orphaned'));

      CREATE TABLE document_versions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version > 0),
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        blocks TEXT NOT NULL,            -- JSON: Block[]
        summary TEXT NOT NULL,
        annotator TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('import', 'file', 'edit', 'restore')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, version)
      );

      CREATE TABLE annotation_anchors (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        version INTEGER NOT NULL,        -- the version this re-anchoring made
        status TEXT NOT NULL CHECK (status IN ('kept', 'moved', 'changed', 'orphaned')),
        old_ranges TEXT NOT NULL,        -- JSON: TextRange[] in the previous version's text (UTF-16)
        new_ranges TEXT,                 -- JSON: TextRange[] in this version's text; NULL for orphans
        old_quote TEXT NOT NULL,
        new_quote TEXT,
        PRIMARY KEY (annotation_id, version),
        FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
      );
      CREATE INDEX annotation_anchors_by_version ON annotation_anchors(document_id, version);
    `);
  },
};
