// Migration 011 (undo journal) on a real SQLite file with its own seed: a
// database at schema 10 with a document, a label and an annotation keeps
// every row, gains undo_steps and undo_journal (empty: migrating is nobody's
// step) with their indexes and checks, and a step's journal goes with it.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 011: undo journal', () => {
  it('migrates a database with data; the journal starts empty, checks its values and goes with its step', async () => {
    const file = path.join(dir, 'p.gloss');
    const v11 = MIGRATIONS.find((m) => m.version === 11)!;
    expect(v11.name).toBe('undo journal');
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 11) });
    const now = '2026-12-05T10:00:00.000Z';
    old.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d1', 'doc', 'T', 'Pakistan met 👍🏽 in واشنطن.', '[]', '{}', 'h', ?, ?)`).run(now, now);
    old.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Place', 'entity', '#4e79a7', NULL, '[]', 1)`).run();
    old.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
       VALUES ('a1', 'd1', 'l1', '[{"start":0,"end":8}]', 0, 8, 'Pakistan', '', '', '{}', '', 'ann', ?, ?)`,
    ).run(now, now);
    old.close();

    const db = await openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM undo_steps').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM undo_journal').pluck().get()).toBe(0);
      const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('undo_steps')).toEqual(['id', 'actor', 'client', 'via', 'at', 'log_id', 'state']);
      expect(columns('undo_journal')).toEqual(['id', 'step_id', 'table_name', 'op', 'before', 'after']);
      expect((db.prepare('PRAGMA index_info(undo_journal_by_step)').all() as { name: string }[]).map((c) => c.name)).toEqual(['step_id', 'id']);

      const step = db.prepare(`INSERT INTO undo_steps (id, actor, client, via, at, log_id, state) VALUES (?, 'ann', 'tab-1', 'annotations.create', 1, 0, ?)`);
      step.run('s-00000001', 'done');
      expect(() => step.run('s-00000002', 'half')).toThrow(/CHECK/);
      const entry = db.prepare(`INSERT INTO undo_journal (step_id, table_name, op, before, after) VALUES (?, 'annotations', ?, NULL, '{"id":"a1"}')`);
      entry.run('s-00000001', 'insert');
      expect(() => entry.run('s-00000001', 'upsert')).toThrow(/CHECK/);
      expect(() => entry.run('no-such-step', 'insert')).toThrow(/FOREIGN KEY/);
      db.prepare(`DELETE FROM undo_steps WHERE id = 's-00000001'`).run();
      expect(db.prepare('SELECT count(*) FROM undo_journal').pluck().get()).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
