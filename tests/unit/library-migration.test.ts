// Migration 007 (collections and trash) on a real SQLite file written at the
// schema before it, with data: the data stays, the new tables work, and
// deleting a document takes its collection memberships.
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

const V7 = MIGRATIONS.findIndex((m) => m.version === 7);

describe('migration 007 (library: collections and trash)', () => {
  it('is migration number 7', () => {
    expect(MIGRATIONS[V7]!.name).toBe('library: collections and trash');
  });

  it('migrates a project with documents; collections and the trash then work with them', async () => {
    const file = path.join(dir, 'old.gloss');
    const old = await openDatabase(file, { migrations: MIGRATIONS.slice(0, V7) });
    const now = '2026-02-05T10:00:00.000Z';
    const insert = old.prepare(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES (?, ?, 'Same title', ?, '[]', ?, 'h', ?, ?)`,
    );
    insert.run('d1', 'a', 'Pakistan 👍🏽 was not invited.', JSON.stringify({ outlet: 'Dawn' }), now, now);
    insert.run('d2', 'b', 'Pakistan was invited.', JSON.stringify({ outlet: 'Reuters' }), now, now);
    old.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
    old.close();

    const project = await Project.open(file, { migrations: MIGRATIONS.slice(0, V7 + 1) });
    try {
      expect(project.schemaVersion).toBe(7);
      expect(project.documents.list().map((d) => [d.id, d.metadata.outlet])).toEqual([['d1', 'Dawn'], ['d2', 'Reuters']]);
      const c = project.collections.create('Invitations', { documentIds: ['d1', 'd2'] });
      expect(c.documentIds).toEqual(['d1', 'd2']);
      const entry = project.transaction(() => project.trash.trashDocument('d1'));
      expect(project.collections.get(c.id).documentIds).toEqual(['d2']);
      expect(project.trash.list().map((t) => t.title)).toEqual(['Same title']);
      project.transaction(() => project.trash.restore(entry.id));
      expect(project.collections.get(c.id).documentIds).toEqual(['d1', 'd2']);
      expect(project.documents.get('d1').text).toBe('Pakistan 👍🏽 was not invited.');
      project.documents.delete('d2');
      expect(project.collections.get(c.id).documentIds).toEqual(['d1']);
    } finally {
      project.close();
    }
  });
});
