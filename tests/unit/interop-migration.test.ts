// Migration 004 (interop extras) on a real SQLite file: a version-3 database
// with data gains the tables for events, equivalences, normalizations, typed
// notes and relation roles, keeps its rows, and the triggers clean up
// references to deleted annotations, events and relations.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { StandoffStore } from '../../electron/backend/store/standoff.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;

beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 004: interop extras', () => {
  it('migrates a version-3 database with data, which keeps its rows', async () => {
    const file = path.join(dir, 'p.gloss');
    const v4 = MIGRATIONS.find((m) => m.version === 4)!;
    expect(v4.name).toMatch(/interop/);
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    const now = '2026-02-05T10:00:00.000Z';
    old.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d1', 'doc', 'T', 'Alice met Bob 🇵🇰.', '[]', '{}', 'h', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Person', 'entity', '#e15759', NULL, '[]', 1)`).run();
    for (const [id, s, e, q] of [['a1', 0, 5, 'Alice'], ['a2', 6, 9, 'met'], ['a3', 10, 13, 'Bob']] as const) {
      old.prepare(
        `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
         VALUES (?, 'd1', 'l1', ?, ?, ?, ?, '', '', '{}', '', 't', ?, ?)`,
      ).run(id, JSON.stringify([{ start: s, end: e }]), s, e, q, now, now);
    }
    old.close();

    const db = await openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect((db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n).toBe(3);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['events', 'equivalences', 'normalizations', 'standoff_notes', 'relation_roles']));

      const s = new StandoffStore(db);
      const ev = s.addEvent({ documentId: 'd1', type: 'Meet', triggerId: 'a2', args: [], attributes: { Negation: true }, note: 'n' });
      s.setEventArgs(ev, [
        { role: 'Arg', ref: 'a1' },
        { role: 'Arg2', ref: 'a3' },
      ]);
      s.addEquivalence({ documentId: 'd1', type: 'Alias', members: ['a1', 'a3'] });
      s.addNormalization({ documentId: 'd1', targetId: 'a1', type: 'Reference', resource: 'GeoNames', externalId: '1', text: 'x' });
      s.addNormalization({ documentId: 'd1', targetId: ev, type: 'Reference', resource: 'FrameNet', externalId: 'Meet', text: '' });
      s.addNote({ documentId: 'd1', targetId: 'a3', type: 'Lemma', text: ' bob' });
      expect(s.events('d1')).toEqual([{ id: ev, documentId: 'd1', type: 'Meet', triggerId: 'a2', args: [{ role: 'Arg', ref: 'a1' }, { role: 'Arg2', ref: 'a3' }], attributes: { Negation: true }, note: 'n' }]);
      expect(s.notes('d1')[0]!.text).toBe(' bob');

      // Deleting an annotation removes what refers to it: its normalizations and notes, and events it triggers (with theirs).
      db.prepare("DELETE FROM annotations WHERE id = 'a1'").run();
      expect(s.normalizations('d1').map((n) => n.resource)).toEqual(['FrameNet']);
      db.prepare("DELETE FROM annotations WHERE id = 'a2'").run();
      expect(s.events('d1')).toEqual([]);
      expect(s.normalizations('d1')).toEqual([]);
      db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(s.equivalences('d1')).toEqual([]);
      expect(s.notes('d1')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
