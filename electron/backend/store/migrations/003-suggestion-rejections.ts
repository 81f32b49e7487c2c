import type { Migration } from './migration.ts';

/**
 * Rejected suggestions, so that a suggestion the user turned down does not
 * come back. A document's text never changes once imported, so the range is
 * a stable key; the quote is kept to re-anchor rejections should that change.
 * Deleting the document or the label deletes its rejections.
 */
export const migration003: Migration = {
  version: 3,
  name: 'suggestion rejections',
  up(db) {
    db.exec(`
      CREATE TABLE suggestion_rejections (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        label_id TEXT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,  -- UTF-16 offsets into the document's text
        end_offset INTEGER NOT NULL,
        quote TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (document_id, label_id, start_offset, end_offset)
      ) WITHOUT ROWID;
      CREATE INDEX suggestion_rejections_by_label ON suggestion_rejections(label_id);
    `);
  },
};
