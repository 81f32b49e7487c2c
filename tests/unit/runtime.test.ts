// The supported runtime and the compiled CLI, as the runtime issue asks:
// Node 22.12+, Electron 45, better-sqlite3 13, tsx only for development,
// a strict command line, declared install scripts and Electron's fuses.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  bin: { gloss: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

function installedVersion(name: string): string | undefined {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

function gloss(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args], { cwd, encoding: 'utf8', input: '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('runtime', () => {
  it('asks for Node 22.12 or later and runs on it', () => {
    expect(pkg.engines.node).toBe('>=22.12');
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 12), `node ${process.versions.node}`).toBe(true);
  });

  it('uses Electron 45 and better-sqlite3 13, and loads the native binding on this Node', () => {
    expect(installedVersion('better-sqlite3')).toMatch(/^13\./);
    expect(pkg.optionalDependencies?.electron).toMatch(/^\^45\./);
    // electron is optional: a plain `npm install` that cannot fetch its binary may leave it out.
    const electron = installedVersion('electron');
    if (electron !== undefined) expect(electron).toMatch(/^45\./);
    const Database = require('better-sqlite3') as new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('keeps tsx out of the runtime dependencies and points bin.gloss at the compiled CLI', () => {
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.bin.gloss).toBe('dist-node/gloss.mjs');
    const bin = path.join(REPO_ROOT, pkg.bin.gloss);
    expect(fs.existsSync(bin)).toBe(true);
    expect(fs.readFileSync(bin, 'utf8')).not.toMatch(/tsx/);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    // No chunk of the compiled CLI loads tsx either.
    for (const f of fs.readdirSync(path.dirname(bin)).filter((n) => n.endsWith('.mjs'))) {
      expect(fs.readFileSync(path.join(path.dirname(bin), f), 'utf8'), f).not.toMatch(/from "tsx|import\("tsx/);
    }
  });

  it('declares the install scripts Gloss needs for an npm that enforces allowScripts', () => {
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, esbuild: true, electron: true });
  });

  it("flips the fuses of Electron's security checklist in the packaging configuration", () => {
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean>; asar?: boolean };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('the compiled CLI', { timeout: 60_000 }, () => {
  it('refuses an unknown option, naming it and the command usage', () => {
    const r = gloss(['list', '--annotator', 'ann-a']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('gloss: unknown option --annotator; usage: gloss list [--json]\n');
  });

  it('refuses a valued option without its value, at the end or before another option', () => {
    for (const args of [['export', '--out'], ['export', '--format', '--json']]) {
      const r = gloss(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^gloss: option --(out|format) needs a value; usage: gloss export --format /);
    }
    expect(gloss(['list', '--json=yes']).stderr).toMatch(/^gloss: option --json takes no value; usage: gloss list/);
  });

  it('ends quietly when its output pipe closes early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${GLOSS_BIN}" help | true; echo "status $?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('status 0');
  });

  it('serve on a checkout without a built app fails at once naming the command that builds it', () => {
    const { dir, cleanup } = tempDir();
    try {
      // A package folder with the compiled CLI and its node_modules, but neither dist/renderer nor the build script.
      fs.cpSync(path.join(REPO_ROOT, 'dist-node'), path.join(dir, 'dist-node'), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const started = Date.now();
      const r = spawnSync(process.execPath, [path.join(dir, 'dist-node', 'gloss.mjs'), 'serve', '--db', path.join(dir, 'p.gloss')], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/the app is not built .*npm run build:renderer/);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(fs.existsSync(path.join(dir, 'p.gloss'))).toBe(false);
    } finally {
      cleanup();
    }
  });
});
