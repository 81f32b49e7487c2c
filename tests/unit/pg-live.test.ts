// Two `gloss serve` on one PostgreSQL database (two machines of a lab): a
// write through one reaches the other's open event streams within a second,
// as another process's write to a project file does; its own writes are not
// announced twice.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../support/annotator-load.ts';
import buildRenderer from '../support/build-renderer.ts';
import { openEventStream } from '../support/event-stream.ts';
import { CORPUS_DIR, REPO_ROOT } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { serveProject, type ServedProject } from '../support/server.ts';

let postgres: TestPostgres;
const served: ServedProject[] = [];
beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) await buildRenderer();
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const s of served) await s.stop();
  await postgres?.stop();
});

describe('two servers on one PostgreSQL database', () => {
  it("announce each other's writes to their clients within a second", async () => {
    const url = postgres.createDatabase('lab');
    const a = await serveProject(url);
    served.push(a);
    const b = await serveProject(url);
    served.push(b);
    const streamB = await openEventStream(Number(new URL(b.base).port), { authorization: `Bearer ${b.token}` });
    const streamA = await openEventStream(Number(new URL(a.base).port), { authorization: `Bearer ${a.token}` });
    try {
      await streamB.next((e) => e.event === 'hello');
      await streamA.next((e) => e.event === 'hello');
      const name = fs.readdirSync(CORPUS_DIR).find((n) => n.endsWith('.txt'))!;
      const imported = await callApi(a.base, a.token, 'documents.import', { files: [{ name, base64: fs.readFileSync(path.join(CORPUS_DIR, name)).toString('base64') }] });
      expect(imported.kind).toBe('ok');
      const acknowledged = performance.now();
      // B did not make it: announced as another process's write (method null), then readable through B.
      const seen = await streamB.next((e) => e.event === 'change' && (e.data as { method: string | null }).method === null, 3_000);
      expect(seen.at - acknowledged).toBeLessThan(1_500);
      const list = await callApi(b.base, b.token, 'documents.list', {});
      expect(list.kind === 'ok' && list.result.length).toBe(1);
      // A announced its own write once, with its method.
      await streamA.next((e) => e.event === 'change' && (e.data as { method: string | null }).method === 'documents.import');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(streamA.events.filter((e) => e.event === 'change' && (e.data as { method: string | null }).method === null)).toEqual([]);
    } finally {
      streamA.close();
      streamB.close();
    }
  }, 60_000);
});
