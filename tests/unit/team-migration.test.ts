// Migration 006 (team annotation) on a real file with data written by the
// schema before it: links and stances get their annotators, triggers fill in
// new links, and document status has its table.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 006: team annotation', () => {
  it('records who made existing links and stances, and fills in new ones', async () => {
    const file = path.join(dir, 'team.gloss');
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 6) });
    const now = '2026-02-05T10:00:00.000Z';
    old.exec(`
      INSERT INTO settings (key, value) VALUES ('annotator', 'lead'), ('seeded', '1');
      INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
        VALUES ('d1', 'doc', 'T', 'Alice says Bob 🇵🇰 left.', '[]', '{}', 'h', '${now}', '${now}');
      INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Person', 'entity', '#e15759', NULL, '[]', 1);
      INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l2', 'Claim', 'claim', '#4e79a7', NULL, '[]', 2);
      INSERT INTO entities (id, name, created_at, modified_at) VALUES ('e1', 'Alice', '${now}', '${now}');
      INSERT INTO propositions (id, text, text_key, created_at, modified_at) VALUES ('p1', 'Bob left', 'bob left', '${now}', '${now}');
    `);
    const ann = old.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
       VALUES (?, 'd1', ?, ?, ?, ?, '', '', '', '{}', '', ?, '${now}', '${now}')`,
    );
    ann.run('a1', 'l1', '[{"start":0,"end":5}]', 0, 5, 'ana');
    ann.run('a2', 'l2', '[{"start":6,"end":23}]', 6, 23, 'ben');
    old.exec(`
      INSERT INTO annotation_entities (annotation_id, entity_id) VALUES ('a1', 'e1');
      INSERT INTO claim_links (id, annotation_id, proposition_id, stance, created_at, modified_at) VALUES ('c1', 'a2', 'p1', 'favor', '${now}', '${now}');
      INSERT INTO relations (id, type_id, from_annotation_id, to_annotation_id, created_at, modified_at)
        SELECT 'r1', id, 'a1', 'a2', '${now}', '${now}' FROM relation_types WHERE name = 'Says';
      INSERT INTO document_stances (id, document_id, proposition_id, stance, created_at, modified_at) VALUES ('s1', 'd1', 'p1', 'against', '${now}', '${now}');
    `);
    old.close();

    const project = await Project.open(file);
    try {
      const db = project.db;
      expect(db.prepare('SELECT annotator FROM annotation_entities').pluck().all()).toEqual(['ana']);
      expect(db.prepare('SELECT annotator FROM claim_links').pluck().all()).toEqual(['ben']);
      expect(db.prepare('SELECT annotator FROM relations').pluck().all()).toEqual(['ana']);
      expect(db.prepare('SELECT annotator FROM document_stances').pluck().all()).toEqual(['lead']);
      expect(project.claims.forAnnotation('a2')[0]).toMatchObject({ annotator: 'ben' });
      expect(project.claims.stancesByDocument('d1')[0]).toMatchObject({ annotator: 'lead' });

      // New links without an annotator take their annotation's.
      project.claims.delete('c1');
      project.claims.insert({ annotationId: 'a2', propositionId: 'p1', stance: 'neutral', attribution: { entityId: null, text: '' }, hedged: false, reported: false, note: '' });
      expect(db.prepare('SELECT annotator FROM claim_links').pluck().all()).toEqual(['ben']);
      const rel = project.relations.create({ typeId: project.relations.findTypeByName('Supports')!.id, fromAnnotationId: 'a1', toAnnotationId: 'a2', note: '' }); // from ana's mention
      expect(rel.annotator).toBe('ana');

      // Document status: not started is no row; in progress and done per annotator.
      db.prepare("INSERT INTO document_status (document_id, annotator, status, modified_at) VALUES ('d1', 'ana', 'done', ?)").run(now);
      expect(() => db.prepare("INSERT INTO document_status (document_id, annotator, status, modified_at) VALUES ('d1', 'ben', 'finished', ?)").run(now)).toThrow(/CHECK/);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['annotations_by_annotator', 'documents_by_content_hash']));
    } finally {
      project.close();
    }
  });
});
