// Settings, team statuses and collections on PostgreSQL against the SQLite
// engine: the same operations, including refused ones, give the same results
// and errors on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import { PgCollectionStore } from '../../electron/backend/store/pg/collections.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { PgSettingsStore } from '../../electron/backend/store/pg/settings.ts';
import { PgTeamStore } from '../../electron/backend/store/pg/team.ts';
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
  project = await Project.open(path.join(tmp.dir, 'p.gloss'));
  await importSources(project, fs.readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.txt')).map((name) => ({ name, bytes: fs.readFileSync(path.join(CORPUS_DIR, name)) })));
  const documents = new PgDocumentStore(client);
  docIds = project.documents.ids();
  for (const id of docIds) {
    const d = project.documents.get(id);
    await documents.insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
  }
  for (const row of project.db.prepare('SELECT id, name, kind, color, hotkey, attributes, position, parent_id, description, guid FROM labels').all() as Record<string, unknown>[]) {
    const cols = Object.keys(row);
    await client.query(`INSERT INTO labels (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  }
}, 120_000);

afterAll(async () => {
  project?.close();
  tmp?.cleanup();
  await client?.end();
  await server?.stop();
});

async function same<T>(label: string, sqlite: () => T, postgres: () => Promise<T>, normalize: (v: T) => unknown = (v) => v): Promise<void> {
  const run = async (fn: () => T | Promise<T>) => {
    try {
      return { ok: normalize(await fn()) };
    } catch (err) {
      return { error: `${(err as { kind?: string }).kind}: ${(err as Error).message}` };
    }
  };
  expect(await run(postgres), label).toEqual(await run(sqlite));
}

describe('project stores on PostgreSQL', () => {
  it('settings: the annotator, the seeded flag and the reader settings', async () => {
    const pgSettings = new PgSettingsStore(client);
    await same('annotator before', () => project.settings.savedAnnotator(), () => pgSettings.savedAnnotator());
    // The SQLite project was seeded when it opened; a fresh PostgreSQL database was not.
    expect(await pgSettings.seeded()).toBe(false);
    await pgSettings.markSeeded();
    await same('seeded', () => project.settings.seeded(), () => pgSettings.seeded());
    // A second mark is refused by the key on both (each engine's own constraint message).
    expect(() => project.settings.markSeeded()).toThrow(/UNIQUE constraint failed: settings.key/);
    await expect(pgSettings.markSeeded()).rejects.toThrow(/duplicate key value violates unique constraint "settings_pkey"/);
    project.settings.saveAnnotator('Ana Lima');
    await pgSettings.saveAnnotator('Ana Lima');
    await same('annotator after', () => project.settings.savedAnnotator(), () => pgSettings.savedAnnotator());
    await same('reader defaults', () => project.settings.reader(), () => pgSettings.reader());
    await same('reader change', () => project.settings.setReader({ snapToWords: false }), () => pgSettings.setReader({ snapToWords: false }));
    await same('reader after', () => project.settings.reader(), () => pgSettings.reader());
  });

  it('team: statuses, annotators and the tuples agreement reads', async () => {
    const team = new PgTeamStore(client);
    const annotations = new PgAnnotationStore(client);
    const labels = project.labels.list();
    for (const [i, annotator] of ['zoë', 'Ana', 'ben', 'ana'].entries()) {
      for (const [j, documentId] of docIds.entries()) {
        const input = { id: crypto.randomUUID(), documentId, ranges: [{ start: 10 * i + j, end: 10 * i + j + 4 }], labelId: labels[(i + j) % labels.length]!.id, annotator };
        const text = project.documents.text(documentId);
        project.annotations.create(input, text);
        await annotations.create(input, text);
      }
    }
    for (const [k, documentId] of docIds.entries()) {
      const status = k % 2 ? 'done' : 'in_progress';
      project.team.putStatus(documentId, 'ana', status, 't');
      await team.putStatus(documentId, 'ana', status, 't');
      project.team.putStatus(documentId, 'ben', 'in_progress', 't');
      await team.putStatus(documentId, 'ben', 'in_progress', 't');
    }
    project.team.putStatus(docIds[0]!, 'ben', 'done', 't2');
    await team.putStatus(docIds[0]!, 'ben', 'done', 't2');
    project.team.clearStatus(docIds[1]!, 'ana');
    await team.clearStatus(docIds[1]!, 'ana');
    await same('statuses', () => project.team.statuses(), () => team.statuses());
    await same('status of', () => project.team.statusOf(docIds[0]!, 'ben'), () => team.statusOf(docIds[0]!, 'ben'));
    await same('no status', () => project.team.statusOf(docIds[1]!, 'ana'), () => team.statusOf(docIds[1]!, 'ana'));
    await same('annotators', () => project.team.annotators(), () => team.annotators());
    const sorted = (v: string[] | string[][]) => v.map((x) => JSON.stringify(x)).sort();
    await same('annotators in', () => project.team.annotatorsIn(docIds.slice(0, 2)), () => team.annotatorsIn(docIds.slice(0, 2)), sorted);
    for (const id of docIds) await same('span tuples', () => project.team.spanTuples(id), () => team.spanTuples(id), sorted);
  });

  it('collections: create, rename, add, remove and delete, with the same refusals', async () => {
    const collections = new PgCollectionStore(client);
    const id = crypto.randomUUID();
    await same('create', () => project.collections.create('Pakistan', { id, documentIds: docIds.slice(0, 2) }), () => collections.create('Pakistan', { id, documentIds: docIds.slice(0, 2) }), strip);
    await same('same name', () => project.collections.create('PAKISTAN'), () => collections.create('PAKISTAN'));
    const other = crypto.randomUUID();
    await same('another', () => project.collections.create('Minerals', { id: other }), () => collections.create('Minerals', { id: other }), strip);
    await same('rename onto another', () => project.collections.rename(other, 'pakistan'), () => collections.rename(other, 'pakistan'));
    await same('rename', () => project.collections.rename(other, 'Critical minerals'), () => collections.rename(other, 'Critical minerals'), strip);
    await same('add', () => project.collections.add(id, docIds), () => collections.add(id, docIds));
    await same('add missing', () => project.collections.add(id, ['no-such-document']), () => collections.add(id, ['no-such-document']));
    await same('remove', () => project.collections.remove(id, [docIds[0]!, docIds[0]!, 'x']), () => collections.remove(id, [docIds[0]!, docIds[0]!, 'x']));
    await same('list', () => project.collections.list(), () => collections.list(), (v) => v.map(strip));
    await same('delete', () => project.collections.delete(other), () => collections.delete(other), strip);
    await same('get deleted', () => project.collections.get(other), () => collections.get(other));
  });
});

function strip<T extends { createdAt: string }>(c: T): T {
  return { ...c, createdAt: '' };
}
