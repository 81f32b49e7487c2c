// Migration 002 (the research model) on a real SQLite file written at schema
// version 1 with data: the data stays, the new tables work with it, the
// default relation types are seeded, and cascades and constraints hold.
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

const V2 = MIGRATIONS.findIndex((m) => m.version === 2);

describe('migration 002 (research model)', () => {
  it('is migration number 2', () => {
    expect(MIGRATIONS[V2]!.name).toBe('entities, propositions, claims, stances and relations');
  });

  it('migrates a version 1 project with annotations, seeds relation types, and links the old annotations', async () => {
    const file = path.join(dir, 'old.gloss');
    const v1 = await openDatabase(file, { migrations: MIGRATIONS.slice(0, V2) });
    const now = '2026-02-05T10:00:00.000Z';
    v1.prepare(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
       VALUES ('d1', 'doc', 'T', 'Pakistan 👍🏽 was not invited, said Abdul Basit.', '[]', '{}', 'h', ?, ?)`,
    ).run(now, now);
    v1.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Location', 'entity', '#59a14f', '1', '[]', 1), ('l2', 'Claim', 'claim', '#76b7b2', NULL, '[]', 2)`).run();
    v1.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
       VALUES ('a1', 'd1', 'l1', '[{"start":0,"end":8}]', 0, 8, 'Pakistan', '', '', '{}', '', 't', ?, ?),
              ('a2', 'd1', 'l2', '[{"start":0,"end":28}]', 0, 28, 'x', '', '', '{}', '', 't', ?, ?)`,
    ).run(now, now, now, now);
    v1.prepare("INSERT INTO settings (key, value) VALUES ('seeded', '1')").run();
    v1.close();

    const project = await Project.open(file, { migrations: MIGRATIONS.slice(0, V2 + 1) });
    try {
      expect(project.schemaVersion).toBe(2);
      expect(project.relations.listTypes().map((t) => [t.name, t.symmetric, t.fromKinds, t.toKinds])).toEqual([
        ['Represents', false, ['entity'], ['entity']],
        ['Says', false, ['entity'], ['claim']],
        ['Supports', false, [], ['claim']],
        ['Contradicts', true, ['claim'], ['claim']],
      ]);
      expect(project.claims.stanceSet()).toEqual({ values: ['favor', 'against', 'neutral'], defaultValue: 'neutral' });
      expect(project.annotations.get('a1').quote).toBe('Pakistan');
      const e = project.entities.create({ name: 'Pakistan', type: 'Location', aliases: [], externalId: null, description: '' });
      project.entities.link([{ annotationId: 'a1', entityId: e.id }]);
      const p = project.propositions.create({ text: 'Pakistan was invited' });
      project.claims.insert({ annotationId: 'a2', propositionId: p.id, stance: 'against', attribution: { entityId: e.id, text: '' }, hedged: false, reported: true, note: '' });
      const says = project.relations.findTypeByName('Contradicts')!;
      expect(() => project.relations.create({ typeId: says.id, fromAnnotationId: 'a2', toAnnotationId: 'a2', note: '' })).toThrow('a relation needs two different annotations');

      // Foreign keys: deleting an annotation or a document takes what hangs on it.
      project.annotations.delete('a1');
      expect(project.entities.summary(e.id).mentionCount).toBe(0);
      project.entities.delete(e.id);
      expect(project.claims.listByProposition(p.id)[0]!.attribution.entityId).toBeNull(); // SET NULL
      project.claims.setDocumentStance({ documentId: 'd1', propositionId: p.id, stance: 'against', justification: '' });
      project.documents.delete('d1');
      const n = (t: string) => (project.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect([n('annotations'), n('annotation_entities'), n('claim_links'), n('document_stances')]).toEqual([0, 0, 0, 0]);
      expect(n('propositions')).toBe(1);
    } finally {
      project.close();
    }
  });

  it('gives a new project the default relation types once', async () => {
    const file = path.join(dir, 'new.gloss');
    const first = await Project.open(file);
    expect(first.relations.listTypes()).toHaveLength(4);
    first.close();
    const again = await Project.open(file);
    expect(again.relations.listTypes()).toHaveLength(4);
    again.close();
  });
});
