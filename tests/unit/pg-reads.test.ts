// The stores exports and annotation search read, and the standoff records
// brat carries, on PostgreSQL against the SQLite engine: brat's four example
// corpora in ../shared are imported into a project file, every row is copied
// to PostgreSQL in the same order, and every read must answer the same; then
// the same new standoff records are written on both and read back alike.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { Project } from '../../electron/backend/project.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { PgExportReadStore, PgSearchStore } from '../../electron/backend/store/pg/reads.ts';
import { PgStandoffStore } from '../../electron/backend/store/pg/standoff.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
let client: pg.Client;
let project: Project;
let tmp: ReturnType<typeof tempDir>;
let documentIds: string[];

/** Tables in the order their references need, copied row for row in rowid order (so `seq` orders as rowid). */
const TABLES = ['labels', 'relation_types', 'entities', 'propositions', 'annotations', 'annotation_entities', 'claim_links', 'document_stances', 'relations', 'relation_roles', 'events', 'equivalences', 'normalizations', 'standoff_notes'];

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client, server.url);
  await client.query('DELETE FROM relation_types');
  tmp = tempDir();
  project = await Project.open(path.join(tmp.dir, 'brat.gloss'));
  for (const corpus of ['tutorial-news', 'TDT', 'NCBI-disease', 'CoNLL-ST_2002-esp']) await importFiles(project, readImportPaths([path.join(SHARED_DIR, 'interop', 'brat', corpus)]));
  documentIds = project.documents.ids();
  // Documents through plain rows too (their search vector does not matter here).
  for (const r of project.db.prepare('SELECT id, name, title, text, blocks, metadata, content_hash, created_at, modified_at FROM documents ORDER BY rowid').all() as Record<string, unknown>[]) {
    await client.query('INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', Object.values(r));
  }
  for (const table of TABLES) {
    for (const r of project.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]) {
      const cols = Object.keys(r);
      await client.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(r));
    }
  }
}, 180_000);

afterAll(async () => {
  project?.close();
  tmp?.cleanup();
  await client?.end();
  await server?.stop();
});

describe('reads and standoff records on PostgreSQL', () => {
  it('the brat corpora hold what these stores read', () => {
    const count = (table: string) => (project.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('events')).toBeGreaterThan(0);
    expect(count('standoff_notes')).toBeGreaterThan(0);
    expect(count('relations')).toBeGreaterThan(0);
    expect(count('equivalences')).toBeGreaterThan(0);
  });

  it('export reads answer the same for every document', async () => {
    const reads = new PgExportReadStore(client);
    for (const id of documentIds) {
      expect(await reads.annotationRows(id)).toEqual(project.exportReads.annotationRows(id));
      expect(await reads.relationsFrom(id)).toEqual(project.exportReads.relationsFrom(id));
    }
    expect(await reads.hasRows('relations')).toBe(project.exportReads.hasRows('relations'));
    expect(await reads.hasRows('annotation_entities')).toBe(project.exportReads.hasRows('annotation_entities'));
  });

  it('annotation search reads the same rows, in the same order, with each filter', async () => {
    const reads = new PgSearchStore(client);
    const label = project.labels.list()[0]!.id;
    for (const filter of [{}, { labelId: label }, { documentIds: documentIds.slice(0, 3) }, { labelId: label, documentIds: documentIds.slice(2, 5) }]) {
      expect(await reads.annotationRows(filter)).toEqual(project.search.annotationRows(filter));
    }
    expect(await reads.claimRows()).toEqual(project.search.claimRows());
  });

  it('standoff records: the imported ones read alike, and new ones are written and read alike', async () => {
    const standoff = new PgStandoffStore(client);
    for (const id of documentIds) {
      expect(await standoff.events(id)).toEqual(project.standoff.events(id));
      expect(await standoff.equivalences(id)).toEqual(project.standoff.equivalences(id));
      expect(await standoff.normalizations(id)).toEqual(project.standoff.normalizations(id));
      expect(await standoff.notes(id)).toEqual(project.standoff.notes(id));
    }
    const relationIds = (project.db.prepare('SELECT id FROM relations ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
    const roles = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    expect(roles(await standoff.relationRoles(relationIds))).toEqual(roles(project.standoff.relationRoles(relationIds)));

    const doc = documentIds.find((id) => project.standoff.events(id).length > 0)!;
    const trigger = project.standoff.events(doc)[0]!.triggerId;
    const eventId = crypto.randomUUID();
    const event = { documentId: doc, type: 'Meet', triggerId: trigger, args: [{ role: 'Entity', ref: trigger }], attributes: { Negation: true }, note: 'ünïcode 🇵🇰' };
    project.standoff.addEvent(event, eventId);
    await standoff.addEvent(event, eventId);
    project.standoff.setEventArgs(eventId, [{ role: 'Place', ref: trigger }]);
    await standoff.setEventArgs(eventId, [{ role: 'Place', ref: trigger }]);
    const strip = <T extends { id: string }>(rows: T[]) => rows.map((r) => ({ ...r, id: r.id === eventId ? r.id : r.id.length }));
    expect(strip(await standoff.events(doc))).toEqual(strip(project.standoff.events(doc)));
    for (const [add, read] of [
      [() => project.standoff.addEquivalence({ documentId: doc, type: 'Equiv', members: [trigger, eventId] }), () => standoff.addEquivalence({ documentId: doc, type: 'Equiv', members: [trigger, eventId] })],
      [() => project.standoff.addNote({ documentId: doc, targetId: trigger, type: 'AnnotatorNotes', text: 'checked' }), () => standoff.addNote({ documentId: doc, targetId: trigger, type: 'AnnotatorNotes', text: 'checked' })],
      [
        () => project.standoff.addNormalization({ documentId: doc, targetId: trigger, type: 'Reference', resource: 'Wikipedia', externalId: '534366', text: 'Barack Obama' }),
        () => standoff.addNormalization({ documentId: doc, targetId: trigger, type: 'Reference', resource: 'Wikipedia', externalId: '534366', text: 'Barack Obama' }),
      ],
    ] as const) {
      add();
      await read();
    }
    const positionsAndContent = <T extends { id: string }>(rows: T[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(positionsAndContent(await standoff.equivalences(doc))).toEqual(positionsAndContent(project.standoff.equivalences(doc)));
    expect(positionsAndContent(await standoff.notes(doc))).toEqual(positionsAndContent(project.standoff.notes(doc)));
    expect(positionsAndContent(await standoff.normalizations(doc))).toEqual(positionsAndContent(project.standoff.normalizations(doc)));
    const relation = relationIds[0]!;
    project.standoff.setRelationRoles(relation, 'Arg1', 'Arg2');
    await standoff.setRelationRoles(relation, 'Arg1', 'Arg2');
    project.standoff.setRelationRoles(relation, 'Cause', 'Effect');
    await standoff.setRelationRoles(relation, 'Cause', 'Effect');
    expect(roles(await standoff.relationRoles([relation, 'none']))).toEqual(roles(project.standoff.relationRoles([relation, 'none'])));
    expect((await standoff.relationRoles([])).size).toBe(0);
  });
});
