// The Node half of `npm run bench`: the real backend on real SQLite files in
// a temporary folder. Run by build/scripts/bench.mjs as
// `node --import tsx tests/bench/node-bench.ts --out FILE`; progress goes to
// stderr, the figures to FILE as JSON.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope, Label } from '../../shared/index.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { importSources, type ImportSource } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { createWorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';
import { tempDir } from '../support/tmp.ts';
import {
  BENCH_SEED,
  generateAnnotations,
  generateArticle,
  generateDocument,
  generateQueries,
  mulberry32,
  seededUuid,
  type QueryKind,
} from './generate.ts';
import { benchCompare, type CompareBench } from './compare-bench.ts';
import { benchTeam, type TeamBench } from './team-bench.ts';
import { benchReanchor, type ReanchorBench } from './reanchor-bench.ts';
import { median, p95, progress, writeResult } from './report.ts';

export interface NodeResults {
  cli_list_ms: number;
  cli_bare_open_ms: number;
  cli_list_ratio: number;
  import_docs_per_s: number;
  fts_p95_ms_100k: number;
  save_p95_ms: number;
  export_100k_ms: number | null;
  export_brat_100k_ms: number | null;
  compare_run_ms_4x2000: number;
  agreement_ms_2x1000x50: number;
  merge_ms_100k_into_100k: number;
  reanchor_ms_10k: number;
  version_save_ms_10k: number;
  seed: number;
  details: {
    import_docs: number;
    import_ms: number;
    fts_docs: number;
    fts_queries: number;
    fts_p50_ms: number;
    fts_p95_ms_by_kind: Record<QueryKind, number>;
    save_count: number;
    save_p50_ms: number;
    save_cold_ms: number;
    save_synchronous: string;
    save_journal_mode: string;
    export_annotations: number;
    export_jsonl_100k_ms: number;
    export_note?: string;
    compare: CompareBench;
    team: TeamBench;
    reanchor: ReanchorBench;
    cli_runs: number;
  };
}

export interface NodeOptions {
  /** Smaller corpora, for a quick look (figures are then not comparable with the targets). */
  quick?: boolean;
}

function elapsed<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

/** Stores generated articles `from … to-1` directly (the import's own insert path, without parsing), a transaction per 10,000. */
function insertArticles(project: Project, from: number, to: number): void {
  for (let batch = from; batch < to; batch += 10_000) {
    project.transaction(() => {
      for (let i = batch; i < Math.min(to, batch + 10_000); i++) {
        const { name, text } = generateArticle(BENCH_SEED, i);
        project.documents.insert({
          id: randomUUID(),
          name: name.replace(/\.txt$/, ''),
          title: text.slice(0, text.indexOf('\n')),
          text,
          blocks: lineBlocks(text),
          metadata: { format: 'txt', sourcePath: name },
          contentHash: createHash('sha256').update(text).digest('hex'),
        });
      }
    });
    progress(`  stored ${Math.min(to, batch + 10_000)} documents`);
  }
}

/** Importing articles through importSources (parsing, hashing, storing and full-text indexing, all or nothing). */
async function benchImport(project: Project, count: number): Promise<{ ms: number; perSecond: number }> {
  const sources: ImportSource[] = [];
  for (let i = 0; i < count; i++) {
    const { name, text } = generateArticle(BENCH_SEED, i);
    sources.push({ name, bytes: Buffer.from(text, 'utf8') });
  }
  const start = performance.now();
  const imported = await importSources(project, sources);
  const ms = performance.now() - start;
  if (imported.length !== count) throw new Error(`imported ${imported.length} documents, expected ${count}`);
  return { ms, perSecond: (count / ms) * 1000 };
}

/** Full-text queries of three kinds through DocumentStore.search, on `docs` documents. */
function benchSearch(project: Project, docs: number, count: number): { all: number[]; byKind: Record<QueryKind, number[]> } {
  const queries = generateQueries(BENCH_SEED, count, docs);
  for (const q of queries.slice(0, 6)) project.documents.search(q.text); // warm the page cache
  const byKind: Record<QueryKind, number[]> = { term: [], and: [], phrase: [] };
  const all: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const [found, ms] = elapsed(() => project.documents.search(q.text));
    hits += found.length;
    byKind[q.kind].push(ms);
    all.push(ms);
  }
  if (hits === 0) throw new Error('no query found anything: the corpus or the queries are wrong');
  return { all, byKind };
}

/**
 * Saving annotations one at a time through the store worker's dispatcher, as
 * the app does, with the default durability, on the reader benchmark's 1 MB
 * document with its 10,000 annotations.
 */
