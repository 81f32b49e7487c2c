// Migration 008 (document versions) on a real SQLite file with its own seed:
// a database at the previous schema with a document, labels, annotations, a
// relation and a claim gains the anchor column and the version tables, keeps
// every row (each annotation `placed`), and the new tables hold and cascade.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 008: document versions and annotation anchors', () => {
  it('migrates a database with data; annotations are placed; versions and anchors hold and cascade', async () => {
    const file = path.join(dir, 'p.gloss');
    const v8 = MIGRATIONS.find((m) => m.version === 8)!;
    expect(v8.name).toMatch(/versions/);
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 8) });
    const now = '2026-02-05T10:00:00.000Z';
    const text = 'Pakistan met the minister 👍🏽 in واشنطن.';
    old.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d1', 'doc', 'T', ?, '[]', '{}', 'h', ?, ?)`).run(text, now, now);
    old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Person', 'entity', '#e15759', NULL, '[]', 1)`).run();
    for (const [id, s, e, q] of [['a1', 0, 8, 'Pakistan'], ['a2', 17, 25, 'minister']] as const) {
      old.prepare(
        `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
         VALUES (?, 'd1', 'l1', ?, ?, ?, ?, '', '', '{}', 'a note', 't', ?, ?)`,
      ).run(id, JSON.stringify([{ start: s, end: e }]), s, e, q, now, now);
    }
    const type = old.prepare("SELECT id FROM relation_types WHERE name = 'Says'").pluck().get() as string;
    old.prepare(`INSERT INTO relations (id, type_id, from_annotation_id, to_annotation_id, note, created_at, modified_at) VALUES ('r1', ?, 'a1', 'a2', '', ?, ?)`).run(type, now, now);
    old.close();

    const db = await openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
      expect(db.prepare('SELECT id, anchor, note FROM annotations ORDER BY id').all()).toEqual([
        { id: 'a1', anchor: 'placed', note: 'a note' },
        { id: 'a2', anchor: 'placed', note: 'a note' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM relations').get()).toEqual({ n: 1 });
      expect(() => db.prepare("UPDATE annotations SET anchor = 'lost' WHERE id = 'a1'").run()).toThrow(/CHECK/);

      db.prepare(`INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at) VALUES ('d1', 1, 'T', ?, '[]', 'Imported', 't', 'import', ?)`).run(text, now);
      db.prepare(`INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at) VALUES ('d1', 2, 'T', 'x', '[]', 'Edited', 't', 'edit', ?)`).run(now);
      expect(() => db.prepare(`INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at) VALUES ('d1', 2, 'T', 'y', '[]', 's', 't', 'edit', ?)`).run(now)).toThrow(/UNIQUE/);
      expect(() => db.prepare(`INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at) VALUES ('d1', 3, 'T', 'y', '[]', 's', 't', 'magic', ?)`).run(now)).toThrow(/CHECK/);
      const anchor = db.prepare(`INSERT INTO annotation_anchors (annotation_id, document_id, version, status, old_ranges, new_ranges, old_quote, new_quote) VALUES (?, 'd1', 2, ?, '[]', NULL, 'q', NULL)`);
      anchor.run('a1', 'kept');
      anchor.run('a2', 'orphaned');
      expect(() => anchor.run('a1', 'vanished')).toThrow();
      // Deleting an annotation deletes its anchor records; deleting the document deletes its versions and theirs.
      db.prepare("DELETE FROM annotations WHERE id = 'a2'").run();
      expect(db.prepare('SELECT annotation_id FROM annotation_anchors').pluck().all()).toEqual(['a1']);
      db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(db.prepare('SELECT count(*) AS n FROM document_versions').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM annotation_anchors').get()).toEqual({ n: 0 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
