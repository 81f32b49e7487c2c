// A project on PostgreSQL through the bridge thread (store/pg/sync): the
// transactions the services rely on behave as on a project file, on a real
// server started in a temporary folder.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

let server: TestPostgres;
const open: Project[] = [];

async function project(url: string): Promise<Project> {
  const p = await Project.open(url);
  open.push(p);
  return p;
}

function insertDocument(p: Project, name: string, text = `${name} has text.`): string {
  const id = crypto.randomUUID();
  p.documents.insert({ id, name, title: name, text, blocks: [{ type: 'paragraph', start: 0, end: text.length }], metadata: {}, contentHash: id });
  return id;
}

const names = (p: Project) => p.documents.list().map((d) => d.name).sort();

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const p of open) p.close();
  await server?.stop();
});

describe('a project on PostgreSQL', () => {
  it('is created and migrated on first open, with the default tagset, at the schema version of a project file', async () => {
    const p = await project(server.createDatabase('fresh'));
    expect(p.engine).toBe('postgres');
    expect(p.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    expect(p.labels.list().map((l) => l.name)).toContain('Claim');
    expect(p.path).toMatch(/^postgres:\/\/.*\/fresh$/);
    expect(() => p.db).toThrow(/on PostgreSQL/);
    await expect(p.backup('/tmp/never.gloss')).rejects.toThrow(/pg_dump/);
  });

  it('keeps all of a transaction or none, and a failed inner transaction rolls back only itself', async () => {
    const p = await project(server.createDatabase('tx'));
    expect(() =>
      p.transaction(() => {
        insertDocument(p, 'lost');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(names(p)).toEqual([]);

    p.transaction(() => {
      insertDocument(p, 'outer');
      expect(() =>
        p.transaction(() => {
          insertDocument(p, 'inner');
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      insertDocument(p, 'after');
    });
    expect(names(p)).toEqual(['after', 'outer']);

    // A constraint broken inside: the error comes back and the transaction leaves nothing.
    const id = insertDocument(p, 'kept');
    expect(() =>
      p.transaction(() => {
        insertDocument(p, 'with-duplicate');
        p.documents.insert({ id, name: 'dup', title: 'dup', text: 'x', blocks: [], metadata: {}, contentHash: 'x' });
      }),
    ).toThrow();
    expect(names(p)).toEqual(['after', 'kept', 'outer']);
  });

  it('refuses an async transaction function (its writes would run outside the transaction)', async () => {
    const p = await project(server.createDatabase('async'));
    expect(() => p.transaction((async () => insertDocument(p, 'x')) as never)).toThrow(/cannot be async/);
  });

  it('gives a read one snapshot while another connection writes, and sees the write afterwards', async () => {
    const url = server.createDatabase('snapshot');
    const a = await project(url);
    const b = await project(url);
    insertDocument(a, 'first');
    const seen = a.read(() => {
      const before = names(a);
      insertDocument(b, 'second');
      return [before, names(a)];
    });
    expect(seen).toEqual([['first'], ['first']]);
    expect(names(a)).toEqual(['first', 'second']);
  });

  it('answers with a clear error when its connection is cut, and connects again for the next call', async () => {
    const url = server.createDatabase('cut');
    const p = await project(url);
    insertDocument(p, 'before');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'cut' AND pid <> pg_backend_pid()");
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 200));
    let failure: unknown;
    try {
      names(p);
    } catch (err) {
      failure = err;
    }
    if (failure) expect(String(failure)).toMatch(/cannot be reached|terminat|connection/i);
    expect(names(p)).toEqual(['before']);
    insertDocument(p, 'after');
    expect(names(p)).toEqual(['after', 'before']);
  });

  it('records the annotator saved in the project, read by the next open', async () => {
    const url = server.createDatabase('who');
    const a = await project(url);
    expect(a.annotatorChosen).toBe(false);
    a.setAnnotator('Ana Lima');
    const b = await project(url);
    expect(b.annotator).toBe('Ana Lima');
    expect(b.annotatorChosen).toBe(true);
  });
});