async function benchSave(dir: string, count: number): Promise<{ times: number[]; cold: number; synchronous: string; journal: string }> {
  const file = path.join(dir, 'save.gloss');
  const doc = generateDocument(BENCH_SEED);
  const project = await Project.open(file);
  const documentId = randomUUID();
  project.documents.insert({
    id: documentId,
    name: 'benchmark',
    title: 'Benchmark document',
    text: doc.text,
    blocks: doc.blocks,
    metadata: { format: 'txt' },
    contentHash: createHash('sha256').update(doc.text).digest('hex'),
  });
  const labels = project.labels.list();
  const labelIds = labels.map((l) => l.id);
  // The document already carries the reader benchmark's 10,000 annotations.
  project.transaction(() => {
    for (const [i, a] of generateAnnotations(doc, 10_000, BENCH_SEED).entries()) {
      project.annotations.create({ documentId, ranges: a.ranges, labelId: labelIds[i % labelIds.length]!, annotator: 'bench' }, doc.text);
    }
  });
  project.close();

  const store = await createWorkerDispatcher(file);
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const envelope = (await store.dispatch(method, args)) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result;
  };
  try {
    const stored = await call<Label[]>('labels.list', {});
    const rng = mulberry32(BENCH_SEED);
    const times: number[] = [];
    // The first WARMUP saves warm the worker up (compiling the code paths and the contract's
    // validators); they are timed apart: the first is reported as the cold save.
    const WARMUP = 50;
    for (let i = 0; i < WARMUP + count; i++) {
      const w = Math.floor(rng() * (doc.words.length / 2 - 1));
      const ranges = [{ start: doc.words[2 * w]!, end: doc.words[2 * w + 1]! }];
      const start = performance.now();
      await call('annotations.create', { id: seededUuid(rng), documentId, ranges, labelId: stored[i % stored.length]!.id });
      times.push(performance.now() - start);
    }
    await store.close();
    return { times: times.slice(WARMUP), cold: times[0]!, ...(await durability(file)) };
  } finally {
    await store.close();
  }
}

/** The durability settings Project.open gives a connection (the store worker opens the file the same way). */
async function durability(file: string): Promise<{ synchronous: string; journal: string }> {
  const project = await Project.open(file);
  try {
    const level = project.db.pragma('synchronous', { simple: true }) as number;
    return { synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level), journal: String(project.db.pragma('journal_mode', { simple: true })) };
  } finally {
    project.close();
  }
}

/** A project of `docs` articles with `perDoc` annotations each, stored through the store. */
async function exportProject(dir: string, docs: number, perDoc: number): Promise<Project> {
  const project = await Project.open(path.join(dir, 'export.gloss'), { synchronous: 'NORMAL' });
  const labelIds = project.labels.list().map((l) => l.id);
  insertArticles(project, 0, docs);
  const rng = mulberry32(BENCH_SEED ^ 0xe4);
  project.transaction(() => {
    for (const summary of project.documents.list()) {
      const text = project.documents.text(summary.id);
      const words = [...text.matchAll(/[A-Za-z]+/g)];
      for (let k = 0; k < perDoc; k++) {
        const w = Math.floor(rng() * (words.length - 3));
        const n = 1 + Math.floor(rng() * 3);
        const start = words[w]!.index!;
        const last = words[w + n - 1]!;
        project.annotations.create({ documentId: summary.id, ranges: [{ start, end: last.index! + last[0].length }], labelId: labelIds[(w + k) % labelIds.length]!, annotator: 'bench' }, text);
      }
    }
  });
  return project;
}

/** Exports through the interop exporters when they are there; JSONL always. Times include writing the files. */
async function benchExport(project: Project, dir: string): Promise<{ w3c: number | null; brat: number | null; jsonl: number; note?: string }> {
  const out = path.join(dir, 'out');
  fs.mkdirSync(out, { recursive: true });
  const { exportJsonl } = await import('../../electron/backend/interop/jsonl/serialize.ts');
  const [, jsonl] = elapsed(() => {
    const fd = fs.openSync(path.join(out, 'export.jsonl'), 'w');
    for (const line of exportJsonl(project)) fs.writeSync(fd, line);
    fs.closeSync(fd);
  });
  let interop: typeof import('../../electron/backend/interop/export.ts') | undefined;
  try {
    interop = await import('../../electron/backend/interop/export.ts');
  } catch (err) {
    return { w3c: null, brat: null, jsonl, note: `no W3C or brat exporter could be loaded (${(err as Error).message.split('\n')[0]}): Gloss JSONL measured instead` };
  }
  const [, w3c] = elapsed(() => {
    const artifact = interop.exportDocuments(project, 'w3c');
    if (artifact.kind !== 'file') throw new Error('the W3C export is not one file');
    fs.writeFileSync(path.join(out, artifact.fileName), artifact.data);
  });
  const [, brat] = elapsed(() => {
    const artifact = interop.exportDocuments(project, 'brat');
    if (artifact.kind !== 'folder') throw new Error('the brat export is not a folder');
    const folder = path.join(out, artifact.name);
    fs.mkdirSync(folder, { recursive: true });
    for (const f of artifact.files) fs.writeFileSync(path.join(folder, f.path), f.data);
  });
  return { w3c, brat, jsonl };
}

