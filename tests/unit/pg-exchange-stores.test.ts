// Suggestion rejections, source ids and import matches on PostgreSQL
// against the SQLite engine: the same writes read back the same on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { PgImportMatchStore, PgSourceIdStore, PgSuggestionRejectionStore } from '../../electron/backend/store/pg/exchange-stores.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
let client: pg.Client;
let project: Project;
let tmp: ReturnType<typeof tempDir>;
let docIds: string[];

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client, server.url);
  tmp = tempDir();
  project = await Project.open(path.join(tmp.dir, 'x.gloss'));
  const files = fs.readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.txt'));
  await importSources(project, files.map((name) => ({ name, bytes: fs.readFileSync(path.join(CORPUS_DIR, name)) })));
  // The first article again under another id: two documents with one content hash.
  const first = project.documents.get(project.documents.ids()[0]!);
  project.documents.insert({ id: crypto.randomUUID(), name: `copy of ${first.name}`, title: first.title, text: first.text, blocks: first.blocks, metadata: first.metadata, contentHash: first.contentHash });
  docIds = project.documents.ids();
  const documents = new PgDocumentStore(client);
  for (const id of docIds) {
    const d = project.documents.get(id);
    await documents.insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
  }
  for (const row of project.db.prepare('SELECT id, name, kind, color, hotkey, attributes, position FROM labels').all() as Record<string, unknown>[]) {
    await client.query('INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(row));
  }
}, 120_000);

afterAll(async () => {
  project?.close();
  tmp?.cleanup();
  await client?.end();
  await server?.stop();
});

describe('exchange stores on PostgreSQL', () => {
  it('suggestion rejections: add twice, remove, replace, list in key order', async () => {
    const store = new PgSuggestionRejectionStore(client);
    const [l1, l2] = project.labels.list().map((l) => l.id);
    const doc = docIds[0]!;
    const ranges = [
      { documentId: doc, labelId: l2!, start: 30, end: 35 },
      { documentId: doc, labelId: l1!, start: 50, end: 55 },
      { documentId: doc, labelId: l1!, start: 10, end: 15 },
      { documentId: doc, labelId: l1!, start: 10, end: 15 },
    ];
    for (const r of ranges) {
      project.suggestionRejections.add(r, 'q');
      await store.add(r, 'q');
    }
    expect(project.suggestionRejections.remove(ranges[0]!)).toBe(await store.remove(ranges[0]!));
    expect(project.suggestionRejections.remove(ranges[0]!)).toBe(await store.remove(ranges[0]!));
    const strip = (rows: { rejectedAt: string }[]) => rows.map((r) => ({ ...r, rejectedAt: '' }));
    expect(strip(await store.listOf(doc))).toEqual(strip(project.suggestionRejections.listOf(doc)));
    expect([...(await store.keysOf(doc))].sort()).toEqual([...project.suggestionRejections.keysOf(doc)].sort());
    const replacement = [
      { labelId: l2!, start: 1, end: 4, quote: 'a', rejectedAt: 't' },
      { labelId: l1!, start: 9, end: 12, quote: 'b', rejectedAt: 't' },
      { labelId: l1!, start: 9, end: 12, quote: 'b', rejectedAt: 't' },
    ];
    project.suggestionRejections.replaceAll(doc, replacement);
    await store.replaceAll(doc, replacement);
    expect(await store.listOf(doc)).toEqual(project.suggestionRejections.listOf(doc));
  });

  it('source ids: put, replace and read per document and project-wide', async () => {
    const store = new PgSourceIdStore(client);
    const doc = docIds[1]!;
    const ids = [
      { owner: 'a1', part: '', sourceId: 'T1' },
      { owner: 'a1', part: 'attr:Negation', sourceId: 'A1', extra: { value: true } },
      { owner: 'a2', part: '', sourceId: 'T2' },
    ];
    project.sourceIds.put('brat', doc, ids);
    await store.put('brat', doc, ids);
    project.sourceIds.put('brat', doc, [{ owner: 'a2', part: '', sourceId: 'T9', extra: ['kept'] }]);
    await store.put('brat', doc, [{ owner: 'a2', part: '', sourceId: 'T9', extra: ['kept'] }]);
    project.sourceIds.put('qdpx', null, [{ owner: 'project', part: '', sourceId: 'GUID-1' }]);
    await store.put('qdpx', null, [{ owner: 'project', part: '', sourceId: 'GUID-1' }]);
    const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(await store.byDocument('brat', doc))).toEqual(sorted(project.sourceIds.byDocument('brat', doc)));
    expect(sorted(await store.global('qdpx'))).toEqual(sorted(project.sourceIds.global('qdpx')));
    expect((await store.byDocument('labelstudio', doc)).size).toBe(0);
  });

  it('import matches: content hashes in import order, spans stored before a point, links', async () => {
    const store = new PgImportMatchStore(client);
    const annotations = new PgAnnotationStore(client);
    const hash = project.documents.get(docIds[0]!).contentHash;
    expect(await store.documentsWithHash(hash)).toEqual(project.importMatches.documentsWithHash(hash));
    expect(project.importMatches.documentsWithHash(hash).length).toBe(2);
    const doc = docIds[0]!;
    const text = project.documents.text(doc);
    const label = project.labels.list()[0]!.id;
    const input = { id: crypto.randomUUID(), documentId: doc, ranges: [{ start: 5, end: 12 }], labelId: label, annotator: 'ana' };
    project.annotations.create(input, text);
    await annotations.create(input, text);
    const before = { sqlite: project.importMatches.lastAnnotationRowid(), pg: await store.lastAnnotationRowid() };
    const later = { ...input, id: crypto.randomUUID(), annotator: 'ben' };
    project.annotations.create(later, text);
    await annotations.create(later, text);
    const ranges = JSON.stringify([{ start: 5, end: 12 }]);
    expect(await store.annotationAt(doc, 5, 12, 'ana', label, ranges, before.pg)).toBe(project.importMatches.annotationAt(doc, 5, 12, 'ana', label, ranges, before.sqlite));
    expect(await store.annotationAt(doc, 5, 12, 'ben', label, ranges, before.pg)).toBeUndefined();
    expect(project.importMatches.annotationAt(doc, 5, 12, 'ben', label, ranges, before.sqlite)).toBeUndefined();
    expect(await store.entityOf(input.id)).toBe(project.importMatches.entityOf(input.id));
    expect(await store.propositionsOf(input.id)).toEqual(project.importMatches.propositionsOf(input.id));
    expect(await store.eventOn(input.id, 'Attack')).toBe(project.importMatches.eventOn(input.id, 'Attack'));
  });
});
