// `npm run bench -- --team`: a lab writing at once. Twenty simulated
// annotators create, edit and delete annotations through `gloss serve`'s HTTP
// API at five writes per second each for a minute (issue 16's load), then a
// second run is cut by a kill -9 of the server and the project, served again,
// is checked against every acknowledged write. Run by build/scripts/bench.mjs
// as `node --import tsx tests/bench/load-bench.ts --out FILE [--quick]`.
//
// Both engines run it: a project file (SQLite) and a PostgreSQL database on
// a server this run starts in a temporary folder (Debian's `postgresql`,
// installed by .ci/run), served by `gloss serve --db postgres://…`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { callApi, checkLedger, readAnnotations, runAnnotatorLoad } from '../support/annotator-load.ts';
import { serveProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';
import { createHash, randomUUID } from 'node:crypto';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import pg from 'pg';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { BENCH_SEED, generateArticle, generateQueries, mulberry32 } from './generate.ts';
import { median, percentile, progress, writeResult } from './report.ts';

export interface LoadBench {
  engine: string;
  annotators: number;
  writes_per_second_each: number;
  seconds: number;
  documents: number;
  writes_acknowledged: number;
  write_p50_ms: number;
  write_p95_ms: number;
  write_p99_ms: number;
  errors: number;
  lost_acknowledged: number;
  kill_run: { acknowledged_before_kill: number; checked: number; lost: number; resurrected: number };
  /** A large project served over HTTP: what the reader, agreement and search wait for. */
  scale: {
    documents: number;
    annotations: number;
    build_s: number;
    /** documents.get + annotations.list of a document with 200 annotations, both answered (median and p95 of 30 documents). */
    open_200_p50_ms: number;
    open_200_p95_ms: number;
    /** team.agreement for two annotators over 1,000 documents, median of 3. */
    agreement_2x1000_ms: number;
    /** documents.search, p95 over 100 generated queries. */
    search_p95_ms: number;
  };
}

const quick = process.argv.includes('--quick');
const ANNOTATORS = 20;
const RATE = 5;
const SECONDS = quick ? 10 : 60;
const DOCUMENTS = 200;
const SCALE_DOCUMENTS = quick ? 1_000 : 10_000;

/**
 * A project of `docs` generated articles with two annotators' layers: 100
 * annotations per document (50 each), 200 (100 each) in the first 100
 * documents: about a million annotations for 10,000 documents.
 */
async function scaleProject(file: string, docs: number): Promise<{ annotations: number; heavy: string[]; ids: string[] }> {
  const project = await Project.open(file, { synchronous: 'NORMAL' });
  const labels = project.labels.list();
  const rng = mulberry32(BENCH_SEED ^ 0x5ca1e);
  const ids: string[] = [];
  let annotations = 0;
  for (let from = 0; from < docs; from += 500) {
    project.transaction(() => {
      for (let i = from; i < Math.min(docs, from + 500); i++) {
        const { name, text } = generateArticle(BENCH_SEED, i);
        const id = randomUUID();
        ids.push(id);
        project.documents.insert({ id, name: name.replace(/\.txt$/, ''), title: text.slice(0, text.indexOf('\n')), text, blocks: lineBlocks(text), metadata: { format: 'txt' }, contentHash: createHash('sha256').update(text).digest('hex') });
        const perAnnotator = i < 100 ? 100 : 50;
        for (const annotator of ['ann-a', 'ann-b']) {
          for (let k = 0; k < perAnnotator; k++) {
            const start = Math.floor(rng() * (text.length - 40));
            project.annotations.create({ documentId: id, ranges: [{ start, end: start + 5 + Math.floor(rng() * 30) }], labelId: labels[k % labels.length]!.id, annotator }, text);
            annotations++;
          }
        }
      }
    });
    if ((from / 500) % 4 === 3) progress(`  ${Math.min(docs, from + 500)} documents, ${annotations} annotations`);
  }
  project.close();
  return { annotations, heavy: ids.slice(0, 100), ids };
}

/**
 * The same large project on PostgreSQL: its documents written by the
 * PostgreSQL engine's own insert (which builds the search vector), its
 * annotations copied row by row in batches, labels matched by name. The
 * database's triggers (the change log) are off while it is filled: a
 * generated project is nobody's change.
 */
async function copyToPostgres(file: string, url: string): Promise<void> {
  (await Project.open(url)).close(); // migrated, default labels seeded
  const source = await Project.open(file);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = 'replica'");
    const labelIds = new Map<string, string>();
    const { rows: pgLabels } = await client.query<{ id: string; name: string }>('SELECT id, name FROM labels');
    for (const l of source.labels.list()) labelIds.set(l.id, pgLabels.find((p) => p.name === l.name)!.id);
    const documents = new PgDocumentStore(client);
    await client.query('BEGIN');
    for (const s of source.documents.list()) {
      const d = source.documents.get(s.id);
      await documents.insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
    }
    await client.query('COMMIT');
    const rows = source.db.prepare('SELECT * FROM annotations ORDER BY rowid').all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0]!);
    const batch = Math.floor(30_000 / columns.length);
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      const values: unknown[] = [];
      const tuples = chunk.map((r) => {
        const row = columns.map((c) => (c === 'label_id' ? labelIds.get(r[c] as string) : r[c]));
        values.push(...row);
        return `(${row.map((_, k) => `$${values.length - row.length + k + 1}`).join(', ')})`;
      });
      await client.query(`INSERT INTO annotations (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
    source.close();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function ok<T>(out: Promise<{ kind: 'ok'; result: T } | { kind: 'refused' | 'failed'; message: string }>): Promise<T> {
  const r = await out;
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.result;
}

/** One engine's run: `project(name)` gives the project file or database to use for `name`. */
async function benchEngine(engine: string, project: (name: string) => string, bigFile: string): Promise<LoadBench> {
  const file = project('lab');
  progress(`${engine}: a project of ${DOCUMENTS} generated articles`);
  {
    const project = await Project.open(file);
    const sources = Array.from({ length: DOCUMENTS }, (_, i) => {
      const { name, text } = generateArticle(BENCH_SEED, i);
      return { name, bytes: Buffer.from(text, 'utf8') };
    });
    await importSources(project, sources);
    project.close();
  }
  let served = await serveProject(file);
  const docs = await callApi(served.base, served.token, 'documents.list', {});
  const labels = await callApi(served.base, served.token, 'labels.list', {});
  if (docs.kind !== 'ok' || labels.kind !== 'ok') throw new Error('cannot read the served project');
  const documents = docs.result.map((d) => ({ id: d.id, length: d.length }));
  const labelIds = labels.result.map((l) => l.id);

  progress(`${engine}: ${ANNOTATORS} annotators × ${RATE} writes/s for ${SECONDS} s`);
  const steady = await runAnnotatorLoad({ base: served.base, token: served.token, annotators: ANNOTATORS, writesPerSecond: RATE, durationMs: SECONDS * 1000, documents, labelIds, seed: BENCH_SEED });
  const steadyCheck = checkLedger(steady.ledger, await readAnnotations(served.base, served.token, documents.map((d) => d.id)));
  progress(`  ${steady.acknowledged} writes; p50 ${median(steady.latencies).toFixed(1)} p95 ${percentile(steady.latencies, 95).toFixed(1)} ms; ${steady.failed + steady.refused} errors; ${steadyCheck.lost.length} lost`);

  progress(`${engine}: the same again, with kill -9 of the server after 5 s`);
  const killed = runAnnotatorLoad({ base: served.base, token: served.token, annotators: ANNOTATORS, writesPerSecond: RATE, durationMs: 8_000, documents, labelIds, seed: BENCH_SEED + 1, requestTimeoutMs: 3_000 });
  await new Promise((r) => setTimeout(r, 5_000));
  const exited = new Promise((r) => served.process.once('exit', r));
  served.process.kill('SIGKILL');
  await exited;
  const cut = await killed;
  served = await serveProject(file);
  const cutCheck = checkLedger(cut.ledger, await readAnnotations(served.base, served.token, documents.map((d) => d.id)));
  progress(`  ${cut.acknowledged} writes acknowledged before the kill; ${cutCheck.checked} annotations checked; ${cutCheck.lost.length} lost, ${cutCheck.resurrected.length} back from deletion`);
  await served.stop();

  progress(`${engine}: a project of ${SCALE_DOCUMENTS} documents and about ${SCALE_DOCUMENTS * 100} annotations`);
  // Built once as a project file, then copied into PostgreSQL for its run.
  let built = scaleBuilt;
  if (!built) {
    const [ms, big] = await timed(() => scaleProject(bigFile, SCALE_DOCUMENTS));
    built = scaleBuilt = { ms, big };
    progress(`  built in ${(ms / 1000).toFixed(0)} s: ${big.annotations} annotations, ${(fs.statSync(bigFile).size / 2 ** 20).toFixed(0)} MB`);
  }
  const big = built.big;
  const bigProject = project('big');
  let buildMs = built.ms;
  if (bigProject !== bigFile) {
    [buildMs] = await timed(() => copyToPostgres(bigFile, bigProject));
    progress(`  copied into PostgreSQL in ${(buildMs / 1000).toFixed(0)} s`);
  }
  const bigServed = await serveProject(bigProject);
  const call = <M extends Parameters<typeof callApi>[2]>(method: M, args: Parameters<typeof callApi<M>>[3]) => ok(callApi(bigServed.base, bigServed.token, method, args, 120_000));
  const opens: number[] = [];
  for (const id of big.heavy.slice(0, 30)) {
    const [ms, [, annotations]] = await timed(() => Promise.all([call('documents.get', { id }), call('annotations.list', { documentId: id })]));
    if (annotations.length !== 200) throw new Error(`expected 200 annotations, got ${annotations.length}`);
    opens.push(ms);
  }
  progress(`  open a document with 200 annotations: p50 ${median(opens).toFixed(1)} p95 ${percentile(opens, 95).toFixed(1)} ms`);
  const agreements: number[] = [];
  for (let run = 0; run < 3; run++) {
    const [ms] = await timed(() => call('team.agreement', { documentIds: big.ids.slice(0, 1000), annotators: ['ann-a', 'ann-b'] }));
    agreements.push(ms);
  }
  progress(`  agreement, 2 annotators × 1,000 documents: ${median(agreements).toFixed(0)} ms (median of 3)`);
  const searches: number[] = [];
  for (const q of generateQueries(BENCH_SEED, 100, SCALE_DOCUMENTS)) {
    const [ms] = await timed(() => call('documents.search', { query: q.text, limit: 50 }));
    searches.push(ms);
  }
  progress(`  search: p50 ${median(searches).toFixed(1)} p95 ${percentile(searches, 95).toFixed(1)} ms over ${searches.length} queries`);
  await bigServed.stop();

  return {
    engine: fs.existsSync(file) ? `SQLite file (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB after the runs)` : engine,
    annotators: ANNOTATORS,
    writes_per_second_each: RATE,
    seconds: SECONDS,
    documents: DOCUMENTS,
    writes_acknowledged: steady.acknowledged,
    write_p50_ms: median(steady.latencies),
    write_p95_ms: percentile(steady.latencies, 95),
    write_p99_ms: percentile(steady.latencies, 99),
    errors: steady.failed + steady.refused,
    lost_acknowledged: steadyCheck.lost.length + steadyCheck.resurrected.length,
    kill_run: { acknowledged_before_kill: cut.acknowledged, checked: cutCheck.checked, lost: cutCheck.lost.length, resurrected: cutCheck.resurrected.length },
    scale: {
      documents: SCALE_DOCUMENTS,
      annotations: big.annotations,
      build_s: buildMs / 1000,
      open_200_p50_ms: median(opens),
      open_200_p95_ms: percentile(opens, 95),
      agreement_2x1000_ms: median(agreements),
      search_p95_ms: percentile(searches, 95),
    },
  };
}

let scaleBuilt: { ms: number; big: Awaited<ReturnType<typeof scaleProject>> } | undefined;
const tmp = tempDir('gloss-bench-load-');
let postgres: TestPostgres | undefined;
try {
  const bigFile = path.join(tmp.dir, 'big.gloss');
  const runs: LoadBench[] = [await benchEngine('SQLite', (name) => path.join(tmp.dir, `${name}.gloss`), bigFile)];
  if (postgresBinaries()) {
    postgres = await startPostgres();
    const server = postgres;
    const version = /\d+(\.\d+)*/.exec(spawnSync(path.join(postgresBinaries()!, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout)?.[0] ?? '';
    runs.push(await benchEngine(`PostgreSQL ${version} (this machine)`, (name) => server.createDatabase(name), bigFile));
  } else progress('PostgreSQL is not installed (apt-get install postgresql): its run is left out');
  await writeResult({ runs });
} finally {
  await postgres?.stop();
  tmp.cleanup();
}
