#!/usr/bin/env node
// Builds what Electron runs: the renderer (Vite → dist/renderer) and the
// Electron bundles (esbuild → dist-electron/main.cjs, preload.cjs, worker.cjs).
//
//   node build/scripts/build.mjs                 both
//   node build/scripts/build.mjs --renderer      the renderer only
//   node build/scripts/build.mjs --electron [--out-dir DIR]   the bundles only
import esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ELECTRON_OUT_DIR = path.join(REPO_ROOT, 'dist-electron');

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
  const [main, worker, preload] = await Promise.all([
    esbuild.build({ ...node, entryPoints: { main: 'electron/main.ts' }, outdir: outDir, outExtension: { '.js': '.cjs' } }),
    esbuild.build({ ...node, entryPoints: { worker: 'electron/backend/worker/worker.ts' }, outdir: outDir, outExtension: { '.js': '.cjs' } }),
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

/** The modules a bundle leaves to `require` at run time. */
export function externalImports(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) for (const i of output.imports) if (i.external) names.add(i.path);
  return [...names].sort();
}

async function cli(argv) {
  const only = new Set(argv.filter((a) => a === '--renderer' || a === '--electron'));
  const i = argv.indexOf('--out-dir');
  const outDir = i >= 0 ? path.resolve(argv[i + 1] ?? '') : ELECTRON_OUT_DIR;
  if (!only.size || only.has('--renderer')) await buildRenderer();
  if (!only.size || only.has('--electron')) {
    const built = await buildElectron({ outDir });
    process.stderr.write(`built ${path.relative(process.cwd(), path.join(built.outDir, '{main,preload,worker}.cjs')) || built.outDir}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  cli(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`build: ${err instanceof Error ? err.message : err}\n`);
    process.exitCode = 1;
  });
}
