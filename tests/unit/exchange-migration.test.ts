// Migration 005 (exchange) on a real SQLite file: a version-4 database with
// labels, annotations, relation types and relations keeps every row and
// reference while the label and relation type tables are rebuilt with
// case-sensitive names; labels gain parent, description and guid, relations
// attributes, and source_ids keeps the ids formats gave records.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { SourceIdStore } from '../../electron/backend/store/source-ids.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 005: exchange', () => {
  it('migrates a version-4 database with data, keeping rows and references', async () => {
    const file = path.join(dir, 'p.gloss');
    expect(MIGRATIONS.find((m) => m.version === 5)!.name).toMatch(/exchange/);
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    const now = '2026-02-05T10:00:00.000Z';
    old.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d1', 'doc', 'T', 'Alice met Bob 🇵🇰.', '[]', '{}', 'h', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Person', 'entity', '#e15759', '1', '[]', 1)`).run();
    for (const [id, s, e, q] of [['a1', 0, 5, 'Alice'], ['a3', 10, 13, 'Bob']] as const) {
      old.prepare(
        `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
         VALUES (?, 'd1', 'l1', ?, ?, ?, ?, '', '', '{}', '', 't', ?, ?)`,
      ).run(id, JSON.stringify([{ start: s, end: e }]), s, e, q, now, now);
    }
    const supports = (old.prepare("SELECT id FROM relation_types WHERE name = 'Supports'").get() as { id: string }).id;
    old.prepare(`INSERT INTO relations (id, type_id, from_annotation_id, to_annotation_id, note, created_at, modified_at) VALUES ('r1', ?, 'a1', 'a3', 'n', ?, ?)`).run(supports, now, now);
    // Before: names are unique whatever their case.
    expect(() => old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l2', 'PERSON', 'entity', '#000000', NULL, '[]', 2)`).run()).toThrow(/UNIQUE/);
    old.close();

    const db = await openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
      expect(db.prepare('SELECT id, name, hotkey, parent_id, description, guid FROM labels').all()).toEqual([{ id: 'l1', name: 'Person', hotkey: '1', parent_id: null, description: '', guid: null }]);
      expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 2 });
      expect(db.prepare("SELECT type_id, attributes FROM relations WHERE id = 'r1'").get()).toEqual({ type_id: supports, attributes: '{}' });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // After: a case variant is another name; an exact duplicate still is not.
      db.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l2', 'PERSON', 'entity', '#000000', NULL, '[]', 2)`).run();
      expect(() => db.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l3', 'PERSON', 'entity', '#000000', NULL, '[]', 3)`).run()).toThrow(/UNIQUE/);
      db.prepare(`INSERT INTO relation_types (id, name, color, position) VALUES ('t2', 'supports', '#000000', 9)`).run();
      // Labels still cannot be deleted while annotations use them, and a parent's deletion leaves its children at the top.
      expect(() => db.prepare("DELETE FROM labels WHERE id = 'l1'").run()).toThrow(/FOREIGN KEY/);
      db.prepare("UPDATE labels SET parent_id = 'l2' WHERE id = 'l1'").run();
      db.prepare("DELETE FROM labels WHERE id = 'l2'").run();
      expect(db.prepare("SELECT parent_id FROM labels WHERE id = 'l1'").get()).toEqual({ parent_id: null });

      const ids = new SourceIdStore(db);
      ids.put('brat', 'd1', [{ owner: 'a1', part: '', sourceId: 'T74' }, { owner: 'a1', part: 'attr:Negated', sourceId: 'A3' }]);
      ids.put('brat', null, [{ owner: 'e1', part: 'entity', sourceId: 'pakistan', extra: { n: 1 } }]);
      expect([...ids.byDocument('brat', 'd1').values()].map((x) => x.sourceId).sort()).toEqual(['A3', 'T74']);
      expect([...ids.global('brat').values()]).toEqual([{ owner: 'e1', part: 'entity', sourceId: 'pakistan', extra: { n: 1 } }]);
      db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(ids.byDocument('brat', 'd1').size).toBe(0);
    } finally {
      db.close();
    }
  });
});