/**
 * Start-up of the compiled CLI: `gloss list --json` on a small project against a
 * bare `node -e` that opens the same file with better-sqlite3 and reads the same
 * table. Medians of alternating runs, so load on the machine hits both alike.
 */
async function benchCliStart(dir: string, runs: number): Promise<{ list: number; bare: number }> {
  const repo = path.resolve(import.meta.dirname, '..', '..');
  const bin = path.join(repo, 'dist-node', 'gloss.mjs');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm run build:node`);
  const file = path.join(dir, 'cli.gloss');
  const project = await Project.open(file);
  insertArticles(project, 0, 5);
  project.close();
  const bareScript = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});process.stdout.write(JSON.stringify(d.prepare('SELECT * FROM documents').all()));d.close();`;
  const time = (args: string[]): number => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return ms;
  };
  // One warm-up each: the first start fills the OS file cache (and V8's code cache).
  time([bin, 'list', '--json', '--db', file]);
  time(['-e', bareScript]);
  const list: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    list.push(time([bin, 'list', '--json', '--db', file]));
    bare.push(time(['-e', bareScript]));
  }
  return { list: median(list), bare: median(bare) };
}

export async function runNodeBench(options: NodeOptions = {}): Promise<NodeResults> {
  const quick = options.quick ?? false;
  const importCount = quick ? 2000 : 10_000;
  const ftsDocs = quick ? 20_000 : 100_000;
  const exportDocs = quick ? 200 : 1000;
  const tmp = tempDir('gloss-bench-');
  try {
    progress(`node: importing ${importCount} articles`);
    const project = await Project.open(path.join(tmp.dir, 'library.gloss'));
    const imported = await benchImport(project, importCount);
    progress(`  ${imported.perSecond.toFixed(0)} documents/s (${imported.ms.toFixed(0)} ms)`);

    progress(`node: full-text search over ${ftsDocs} documents`);
    insertArticles(project, importCount, ftsDocs);
    const search = benchSearch(project, ftsDocs, 300);
    progress(`  p95 ${p95(search.all).toFixed(1)} ms over ${search.all.length} queries`);
    project.close();

    progress('node: saving annotations through the store worker');
    const save = await benchSave(tmp.dir, 500);
    progress(`  p95 ${p95(save.times).toFixed(2)} ms over ${save.times.length} saves (synchronous=${save.synchronous}, journal_mode=${save.journal})`);

    progress(`node: exporting ${exportDocs * 100} annotations`);
    const exportable = await exportProject(tmp.dir, exportDocs, 100);
    const exported = await benchExport(exportable, tmp.dir);
    exportable.close();
    progress(`  W3C ${exported.w3c?.toFixed(0) ?? '—'} ms, brat ${exported.brat?.toFixed(0) ?? '—'} ms, JSONL ${exported.jsonl.toFixed(0)} ms`);

    const compare = await benchCompare(tmp.dir);
    const team = await benchTeam(tmp.dir, quick);
    const reanchored = await benchReanchor(tmp.dir, quick);

    const cliRuns = quick ? 5 : 21;
    progress(`node: gloss list --json against a bare node -e, ${cliRuns} runs each`);
    const cli = await benchCliStart(tmp.dir, cliRuns);
    progress(`  gloss list ${cli.list.toFixed(0)} ms, bare node ${cli.bare.toFixed(0)} ms: ${(cli.list / cli.bare).toFixed(2)}×`);

    return {
      cli_list_ms: cli.list,
      cli_bare_open_ms: cli.bare,
      cli_list_ratio: cli.list / cli.bare,
      import_docs_per_s: imported.perSecond,
      fts_p95_ms_100k: p95(search.all),
      save_p95_ms: p95(save.times),
      export_100k_ms: exported.w3c,
      export_brat_100k_ms: exported.brat,
      compare_run_ms_4x2000: compare.median_ms,
      agreement_ms_2x1000x50: team.agreement_ms,
      merge_ms_100k_into_100k: team.merge_ms,
      reanchor_ms_10k: reanchored.median_ms,
      version_save_ms_10k: reanchored.save_ms,
      seed: BENCH_SEED,
      details: {
        import_docs: importCount,
        import_ms: imported.ms,
        fts_docs: ftsDocs,
        fts_queries: search.all.length,
        fts_p50_ms: median(search.all),
        fts_p95_ms_by_kind: { term: p95(search.byKind.term), and: p95(search.byKind.and), phrase: p95(search.byKind.phrase) },
        save_count: save.times.length,
        save_p50_ms: median(save.times),
        save_cold_ms: save.cold,
        save_synchronous: save.synchronous,
        save_journal_mode: save.journal,
        export_annotations: exportDocs * 100,
        export_jsonl_100k_ms: exported.jsonl,
        ...(exported.note ? { export_note: exported.note } : {}),
        compare,
        team,
        reanchor: reanchored,
        cli_runs: cliRuns,
      },
    };
  } finally {
    tmp.cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await writeResult(await runNodeBench({ quick: process.argv.includes('--quick') }));
}
