// Provenance on PostgreSQL: its triggers write the same change log as the
// SQLite engine's for the same work (who, through what, which record of which
// document, before and after), cascades and rolled-back changes included.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import type { ChangeEntry } from '../../shared/index.ts';
import { buildRichProject } from '../support/interop-fixture.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';
import { normalizeIds } from '../support/normalize.ts';

let postgres: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  postgres = await startPostgres();
  tmp = tempDir();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  tmp?.cleanup();
});

/** The same work on either engine, each step under its actor and API method. */
function work(project: Project): void {
  const as = <T>(actor: string, via: string, fn: () => T): T => project.withChanges({ actor, via }, () => project.transaction(fn));
  const { d1, d2 } = as('ana', 'fixture', () => buildRichProject(project));
  const [first, second] = project.annotations.listByDocument(d1);
  const text = project.documents.text(d1);
  as('ben', 'annotations.update', () => project.annotations.update(first!.id, { note: 'checked — “ok” 🇵🇰', ranges: [{ start: first!.ranges[0]!.start, end: first!.ranges[0]!.end }] }, () => text));
  as('ben', 'annotations.update', () => project.annotations.update(second!.id, { labelId: project.labels.findByName('Organization')!.id }, () => text));
  // A rolled-back change leaves no entry.
  expect(() =>
    as('cleo', 'annotations.delete', () => {
      project.annotations.delete(first!.id);
      throw new Error('changed my mind');
    }),
  ).toThrow('changed my mind');
  as('cleo', 'entities.update', () => project.entities.update(project.entities.list()[0]!.entity.id, { description: 'updated by Cleo' }));
  as('dee', 'annotations.delete', () => project.annotations.delete(second!.id));
  // Deleting a document logs what goes with it by cascade, each under its document.
  as('dee', 'documents.delete', () => project.documents.delete(d2));
}

/**
 * Entries without the log's numbering and clock, ids replaced by their order
 * of first appearance. Within one transaction (one actor and method) the
 * entries are compared as a set: a cascade's rows are logged children first
 * on SQLite and parent first on PostgreSQL, each engine deleting in its order.
 */
function comparable(entries: ChangeEntry[]): string[][] {
  const ids = new Map<string, string>();
  const text = JSON.stringify(entries.map(({ id: _id, at: _at, ...rest }) => rest));
  const normalized = JSON.parse(normalizeIds(text, ids)) as { actor: string; via: string }[];
  const groups: string[][] = [];
  let last = '';
  for (const e of normalized) {
    const key = `${e.actor}\u0000${e.via}`;
    if (key !== last) groups.push([]);
    last = key;
    groups.at(-1)!.push(JSON.stringify(e));
  }
  return groups.map((g) => g.sort());
}

describe('the change log on PostgreSQL', () => {
  it('holds the same entries as on a project file, transaction by transaction', async () => {
    const logs: ChangeEntry[][] = [];
    for (const target of [path.join(tmp.dir, 'log.gloss'), postgres.createDatabase('log')]) {
      const project = await Project.open(target);
      try {
        const from = project.changeLog.lastId();
        work(project);
        logs.push(project.changeLog.since(from));
      } finally {
        project.close();
      }
    }
    const [sqlite, pg] = logs as [ChangeEntry[], ChangeEntry[]];
    expect(pg.length).toBeGreaterThan(30);
    expect(comparable(pg)).toEqual(comparable(sqlite));
    expect(new Set(pg.map((e) => e.actor))).toEqual(new Set(['ana', 'ben', 'dee', 'cleo']));
    expect(pg.some((e) => e.via === 'documents.delete' && e.kind === 'claim_link' && e.op === 'delete' && e.documentId !== null)).toBe(true);
  });

  it('reads a document’s history page by page, and its size', async () => {
    const project = await Project.open(postgres.createDatabase('pages'));
    try {
      const { d1 } = project.withChanges({ actor: 'ana', via: 'fixture' }, () => project.transaction(() => buildRichProject(project)));
      const all = project.changeLog.forDocument(d1, 1000);
      expect(all.length).toBeGreaterThan(10);
      const firstPage = project.changeLog.forDocument(d1, 5);
      const nextPage = project.changeLog.forDocument(d1, 5, firstPage.at(-1)!.id);
      expect([...firstPage, ...nextPage]).toEqual(all.slice(0, 10));
      const size = project.changeLog.size();
      expect(size.entries).toBe(project.changeLog.since(0).length);
      expect(size.bytes).toBeGreaterThan(size.entries * 16);
    } finally {
      project.close();
    }
  });

  it('records a write made without Gloss (psql) as unknown, and a project opened twice installs its triggers once', async () => {
    const url = postgres.createDatabase('outside');
    const [a, b] = await Promise.all([Project.open(url), Project.open(url)]);
    try {
      const pgmod = await import('pg');
      const client = new pgmod.default.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`INSERT INTO entities (id, name, type, aliases, external_id, description, created_at, modified_at) VALUES ('e1', 'Outside', 'Person', '[]', NULL, '', 'now', 'now')`);
      } finally {
        await client.end();
      }
      const [entry] = b.changeLog.since(a.changeLog.lastId() - 1);
      expect(entry).toMatchObject({ actor: 'unknown', kind: 'entity', objectId: 'e1', op: 'insert', via: null });
    } finally {
      a.close();
      b.close();
    }
  });
});
