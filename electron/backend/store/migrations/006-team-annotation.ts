import type { Migration } from './migration.ts';

/**
 * Team annotation: who made every claim link, relation, entity link and
 * document stance (annotations have had an annotator since 001), each
 * annotator's status per document, and the indexes that layers, merging and
 * same-text detection read through.
 *
 * Links made before this migration, and links inserted without an annotator
 * (`''`), take the annotator of the annotation they hang on (a relation: its
 * from-annotation), filled in by triggers; this keeps every writer of these
 * tables correct without each naming the annotator. Document stances have no
 * annotation: existing ones take the project's annotator setting.
 */
export const migration006: Migration = {
  version: 6,
  name: 'team annotation: annotators on links and stances, document status',
  up(db) {
    db.exec(`
      ALTER TABLE claim_links ADD COLUMN annotator TEXT NOT NULL DEFAULT '';
      ALTER TABLE relations ADD COLUMN annotator TEXT NOT NULL DEFAULT '';
      ALTER TABLE annotation_entities ADD COLUMN annotator TEXT NOT NULL DEFAULT '';
      ALTER TABLE document_stances ADD COLUMN annotator TEXT NOT NULL DEFAULT '';

      UPDATE claim_links SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = claim_links.annotation_id), '');
      UPDATE relations SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = relations.from_annotation_id), '');
      UPDATE annotation_entities SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = annotation_entities.annotation_id), '');
      UPDATE document_stances SET annotator = coalesce((SELECT value FROM settings WHERE key = 'annotator'), '');

      CREATE TRIGGER claim_links_annotator AFTER INSERT ON claim_links WHEN new.annotator = '' BEGIN
        UPDATE claim_links SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = new.annotation_id), '') WHERE id = new.id;
      END;
      CREATE TRIGGER relations_annotator AFTER INSERT ON relations WHEN new.annotator = '' BEGIN
        UPDATE relations SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = new.from_annotation_id), '') WHERE id = new.id;
      END;
      CREATE TRIGGER annotation_entities_annotator AFTER INSERT ON annotation_entities WHEN new.annotator = '' BEGIN
        UPDATE annotation_entities SET annotator = coalesce((SELECT a.annotator FROM annotations a WHERE a.id = new.annotation_id), '')
          WHERE annotation_id = new.annotation_id;
      END;

      -- Not started is the absence of a row.
      CREATE TABLE document_status (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
        modified_at TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator)
      ) WITHOUT ROWID;

      CREATE INDEX annotations_by_annotator ON annotations(annotator, document_id);
      CREATE INDEX documents_by_content_hash ON documents(content_hash);
    `);
  },
};
