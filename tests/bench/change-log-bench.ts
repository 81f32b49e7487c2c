// Provenance's cost on writes (issue 16, item 4), on a real project file:
// 2,000 `annotations.create` calls through the dispatcher (synchronous FULL,
// WAL, as the app writes), then 500 updates and 500 deletes, with the change
// log (schema 9, its triggers) and without it (the same code opened at schema
// 8, where the log's triggers are not installed); and one import of the brat
// fixtures (50 documents, 2,050 annotations, 1,177 relations, notes, events)
// in one transaction. Each round runs in a fresh process (two projects opened
// one after the other in one process measured the second's import up to 50 %
// slower, whichever came second), and rounds alternate so the shared
// machine's load falls on both alike. Also the log's bytes per change.
// Run: `node --import tsx tests/bench/change-log-bench.ts [--rounds N]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { Project } from '../../electron/backend/project.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { tempDir } from '../support/tmp.ts';
import { median, p95 } from './report.ts';

const CREATES = 2000;
const EDITS = 500;

interface Round {
  create: number[];
  update: number[];
  remove: number[];
  fileBytes: number;
  importMs: number;
  importFileBytes: number;
  log?: { entries: number; bytes: number };
}

/** One all-or-nothing import of the brat fixtures into a new project: its time and the file's size after. */
async function importRound(logged: boolean, dir: string, n: number): Promise<{ ms: number; bytes: number }> {
  const file = path.join(dir, `import-${logged ? 'log' : 'nolog'}-${n}.gloss`);
  const project = await Project.open(file, logged ? {} : { migrations: MIGRATIONS.filter((m) => m.version < 9) });
  try {
    const sources = readSources([path.join(SHARED_DIR, 'interop', 'brat')]);
    const t = performance.now();
    await importSources(project, sources);
    const ms = performance.now() - t;
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    return { ms, bytes: fs.statSync(file).size };
  } finally {
    project.close();
  }
}

async function round(logged: boolean, dir: string, n: number): Promise<Round> {
  const file = path.join(dir, `${logged ? 'log' : 'nolog'}-${n}.gloss`);
  const project = await Project.open(file, logged ? {} : { migrations: MIGRATIONS.filter((m) => m.version < 9) });
  try {
    const dispatch = createDispatcher(project);
    const call = async (method: string, args: unknown) => {
      const r = await dispatch(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.result as { id: string };
    };
    const words = Array.from({ length: 12000 }, (_, i) => `word${i}`).join(' ');
    const [doc] = (await call('documents.import', { files: [{ name: 'bench.txt', base64: Buffer.from(words).toString('base64') }] })) as unknown as { id: string }[];
    const labels = (await call('labels.list', {})) as unknown as { id: string; kind: string }[];
    const label = labels.find((l) => l.kind === 'entity')!.id;
    const time = async (fn: () => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      await fn();
      into.push(performance.now() - t);
    };
    const imported = await importRound(logged, dir, n);
    const r: Round = { create: [], update: [], remove: [], fileBytes: 0, importMs: imported.ms, importFileBytes: imported.bytes };
    const ids: string[] = [];
    for (let i = 0; i < CREATES; i++) {
      const start = i * 10;
      await time(async () => ids.push((await call('annotations.create', { documentId: doc!.id, ranges: [{ start, end: start + 8 }], labelId: label })).id), r.create);
    }
    for (let i = 0; i < EDITS; i++) await time(() => call('annotations.update', { id: ids[i]!, note: `note ${i}` }), r.update);
    for (let i = 0; i < EDITS; i++) await time(() => call('annotations.delete', { id: ids[CREATES - 1 - i]! }), r.remove);
    if (logged) r.log = project.changeLog.size();
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    r.fileBytes = fs.statSync(file).size;
    return r;
  } finally {
    project.close();
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  // One round in this process: `--child with|without DIR N`.
  const [mode, dir, n] = process.argv.slice(childAt + 1);
  process.stdout.write(JSON.stringify(await round(mode === 'with', dir!, Number(n))));
} else {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
  const { dir, cleanup } = tempDir();
  try {
    const all: Record<'with' | 'without', Round[]> = { with: [], without: [] };
    const child = (mode: 'with' | 'without', n: number): Round => {
      const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', mode, dir, String(n)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`the ${mode} round failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as Round;
    };
    for (let n = 0; n < rounds; n++) {
      all.without.push(child('without', n));
      all.with.push(child('with', n));
    }
    const summary = (rs: Round[]) => {
      const pick = (k: 'create' | 'update' | 'remove') => rs.flatMap((r) => r[k]);
      const f = (x: number) => Math.round(x * 1000) / 1000;
      return {
        create_p50_ms: f(median(pick('create'))),
        create_p95_ms: f(p95(pick('create'))),
        update_p95_ms: f(p95(pick('update'))),
        delete_p95_ms: f(p95(pick('remove'))),
        file_bytes: rs[rs.length - 1]!.fileBytes,
        import_brat_ms_median: Math.round(median(rs.map((r) => r.importMs))),
        import_brat_file_bytes: rs[rs.length - 1]!.importFileBytes,
      };
    };
    const log = all.with[all.with.length - 1]!.log!;
    const out = {
      rounds,
      without_log: summary(all.without),
      with_log: summary(all.with),
      log_entries: log.entries,
      log_bytes: log.bytes,
      log_bytes_per_change: Math.round(log.bytes / log.entries),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    cleanup();
  }
}
