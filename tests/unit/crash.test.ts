// Crashes, with real processes and a real worker thread: a CLI import killed
// (-9) inside its write transaction leaves nothing half-written; a store
// worker that dies with calls in flight answers every caller with an error;
// acknowledged writes survive kill -9, and each one was synced to disk before
// it was acknowledged (observed with strace: this fails with synchronous=
// NORMAL or OFF, which a kill alone cannot show, as the kernel keeps the
// unsynced pages of a killed process).
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { createWorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** True while another connection holds the project's write lock (a write transaction is open). */
function writeLocked(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw err;
  } finally {
    probe.close();
  }
}

function check(file: string): { integrity: unknown; documents: number } {
  const db = new Database(file);
  try {
    return { integrity: db.pragma('integrity_check', { simple: true }), documents: db.prepare('SELECT count(*) FROM documents').pluck().get() as number };
  } finally {
    db.close();
  }
}

describe('kill -9 during an import transaction', { timeout: 180_000 }, () => {
  it('leaves no document half-written, and the project opens and imports again', async () => {
    const file = path.join(dir, 'p.gloss');
    (await Project.open(file)).close();
    const folder = path.join(dir, 'batch');
    fs.mkdirSync(folder);
    const files = 150;
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(folder, `a-${i}.txt`), `Article ${i} 🇵🇰\n\n${'Minerals, trade and diplomacy. '.repeat(400)}\n`);
    let killedInside = 0;
    for (let cycle = 0; cycle < 3; cycle++) {
      const child = spawn(process.execPath, [GLOSS_BIN, 'import', folder, '--db', file], { stdio: 'ignore' });
      const gone = exited(child);
      // The import parses first, then stores everything in one transaction: kill it as soon as it holds the write lock.
      while (child.exitCode === null && !writeLocked(file)) await new Promise((r) => setTimeout(r, 2));
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        killedInside++;
      }
      await gone;
      expect(check(file)).toEqual({ integrity: 'ok', documents: 0 });
    }
    expect(killedInside).toBe(3);
    // No lock is left behind, and the same import succeeds whole.
    const r = spawnSync(process.execPath, [GLOSS_BIN, 'import', folder, '--db', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(check(file)).toEqual({ integrity: 'ok', documents: files });
  });
});

describe('a store worker that dies with calls in flight', { timeout: 120_000 }, () => {
  const entry = new URL('../support/crashing-worker.mjs', import.meta.url);
  let saved: string | undefined;
  beforeEach(() => (saved = process.env.GLOSS_TEST_CRASH));
  afterEach(() => {
    if (saved === undefined) delete process.env.GLOSS_TEST_CRASH;
    else process.env.GLOSS_TEST_CRASH = saved;
  });

  for (const how of ['exit', 'throw'] as const) {
    it(`answers every caller with an error (${how === 'exit' ? 'the thread exits' : 'an uncaught exception'}), none hangs`, async () => {
      process.env.GLOSS_TEST_CRASH = `${how}:20`;
      const store = await createWorkerDispatcher(path.join(dir, `${how}.gloss`), { entry });
      const calls = Array.from({ length: 50 }, (_, i) =>
        i % 2 ? store.dispatch('documents.list', {}) : store.dispatch('propositions.create', { text: `proposition ${i}` }),
      );
      const settled = await Promise.race([Promise.all(calls), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
      expect(settled).not.toBe('hung');
      const envelopes = settled as Awaited<(typeof calls)[number]>[];
      const failed = envelopes.filter((e) => !e.ok);
      expect(failed.length).toBeGreaterThan(0);
      for (const e of failed) expect(e).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/store worker (stopped|failed)/) } });
      // Later calls are answered at once, with the same error.
      expect(await store.dispatch('documents.list', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
      await store.close();
    });
  }

  it('dying inside an import transaction leaves nothing half-written and no lock', async () => {
    const file = path.join(dir, 'import.gloss');
    process.env.GLOSS_TEST_CRASH = 'insert:5';
    const store = await createWorkerDispatcher(file, { entry });
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `a-${i}.txt`, base64: b64(`Article ${i}\n\n${'Text. '.repeat(100)}`) }));
    const imported = store.dispatch('documents.import', { files });
    const other = store.dispatch('documents.list', {});
    expect(await imported).toMatchObject({ ok: false, error: { kind: 'internal' } });
    // Answered either way (it may have run before the import began storing); it does not hang.
    expect(await other).toHaveProperty('ok');
    await store.close();
    expect(writeLocked(file)).toBe(false);
    expect(check(file)).toEqual({ integrity: 'ok', documents: 0 });
    const project = await Project.open(file);
    expect(project.documents.list()).toEqual([]);
    project.close();
  });
});

