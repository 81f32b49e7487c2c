#!/usr/bin/env node
// Builds what Gloss runs: the renderer (Vite → dist/renderer), the Electron
// bundles (esbuild → dist-electron/main.cjs, preload.cjs, worker.cjs) and the
// compiled CLI and local server (esbuild → dist-node/gloss.mjs, entry.mjs).
//
//   node build/scripts/build.mjs                 all three
//   node build/scripts/build.mjs --renderer      the renderer only
//   node build/scripts/build.mjs --electron [--out-dir DIR]   the Electron bundles only
//   node build/scripts/build.mjs --node [--if-stale]          the CLI only (npm's `prepare`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ELECTRON_OUT_DIR = path.join(REPO_ROOT, 'dist-electron');
export const NODE_OUT_DIR = path.join(REPO_ROOT, 'dist-node');

/** esbuild is a dev dependency: an install without dev dependencies has none. */
async function loadEsbuild() {
  try {
    return (await import('esbuild')).default;
  } catch {
    throw new Error('esbuild is not installed (a dev dependency): run npm install');
  }
}

/**
 * Left out of the bundles and loaded from node_modules at run time:
 * electron (the runtime itself), better-sqlite3 (a native addon, rebuilt for
 * Electron's ABI when packaging), jsdom (loads its own files by path and
 * does not bundle well; its dependencies come with it) and pdfjs-dist (an
 * ES module that loads its worker file by path).
 */
export const EXTERNALS = ['electron', 'better-sqlite3', 'jsdom', 'pdfjs-dist'];

/** Vite build of the renderer into dist/renderer, with the repository's vite.config.ts. */
export async function buildRenderer({ logLevel = 'warn' } = {}) {
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), root: path.join(REPO_ROOT, 'renderer'), logLevel });
}

/**
 * esbuild bundles for Electron, CommonJS. The preload runs sandboxed, where
 * `require` knows only 'electron', so it gets no externals but that one and
 * the build fails if anything else is left for it to require.
 */
export async function buildElectron({ outDir = ELECTRON_OUT_DIR } = {}) {
  const esbuild = await loadEsbuild();
  const common = {
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: REPO_ROOT,
    // The backend's TypeScript keeps `.ts` extensions in imports; esbuild resolves them as written.
  };
  // CommonJS has no import.meta: give `import.meta.url` its CommonJS meaning (this file's URL).
  const importMetaUrl = {
    define: { 'import.meta.url': '__gloss_import_meta_url' },
    banner: { js: "const __gloss_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  };
  const node = { ...common, ...importMetaUrl, platform: 'node', target: 'node22', external: EXTERNALS };
  const [main, worker, , preload] = await Promise.all([
    esbuild.build({ ...node, entryPoints: { main: 'electron/main.ts' }, outdir: outDir, outExtension: { '.js': '.cjs' } }),
    esbuild.build({ ...node, entryPoints: { worker: 'electron/backend/worker/worker.ts' }, outdir: outDir, outExtension: { '.js': '.cjs' } }),
    // The PostgreSQL bridge thread, which the store worker starts by the name pg-bridge.mjs beside it (store/pg/sync/bridge.ts).
    esbuild.build({ ...common, format: 'esm', platform: 'node', target: 'node22', external: EXTERNALS, entryPoints: { 'pg-bridge': 'electron/backend/store/pg/sync/host.ts' }, outdir: outDir, outExtension: { '.js': '.mjs' } }),
    esbuild.build({
      ...common,
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
      entryPoints: { preload: 'electron/preload.ts' },
      outdir: outDir,
      outExtension: { '.js': '.cjs' },
    }),
  ]);
  const leftToRequire = externalImports(preload.metafile).filter((name) => name !== 'electron');
  if (leftToRequire.length) throw new Error(`the sandboxed preload may require only 'electron', but it requires ${leftToRequire.join(', ')}`);
  return { outDir, main: main.metafile, worker: worker.metafile, preload: preload.metafile };
}

/** The sources the compiled CLI is made from: the CLI, the server, the backend and shared. */
const NODE_SOURCES = ['electron/cli', 'electron/server', 'electron/backend', 'shared', 'package.json', 'build/scripts/build.mjs'];

function newestSourceTime() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const rel of NODE_SOURCES) {
    const p = path.join(REPO_ROOT, rel);
    if (fs.existsSync(p)) visit(p);
  }
  return newest;
}

/** True when dist-node is missing or older than any of its sources. */
export function nodeBuildIsStale(outDir = NODE_OUT_DIR) {
  const stamp = path.join(outDir, '.built');
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(outDir, 'gloss.mjs'))) return true;
  return fs.statSync(stamp).mtimeMs < newestSourceTime();
}

/** Every package Gloss depends on, but zod, with its subpaths. */
function nodeExternals() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies }).filter((n) => n !== 'zod');
  return names.flatMap((n) => [n, `${n}/*`]);
}

/**
 * The CLI and the local server as ES modules for Node (the package's bin), with
 * the store worker beside them as entry.mjs, where the dispatcher looks for it.
 * npm packages stay in node_modules (loaded at run time, as Node loads them
 * anyway); code splitting keeps each command's code in its own chunk, so a
 * command loads only what it runs.
 */
export async function buildNode({ outDir = NODE_OUT_DIR } = {}) {
  const esbuild = await loadEsbuild();
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { gloss: 'electron/cli/gloss.ts', entry: 'electron/backend/worker/worker.ts', 'pg-bridge': 'electron/backend/store/pg/sync/host.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // zod is bundled (its ~70 module files would each cost a module load at
    // every start); every other package stays in node_modules.
    external: nodeExternals(),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const bin = path.join(outDir, 'gloss.mjs');
  fs.writeFileSync(bin, '#!/usr/bin/env node\n' + fs.readFileSync(bin, 'utf8'));
  fs.chmodSync(bin, 0o755);
  fs.writeFileSync(path.join(outDir, '.built'), new Date().toISOString() + '\n');
  return { outDir, bin };
}

/** The modules a bundle leaves to `require` at run time. */
export function externalImports(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) for (const i of output.imports) if (i.external) names.add(i.path);
  return [...names].sort();
}

async function cli(argv) {
  const only = new Set(argv.filter((a) => a === '--renderer' || a === '--electron' || a === '--node'));
  if (only.has('--node') && argv.includes('--if-stale') && !nodeBuildIsStale()) return;
  const i = argv.indexOf('--out-dir');
  const outDir = i >= 0 ? path.resolve(argv[i + 1] ?? '') : ELECTRON_OUT_DIR;
  if (!only.size || only.has('--renderer')) await buildRenderer();
  if (!only.size || only.has('--electron')) {
    const built = await buildElectron({ outDir });
    process.stderr.write(`built ${path.relative(process.cwd(), path.join(built.outDir, '{main,preload,worker}.cjs')) || built.outDir}\n`);
  }
  if (!only.size || only.has('--node')) {
    if (only.has('--node') && argv.includes('--if-stale')) {
      // npm's `prepare` on an install without dev dependencies: nothing to build with.
      try {
        await import('esbuild');
      } catch {
        process.stderr.write('build: esbuild is not installed, so the CLI is not compiled; run npm install (with dev dependencies), then npm run build:node\n');
        return;
      }
    }
    const built = await buildNode();
    process.stderr.write(`built ${path.relative(process.cwd(), built.bin) || built.bin}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  cli(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`build: ${err instanceof Error ? err.message : err}\n`);
    process.exitCode = 1;
  });
}
