import fs from 'node:fs';
import path from 'node:path';
import { GlossError } from '../../../shared/index.ts';

/**
 * How long a write waits for another connection's write lock in all, in ms.
 * Each attempt waits up to {@link ATTEMPT_TIMEOUT_MS} in SQLite's own busy
 * handler; between attempts a growing, jittered pause lets a writer that polls
 * at the same rhythm as another one get its turn.
 */
export const DEFAULT_BUSY_BUDGET_MS = 30_000;
export const ATTEMPT_TIMEOUT_MS = 2_000;

/** True for SQLite's "the database is locked" errors (SQLITE_BUSY and its extended codes). */
export function isBusy(err: unknown): boolean {
  return err instanceof Error && err.name === 'SqliteError' && /^SQLITE_BUSY/.test((err as { code?: string }).code ?? '');
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing with
 * exponential backoff in between, for at most `budgetMs` in all. `attempt`
 * must be safe to repeat after a busy failure: a write transaction that could
 * not begin (BEGIN IMMEDIATE) has run none of its work. When the budget is
 * spent, the error names the file and what holds it.
 */
export function retryWhileBusy<T>(file: string, attempt: () => T, budgetMs = DEFAULT_BUSY_BUDGET_MS): T {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return attempt();
    } catch (err) {
      if (!isBusy(err)) throw err;
      const waited = Date.now() - started;
      if (waited >= budgetMs) throw busyError(file, waited);
      const pause = Math.min(1000, 20 * 2 ** n) * (0.5 + Math.random());
      sleep(Math.min(pause, budgetMs - waited));
    }
  }
}

/** Blocks this thread: the store is synchronous, and a write has nothing else to do while it waits. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}

/** The error for a project whose write lock stayed taken: which file, what holds it, what to do. */
export function busyError(file: string, waitedMs?: number): GlossError {
  const waited = waitedMs === undefined ? '' : ` for ${Math.round(waitedMs / 1000)} s`;
  return new GlossError('conflict', `${file}: the project is busy: ${describeHolders(file)} is writing to it, and it stayed locked${waited}; try again when that finishes`);
}

/**
 * Who has the project open besides this process, as far as the system tells
 * (Linux lists every process's open files in /proc; elsewhere, or for other
 * users' processes, only a generic description is possible).
 */
export function describeHolders(file: string): string {
  const holders = processesWithOpen(file);
  if (!holders.length) return 'another Gloss window, `gloss serve`, a `gloss` command or another program';
  const described = holders.slice(0, 3).map(({ pid, command }) => {
    const gloss = /gloss/i.test(command);
    return `${gloss ? 'another Gloss process' : 'another program'} (pid ${pid}: ${command.length > 80 ? `${command.slice(0, 79)}…` : command})`;
  });
  return described.join(' or ') + (holders.length > 3 ? ` (and ${holders.length - 3} more)` : '');
}

function processesWithOpen(file: string): { pid: number; command: string }[] {
  if (process.platform !== 'linux') return [];
  let target: string;
  try {
    target = fs.realpathSync(file);
  } catch {
    return [];
  }
  const names = new Set([target, `${target}-wal`, `${target}-shm`, `${target}-journal`]);
  const found: { pid: number; command: string }[] = [];
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return [];
  }
  for (const pid of pids) {
    const fdDir = path.join('/proc', pid, 'fd');
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch {
      continue; // another user's process, or gone
    }
    const holds = fds.some((fd) => {
      try {
        return names.has(fs.readlinkSync(path.join(fdDir, fd)));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let command = '';
    try {
      command = fs.readFileSync(path.join('/proc', pid, 'cmdline'), 'utf8').split('\0').filter(Boolean).map((a) => path.basename(a) === a ? a : shorten(a)).join(' ');
    } catch {
      // gone meanwhile
    }
    found.push({ pid: Number(pid), command: command || '?' });
  }
  return found;
}

/** A program path shortened to its file name; other arguments kept. */
function shorten(arg: string): string {
  return arg.startsWith('/') && !arg.includes(' ') ? path.basename(arg) : arg;
}
