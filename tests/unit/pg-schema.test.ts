// The PostgreSQL schema against the SQLite one, on a real PostgreSQL started
// for the test (Debian's server in a temporary folder): the same migrations
// by number and name, the same tables and columns, the same defaults and
// link rules, and migrations that run
// once however many servers start together, refusing what is not Gloss's.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { PG_MIGRATIONS } from '../../electron/backend/store/pg/migrations.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
const clients: pg.Client[] = [];
let databases = 0;

async function freshDatabase(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.createDatabase(`schema_${++databases}`) });
  await client.connect();
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  await server?.stop();
});

/** Columns PostgreSQL has that SQLite gives implicitly: `seq` for rowid, `search` and `search_words` for the FTS5 table. */
const PG_ONLY_COLUMNS = new Set(['seq', 'search', 'search_words']);

interface Column {
  notNull: boolean;
  primaryKey: boolean;
}

describe('PostgreSQL schema', () => {
  it('has one migration per SQLite migration, with the same number and name', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('migrates an empty database once, and a second start finds nothing to do', async () => {
    const client = await freshDatabase();
    expect(await migratePostgres(client, 'test')).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(await migratePostgres(client, 'test')).toEqual([]);
    const recorded = await client.query('SELECT version, name FROM gloss_migrations ORDER BY version');
    expect(recorded.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('has the tables and columns of a SQLite project, with the same nullability and keys', async () => {
    const tmp = tempDir();
    const project = await Project.open(path.join(tmp.dir, 'schema.gloss'));
    const sqlite = new Map<string, Map<string, Column>>();
    try {
      const db = project.db;
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%'")
        .pluck()
        .all() as string[];
      for (const table of tables) {
        const cols = db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(table) as { name: string; nn: number; pk: number }[];
        // SQLite lets a non-integer primary key hold NULL unless declared NOT NULL; PostgreSQL never does: compare keys as not null.
        sqlite.set(table, new Map(cols.map((c) => [c.name, { notNull: c.nn === 1 || c.pk > 0, primaryKey: c.pk > 0 }])));
      }
    } finally {
      project.close();
      tmp.cleanup();
    }

    const client = await freshDatabase();
    await migratePostgres(client, 'test');
    const rows = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'gloss_migrations'",
    );
    const keys = await client.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()`,
    );
    const primary = new Set(keys.rows.map((k) => `${k.table_name}.${k.column_name}`));
    const postgres = new Map<string, Map<string, Column>>();
    for (const r of rows.rows) {
      if (PG_ONLY_COLUMNS.has(r.column_name)) continue;
      if (!postgres.has(r.table_name)) postgres.set(r.table_name, new Map());
      postgres.get(r.table_name)!.set(r.column_name, { notNull: r.is_nullable === 'NO', primaryKey: primary.has(`${r.table_name}.${r.column_name}`) });
    }
    const asObject = (m: Map<string, Map<string, Column>>) =>
      Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([t, cols]) => [t, Object.fromEntries([...cols].sort(([a], [b]) => a.localeCompare(b)))]));
    expect(asObject(postgres)).toEqual(asObject(sqlite));
  });

  it('seeds the same default relation types as SQLite', async () => {
    const tmp = tempDir();
    const project = await Project.open(path.join(tmp.dir, 'seed.gloss'));
    const fromSqlite = project.db.prepare('SELECT name, color, symmetric, from_kinds, to_kinds, position FROM relation_types ORDER BY position').all();
    project.close();
    tmp.cleanup();
    const client = await freshDatabase();
    await migratePostgres(client, 'test');
    const fromPg = await client.query('SELECT name, color, "symmetric", from_kinds, to_kinds, position FROM relation_types ORDER BY position');
    expect(fromPg.rows).toEqual(fromSqlite);
  });

  it('keeps the link rules: a link names its annotation\'s annotator by default, and typed notes go with their target', async () => {
    const client = await freshDatabase();
    await migratePostgres(client, 'test');
    await client.query(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at) VALUES ('d', 'n', 't', 'text', '[]', '{}', 'h', 'x', 'x')`);
    await client.query(`INSERT INTO labels (id, name, kind, color, position) VALUES ('l', 'Claim', 'claim', '#000', 1)`);
    await client.query(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, annotator, created_at, modified_at)
       VALUES ('a', 'd', 'l', '[{"start":0,"end":4}]', 0, 4, 'text', '', '', 'ana', 'x', 'x')`,
    );
    await client.query(`INSERT INTO propositions (id, text, text_key, created_at, modified_at) VALUES ('p', 'P', 'p', 'x', 'x')`);
    await client.query(`INSERT INTO claim_links (id, annotation_id, proposition_id, stance, created_at, modified_at) VALUES ('c', 'a', 'p', 'favor', 'x', 'x')`);
    await client.query(`INSERT INTO claim_links (id, annotation_id, proposition_id, stance, created_at, modified_at, annotator) VALUES ('c2', 'a', 'p', 'favor', 'x', 'x', 'ben') ON CONFLICT DO NOTHING`);
    expect((await client.query("SELECT annotator FROM claim_links WHERE id = 'c'")).rows[0].annotator).toBe('ana');
    await client.query(`INSERT INTO standoff_notes (id, document_id, target_id, type, text, position) VALUES ('n', 'd', 'a', 'AnnotatorNotes', 'x', 1)`);
    await client.query("DELETE FROM annotations WHERE id = 'a'");
    expect((await client.query('SELECT count(*)::int AS n FROM standoff_notes')).rows[0].n).toBe(0);
    expect((await client.query('SELECT count(*)::int AS n FROM claim_links')).rows[0].n).toBe(0);
  });

  it('refuses, unchanged, a database that is not Gloss\'s or was migrated by a newer Gloss', async () => {
    const foreign = await freshDatabase();
    await foreign.query('CREATE TABLE invoices (id int)');
    await expect(migratePostgres(foreign, 'pg://foreign')).rejects.toThrow(/pg:\/\/foreign: this database holds tables that are not a Gloss project's/);
    expect((await foreign.query("SELECT to_regclass('gloss_migrations') IS NULL AS absent")).rows[0].absent).toBe(true);

    const newer = await freshDatabase();
    await migratePostgres(newer, 'test');
    await newer.query("INSERT INTO gloss_migrations (version, name) VALUES (999, 'from the future')");
    const before = (await newer.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()")).rows[0].n;
    await expect(migratePostgres(newer, 'pg://newer')).rejects.toThrow(/pg:\/\/newer: the database was migrated by a newer Gloss \(schema 999/);
    expect((await newer.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()")).rows[0].n).toBe(before);
  });

  it('migrates once when several servers start on the same database at the same moment', async () => {
    const url = server.createDatabase(`schema_${++databases}`);
    const first = new pg.Client({ connectionString: url });
    await first.connect();
    clients.push(first);
    const others = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        clients.push(c);
        return c;
      }),
    );
    const results = await Promise.all([first, ...others].map((c) => migratePostgres(c, 'test')));
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect(results.flat().sort((a, b) => a - b)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('rolls a failing migration back whole', async () => {
    const client = await freshDatabase();
    const broken = [...PG_MIGRATIONS.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
    await expect(migratePostgres(client, 'test', broken)).rejects.toThrow(/no_such_function/);
    expect((await client.query("SELECT to_regclass('gloss_migrations') IS NULL AND to_regclass('documents') IS NULL AS empty")).rows[0].empty).toBe(true);
  });
});
