#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: builds, packages with
// electron-builder (electron-builder.yml; by default for this machine's
// platform: AppImage and deb on Linux, nsis on Windows, dmg on macOS, which
// can only be built on a Mac), then restores better-sqlite3's Node build.
//
// Packaging rebuilds better-sqlite3 in node_modules for Electron's ABI
// (npmRebuild). Left that way, the CLI, the local server and `npm test`
// under Node could no longer load it, so it is rebuilt for Node afterwards,
// whether packaging succeeded or not.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildElectron, buildRenderer, REPO_ROOT } from './build.mjs';
import { electronBinary } from './electron-binary.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: REPO_ROOT, shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

await buildRenderer();
await buildElectron();
if (!electronBinary()) {
  process.stderr.write("dist: Electron's binary is not installed here; electron-builder will try to download Electron for the target platform.\n");
}
let status;
try {
  status = run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
} finally {
  process.stderr.write('dist: rebuilding better-sqlite3 for Node (packaging built it for Electron)\n');
  const restored = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3']);
  if (restored !== 0) process.stderr.write(`dist: "npm rebuild better-sqlite3" failed; run it before using the CLI or tests (${path.join(REPO_ROOT, 'node_modules', 'better-sqlite3')})\n`);
}
process.exitCode = status;
