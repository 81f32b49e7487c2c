// Migration 009 (change log) on a real SQLite file with its own seed: a
// database at schema 8 with a document, a label, an annotation and a claim
// keeps every row, gains the change_log table (empty: migrating is nobody's
// change) with its indexes and checks, and the log is kept when its document goes.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 009: change log', () => {
  it('migrates a database with data; the log starts empty, holds entries, checks op and outlives documents', async () => {
    const file = path.join(dir, 'p.gloss');
    const v9 = MIGRATIONS.find((m) => m.version === 9)!;
    expect(v9.name).toBe('change log');
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 9) });
    const now = '2026-12-04T10:00:00.000Z';
    old.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d1', 'doc', 'T', 'Pakistan met 👍🏽 in واشنطن.', '[]', '{}', 'h', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Claim', 'claim', '#e15759', NULL, '[]', 1)`).run();
    old.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
       VALUES ('a1', 'd1', 'l1', '[{"start":0,"end":8}]', 0, 8, 'Pakistan', '', '', '{}', 'n', 'ann', ?, ?)`,
    ).run(now, now);
    old.prepare(`INSERT INTO propositions (id, text, text_key, note, created_at, modified_at) VALUES ('p1', 'P', 'p', '', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at, annotator) VALUES ('c1', 'a1', 'p1', 'favor', NULL, '', 0, 0, '', ?, ?, 'ann')`).run(now, now);
    old.close();

    const db = await openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM claim_links').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(0);
      const columns = (db.prepare('PRAGMA table_info(change_log)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['id', 'at', 'actor', 'document_id', 'kind', 'object_id', 'op', 'before', 'after', 'via']);
      const indexes = (db.prepare('PRAGMA index_list(change_log)').all() as { name: string }[]).map((i) => i.name).sort();
      expect(indexes).toEqual(['change_log_by_document', 'change_log_by_time']);
      expect((db.prepare('PRAGMA index_info(change_log_by_document)').all() as { name: string }[]).map((c) => c.name)).toEqual(['document_id', 'id']);

      const add = db.prepare(`INSERT INTO change_log (at, actor, document_id, kind, object_id, op, before, after, via) VALUES (?, 'ann', ?, 'annotation', 'a1', ?, NULL, '{"quote":"Pakistan"}', 'annotations.create')`);
      add.run(1764842400000, 'd1', 'insert');
      add.run(1764842400001, null, 'update');
      expect(() => add.run(1764842400002, 'd1', 'upsert')).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO change_log (at, actor, kind, object_id, op) VALUES (1, NULL, 'x', 'y', 'insert')`).run()).toThrow(/NOT NULL/);
      // No foreign key: a document's history stays when the document is deleted.
      db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(db.prepare("SELECT count(*) FROM change_log WHERE document_id = 'd1'").pluck().get()).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
