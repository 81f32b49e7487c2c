// Several annotators writing at once through `gloss serve`'s HTTP API, and a
// kill -9 of the server in the middle of it: every write the server
// acknowledged is in the project when it is served again, and no write the
// server refused is. (The figures under load are `npm run bench -- --team`'s.)
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, checkLedger, readAnnotations, runAnnotatorLoad, type Ledger } from '../support/annotator-load.ts';
import buildRenderer from '../support/build-renderer.ts';
import { CORPUS_DIR, REPO_ROOT } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let postgres: TestPostgres | undefined;
const running: ServedProject[] = [];

async function serve(db: string): Promise<ServedProject> {
  const served = await serveProject(db);
  running.push(served);
  return served;
}

async function api<T>(served: ServedProject, method: Parameters<typeof callApi>[2], args: unknown): Promise<T> {
  const out = await callApi(served.base, served.token, method, args as never);
  if (out.kind !== 'ok') throw new Error(out.message);
  return out.result as T;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) await buildRenderer();
  tmp = tempDir();
}, 120_000);

afterAll(async () => {
  for (const s of running) await s.stop();
  await postgres?.stop();
  tmp?.cleanup();
});

/** The same run on a project file and on a PostgreSQL database (a real server, started in a temporary folder). */
describe.each([
  ['a project file', () => Promise.resolve(path.join(tmp.dir, 'lab.gloss'))],
  ['PostgreSQL', async () => (postgres ??= await startPostgres()).createDatabase('lab')],
] as const)('annotators writing at once through the HTTP API, on %s', (_engine, project) => {
  let db: string;
  let documents: { id: string; length: number }[] = [];
  let labelIds: string[] = [];
  let ledger: Ledger;

  it('keeps every acknowledged write of eight annotators when the server is killed mid-run', async () => {
    db = await project();
    const first = await serve(db);
    const corpus = CORPUS_DIR;
    const files = fs
      .readdirSync(corpus)
      .filter((n) => /\.(txt|md|html?)$/i.test(n))
      .sort()
      .map((name) => ({ name, base64: fs.readFileSync(path.join(corpus, name)).toString('base64') }));
    expect(files.length).toBeGreaterThan(0);
    const imported = await api<{ id: string; length: number }[]>(first, 'documents.import', { files });
    documents = imported.map((d) => ({ id: d.id, length: d.length }));
    labelIds = (await api<{ id: string }[]>(first, 'labels.list', {})).map((l) => l.id);

    const load = runAnnotatorLoad({
      base: first.base,
      token: first.token,
      annotators: 8,
      writesPerSecond: 10,
      durationMs: 4_000,
      documents,
      labelIds,
      seed: 7,
      requestTimeoutMs: 3_000,
    });
    // Kill the server while every annotator is writing: no clean shutdown, no flush.
    await new Promise((r) => setTimeout(r, 1_500));
    const exited = new Promise((r) => first.process.once('exit', r));
    first.process.kill('SIGKILL');
    await exited;
    const result = await load;
    ledger = result.ledger;

    // Writes went through before the kill, failed after it, and none was refused.
    expect(result.acknowledged).toBeGreaterThan(20);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.refused, result.errors.join('\n')).toBe(0);

    const second = await serve(db);
    const stored = await readAnnotations(second.base, second.token, documents.map((d) => d.id));
    const check = checkLedger(ledger, stored);
    expect(check.checked).toBeGreaterThan(20);
    expect(check.lost, 'acknowledged writes missing after kill -9').toEqual([]);
    expect(check.resurrected, 'annotations acknowledged as deleted are back').toEqual([]);
    // Nothing in the project that no annotator asked for.
    expect(stored.filter((a) => !ledger.has(a.id))).toEqual([]);
  }, 60_000);

  it('serves the same project again under load without an error', async () => {
    const served = running.at(-1)!;
    const before = await readAnnotations(served.base, served.token, documents.map((d) => d.id));
    const result = await runAnnotatorLoad({ base: served.base, token: served.token, annotators: 8, writesPerSecond: 10, durationMs: 1_500, documents, labelIds, seed: 11 });
    expect(result.failed + result.refused, result.errors.join('\n')).toBe(0);
    expect(result.acknowledged).toBeGreaterThan(20);
    const after = await readAnnotations(served.base, served.token, documents.map((d) => d.id));
    const check = checkLedger(result.ledger, after.filter((a) => !before.some((b) => b.id === a.id) || result.ledger.has(a.id)));
    expect(check.lost).toEqual([]);
    expect(check.resurrected).toEqual([]);
  }, 60_000);
});
