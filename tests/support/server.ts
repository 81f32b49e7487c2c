import { spawn, type ChildProcess } from 'node:child_process';
import { GLOSS_BIN } from './paths.ts';

export interface ServedProject {
  /** The URL `gloss serve` printed, with `?token=`: what tests open in the browser (append `#/route`) and give to `httpApi`. */
  url: string;
  /** The server's address without the token. */
  base: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `gloss serve` on a free port for a project file, as a user would, and waits for the URL it prints (which carries the access token). */
export function serveProject(dbPath: string): Promise<ServedProject> {
  const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--port', '0', '--json', '--db', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      try {
        const { url, token } = JSON.parse(out) as { url: string; token: string };
        resolve({
          url,
          base: url.slice(0, url.indexOf('?')),
          token,
          process: child,
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null || child.signalCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      } catch {
        // not all of the JSON yet
      }
    });
    child.once('exit', (code) => reject(new Error(`gloss serve exited with ${code}: ${err}`)));
  });
}