/** Runs tests/support/ack-writer.ts; resolves with its acknowledged texts. */
function ackWriter(file: string, mode: 'project' | 'worker', count: number, synchronous?: 'FULL' | 'NORMAL', wrap: string[] = []): ChildProcess {
  const args = ['--import', 'tsx', path.join('tests', 'support', 'ack-writer.ts'), file, mode, String(count), ...(synchronous ? [synchronous] : [])];
  const [command, ...rest] = wrap.length ? [...wrap, process.execPath, ...args] : [process.execPath, ...args];
  return spawn(command!, rest, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('acknowledged writes', { timeout: 240_000 }, () => {
  it('none is lost across kill -9 cycles, and the file stays intact', async () => {
    const file = path.join(dir, 'acks.gloss');
    (await Project.open(file)).close();
    const acknowledged: string[] = [];
    for (let cycle = 0; cycle < 8; cycle++) {
      const child = ackWriter(file, cycle % 2 ? 'worker' : 'project', 0);
      let out = '';
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const gone = exited(child);
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      // Kill at a different moment each cycle, once writes are flowing.
      const after = 5 + ((cycle * 17) % 40);
      while ((out.match(/^ack /gm)?.length ?? 0) < after && child.exitCode === null) await new Promise((r) => setTimeout(r, 1));
      child.kill('SIGKILL');
      await gone;
      expect(stderr).toBe('');
      // Only complete lines count: an acknowledgement the process did not finish writing was not given.
      acknowledged.push(...[...out.matchAll(/^ack (.+)\n/gm)].map((m) => m[1]!));
      const db = new Database(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(db.prepare('SELECT text FROM propositions').pluck().all() as string[]);
      db.close();
      const lost = acknowledged.filter((t) => !stored.has(t));
      expect(lost).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(8 * 5);
  });

  const strace = spawnSync('strace', ['-V']).status === 0;
  describe.runIf(strace)('are on disk before they are acknowledged (strace)', () => {
    /** The syscalls of a writer of `count` writes: which files it synced between acknowledgements. */
    function syncsBetweenAcks(mode: 'project' | 'worker', synchronous?: 'FULL' | 'NORMAL'): Promise<{ acks: number; unsynced: number; synced: Set<string> }> {
      const file = path.join(dir, `${mode}-${synchronous ?? 'default'}.gloss`);
      const trace = path.join(dir, `${mode}-${synchronous ?? 'default'}.trace`);
      const child = ackWriter(file, mode, 20, synchronous, ['strace', '-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync,write', '-e', 'signal=none', '-o', trace]);
      return new Promise((resolve, reject) => {
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => {
          if (code !== 0) return reject(new Error(`the writer failed: ${stderr}`));
          let acks = 0;
          let unsynced = 0;
          let syncedSinceAck = false;
          const synced = new Set<string>();
          for (const line of fs.readFileSync(trace, 'utf8').split('\n')) {
            const sync = /\b(?:fsync|fdatasync)\(\d+<([^>]+)>\)/.exec(line);
            if (sync) {
              synced.add(path.basename(sync[1]!));
              if (sync[1] === `${file}-wal` || sync[1] === file) syncedSinceAck = true;
            } else if (/\bwrite\(1<[^>]*>, "ack /.test(line)) {
              acks++;
              if (!syncedSinceAck) unsynced++;
              syncedSinceAck = false;
            }
          }
          resolve({ acks, unsynced, synced });
        });
      });
    }

    for (const mode of ['project', 'worker'] as const) {
      it(`every write through the ${mode === 'project' ? 'project' : 'store worker'} is synced to the -wal before its acknowledgement`, async () => {
        const r = await syncsBetweenAcks(mode);
        expect(r.acks).toBe(20);
        expect(r.unsynced).toBe(0);
        expect(r.synced).toContain('acks.gloss-wal'.replace('acks', `${mode}-default`));
      });
    }

    it('the check can fail: with synchronous=NORMAL writes are acknowledged before they reach the disk', async () => {
      const r = await syncsBetweenAcks('project', 'NORMAL');
      expect(r.acks).toBe(20);
      expect(r.unsynced).toBeGreaterThan(15);
    });
  });

  it('every connection the store opens uses WAL and synchronous=FULL', async () => {
    const file = path.join(dir, 'pragmas.gloss');
    const project = await Project.open(file);
    expect(project.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(project.db.pragma('synchronous', { simple: true })).toBe(2);
    project.close();
  });
});
