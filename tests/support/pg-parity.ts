// What the PostgreSQL parity tests share: a real PostgreSQL beside a SQLite
// project holding the same documents (the real articles and an emoji/RTL
// text), a seeded random source, and a comparison of outcomes that leaves
// out the clock and says which constraint an engine's raw error broke.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { storeError } from '../../electron/backend/store/errors.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { mulberry32 } from '../bench/generate.ts';
import { CORPUS_DIR } from './paths.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { tempDir } from './tmp.ts';

export interface ParityWorld {
  server: TestPostgres;
  client: pg.Client;
  project: Project;
  documents: { id: string; text: string }[];
  /** Copies a SQLite table's rows into PostgreSQL's, in rowid order (so `seq` orders them the same). */
  copyRows(table: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts PostgreSQL (migrated), opens a SQLite project with the corpus, and copies the documents and labels over. */
export async function parityWorld(): Promise<ParityWorld> {
  const server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client, server.url);
  const tmp = tempDir();
  const project = await Project.open(path.join(tmp.dir, 'a.gloss'));
  const sources = fs
    .readdirSync(CORPUS_DIR)
    .filter((n) => n.endsWith('.txt'))
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(CORPUS_DIR, name)) }));
  sources.push({ name: 'emoji.txt', bytes: Buffer.from('Flags 🇵🇰 and 👍🏽, cafe\u0301, العربية نص and עברית: each one a claim.', 'utf8') });
  await importSources(project, sources);
  const pgDocuments = new PgDocumentStore(client);
  const documents: { id: string; text: string }[] = [];
  for (const s of project.documents.list()) {
    const d = project.documents.get(s.id);
    await pgDocuments.insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
    documents.push({ id: d.id, text: d.text });
  }
  // The documents' timestamps too, so that library order (created_at, rowid) is the same on both.
  for (const d of project.db.prepare('SELECT id, created_at FROM documents').all() as { id: string; created_at: string }[]) {
    await client.query('UPDATE documents SET created_at = $1 WHERE id = $2', [d.created_at, d.id]);
  }
  const copyRows = async (table: string) => {
    for (const r of project.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]) {
      const cols = Object.keys(r);
      await client.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(r));
    }
  };
  await copyRows('labels');
  return {
    server,
    client,
    project,
    documents,
    copyRows,
    close: async () => {
      project.close();
      tmp.cleanup();
      await client.end();
      await server.stop();
    },
  };
}

/** A seeded random source (mulberry32): the same run on both engines, and on every run. */
export const random = mulberry32;

/** A value without the clock (createdAt and modifiedAt blanked, at any depth); maps and sets as arrays. */
export function strip(value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].map(strip);
  if (value instanceof Set) return [...value].map(strip);
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'createdAt' || k === 'modifiedAt' ? '' : strip(v)]));
  }
  return value;
}

/** An error as both engines must agree on it: a GlossError's kind and message, or the kind of constraint a raw error broke. */
export function describeError(err: unknown): string {
  const e = storeError(err, 'a.gloss') as { kind?: string; code?: string; message?: string };
  if (e.kind) return `${e.kind}: ${e.message}`;
  const code = String(e.code ?? '');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return 'constraint: unique';
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === '23514') return 'constraint: check';
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502') return 'constraint: not null';
  return `error ${code}: ${e.message}`;
}

/** Runs one step on both engines: their outcomes (value or error), clock left out. */
export async function both(sqlite: () => unknown, postgres: () => Promise<unknown>): Promise<[string, string]> {
  const run = async (fn: () => unknown) => {
    try {
      return JSON.stringify({ ok: strip(await fn()) });
    } catch (err) {
      return JSON.stringify({ error: describeError(err) });
    }
  };
  return [await run(sqlite), await run(postgres)];
}

/** Records a step whose outcomes differ. */
export class Steps {
  readonly mismatches: string[] = [];
  errors = 0;
  /** The kinds of refusal met (first words of each error), to show the run met the ones it means to test. */
  readonly refusals = new Set<string>();
  /** Every error met, in full. */
  readonly errorTexts: string[] = [];
  async step(what: string, sqlite: () => unknown, postgres: () => Promise<unknown>): Promise<void> {
    const [a, b] = await both(sqlite, postgres);
    if (a.startsWith('{"error"')) {
      this.errors++;
      this.errorTexts.push((JSON.parse(a) as { error: string }).error);
      this.refusals.add((JSON.parse(a) as { error: string }).error.split(/ (?:with|named|is|by|to|"|\()/u)[0]!);
    }
    if (a !== b) this.mismatches.push(`${what}: ${a.slice(0, 300)} ≠ ${b.slice(0, 300)}`);
  }
}
