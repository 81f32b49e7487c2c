import path from 'node:path';
import type { InteropProgress } from '../backend/interop/progress.ts';
import { printable } from './escape.ts';

const PHASES: Record<InteropProgress['phase'], string> = { read: 'reading', parse: 'parsing', store: 'storing', export: 'exporting' };

/**
 * Progress on stderr: a line that updates in place on a terminal; with
 * `--progress` elsewhere (logs, pipes), one line per step, at most five a
 * second. Silent otherwise, so that an error stays the only line on stderr.
 */
export function progressReporter(options: { force: boolean; tty: boolean }): { onProgress: (p: InteropProgress) => void; done: () => void } {
  if (!options.force && !options.tty) return { onProgress: () => {}, done: () => {} };
  let last = 0;
  let pending = false;
  const line = (p: InteropProgress) => `${PHASES[p.phase]} ${p.done}/${p.total}${p.item ? ` ${printable(path.basename(p.item))}` : ''}`;
  return {
    onProgress(p) {
      const now = Date.now();
      const final = p.done === p.total;
      if (!final && now - last < 200) return;
      last = now;
      if (options.tty) {
        process.stderr.write(`\r\x1b[K${line(p)}`);
        pending = true;
      } else process.stderr.write(`${line(p)}\n`);
    },
    done() {
      if (pending) process.stderr.write('\r\x1b[K');
      pending = false;
    },
  };
}
