// The storage contract both engines keep, run on a real project file and on
// a real PostgreSQL: a transaction is stored whole or not at all, writers
// take turns (no lost update when two read-then-write at once), a read sees
// one state, and an unreachable database is named in a clear error.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import type { StoreEngine } from '../../electron/backend/store/engine.ts';
import { openPostgres } from '../../electron/backend/store/pg/engine.ts';
import { sqliteEngine } from '../../electron/backend/store/sqlite-engine.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
const engines: { name: string; engine: StoreEngine; labelId: string; documentId: string; text: string }[] = [];

beforeAll(async () => {
  server = await startPostgres();
  tmp = tempDir();
  const project = await Project.open(path.join(tmp.dir, 'engine.gloss'));
  const [doc] = await importSources(project, [{ name: 'a.txt', bytes: Buffer.from('Lithium and cobalt 🇵🇰 prices rose again this week.', 'utf8') }]);
  const sqlite = sqliteEngine(project);
  const full = project.documents.get(doc!.id);
  engines.push({ name: 'sqlite', engine: sqlite, labelId: project.labels.list()[0]!.id, documentId: full.id, text: full.text });

  const pgEngine = await openPostgres(server.url);
  const label = project.db.prepare('SELECT id, name, kind, color, hotkey, attributes, position FROM labels LIMIT 1').get() as Record<string, unknown>;
  await pgEngine.withTransaction(async (repos) => {
    await repos.documents.insert({ id: full.id, name: full.name, title: full.title, text: full.text, blocks: full.blocks, metadata: full.metadata, contentHash: full.contentHash });
  });
  // The labels repository is not on the engine yet: one row through SQL of the test's own.
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  await c.query('INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(label));
  await c.end();
  engines.push({ name: 'postgres', engine: pgEngine, labelId: label.id as string, documentId: full.id, text: full.text });
}, 120_000);

afterAll(async () => {
  for (const e of engines) await e.engine.close();
  tmp?.cleanup();
  await server?.stop();
});

describe.each(['sqlite', 'postgres'])('store engine: %s', (name) => {
  const get = () => engines.find((e) => e.name === name)!;

  it('stores a transaction whole, or nothing of it when it fails', async () => {
    const { engine, documentId, labelId, text } = get();
    const kept = crypto.randomUUID();
    const lost = crypto.randomUUID();
    await engine.withTransaction((r) => r.annotations.create({ id: kept, documentId, labelId, ranges: [{ start: 0, end: 7 }], annotator: 'ana' }, text));
    await expect(
      engine.withTransaction(async (r) => {
        await r.annotations.create({ id: lost, documentId, labelId, ranges: [{ start: 12, end: 18 }], annotator: 'ana' }, text);
        await r.settings.saveAnnotator('half done');
        // A range inside the flag's surrogate pair: refused, after two writes of the same transaction.
        const flag = text.indexOf('🇵🇰');
        await r.annotations.create({ documentId, labelId, ranges: [{ start: flag + 1, end: flag + 3 }], annotator: 'ana' }, text);
      }),
    ).rejects.toThrow(/falls inside the character/);
    await engine.read(async (r) => {
      expect((await r.annotations.get(kept)).quote).toBe('Lithium');
      await expect(r.annotations.get(lost)).rejects.toThrow(/no annotation with id/);
      expect(await r.settings.savedAnnotator()).not.toBe('half done');
    });
  });

  it('lets writers take turns: 40 concurrent read-then-write increments lose none', async () => {
    const { engine } = get();
    await engine.withTransaction((r) => r.settings.saveAnnotator('0'));
    await Promise.all(
      Array.from({ length: 40 }, () =>
        engine.withTransaction(async (r) => {
          const n = Number(await r.settings.savedAnnotator());
          await new Promise((resolve) => setTimeout(resolve, 1));
          await r.settings.saveAnnotator(String(n + 1));
        }),
      ),
    );
    expect(await engine.read((r) => r.settings.savedAnnotator())).toBe('40');
  });

  it('reads one state while a write commits', async () => {
    const { engine, documentId, labelId, text } = get();
    const before = (await engine.read((r) => r.annotations.listByDocument(documentId))).length;
    const seen = await engine.read(async (r) => {
      const first = (await r.annotations.listByDocument(documentId)).length;
      // A write that commits while the read is open (on SQLite it waits its turn behind the read).
      const at = text.indexOf('prices');
      const write = engine.withTransaction((w) => w.annotations.create({ documentId, labelId, ranges: [{ start: at, end: at + 6 }], annotator: 'ben' }, text));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = (await r.annotations.listByDocument(documentId)).length;
      return { first, second, write };
    });
    await seen.write;
    expect(seen.first).toBe(before);
    expect(seen.second).toBe(before);
    expect((await engine.read((r) => r.annotations.listByDocument(documentId))).length).toBe(before + 1);
  });
});

describe('PostgreSQL engine faults', () => {
  it('names an unreachable database in its error', async () => {
    const url = server.url.replace(/:(\d+)\//, (_, port) => `:${Number(port) + 1}/`);
    await expect(openPostgres(url)).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/PostgreSQL cannot be reached/) });
  });

  it('refuses a database that does not exist, by name', async () => {
    await expect(openPostgres(server.url.replace(/\/gloss$/, '/no_such_db'))).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/no_such_db: no such database/) });
  });
});
