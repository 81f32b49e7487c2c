#!/usr/bin/env node
// `npm start [-- --db FILE] [-- --port N]`: builds the renderer, then opens
// Gloss in Electron when its binary is installed, otherwise serves it on
// 127.0.0.1 with the CLI's `serve` command, which prints the URL to open
// (it carries this start's access token).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildElectron, buildNode, buildRenderer, REPO_ROOT } from './build.mjs';
import { electronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);

/**
 * Runs a child with our stdio and exits with its code. It runs where `npm start`
 * was typed (INIT_CWD), so a relative `--db FILE` means what the user meant.
 */
function runAndExit(command, argv) {
  const child = spawn(command, argv, { stdio: 'inherit', cwd: process.env.INIT_CWD || process.cwd() });
  // Ctrl+C reaches the child through the terminal's process group; sending it a
  // second SIGINT would cut its orderly shutdown short, so here it is only waited for.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    process.stderr.write(`start: cannot run ${command}: ${err.message}\n`);
    process.exit(1);
  });
}

try {
  await buildRenderer();
  const electron = electronBinary();
  if (electron) {
    await buildElectron();
    const serverOnly = (a, i) => a === '--allow-remote' || ['--port', '--host'].some((o) => a === o || a.startsWith(`${o}=`) || args[i - 1] === o);
    if (args.some(serverOnly)) process.stdout.write('Opening Gloss in Electron (--port, --host and --allow-remote apply to the local server only).\n');
    runAndExit(electron, [REPO_ROOT, ...args.filter((a, i) => !serverOnly(a, i))]);
  } else {
    process.stdout.write("Electron's binary is not installed, so Gloss runs as a local server: open the URL below in a browser (it carries the access token; keep it private).\n");
    await buildNode();
    runAndExit(process.execPath, [path.join(REPO_ROOT, 'dist-node', 'gloss.mjs'), 'serve', ...args]);
  }
} catch (err) {
  process.stderr.write(`start: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
}
