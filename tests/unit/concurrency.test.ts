// Several processes on one project file, as real processes: opening an old
// project at once (one migration, one backup), opening a new one at once (one
// seeding), CLI imports while another process writes without pause (all
// succeed), a lock held too long (an error naming the file and its holder),
// and a document deleted by another process (not_found, not a raw SQLite
// error).
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { DEFAULT_NEWS_TAGSET, GlossError } from '../../shared/index.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(child: ChildProcess): Promise<Done> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A Node process running `code` (an ES module with the backend importable through tsx) from the repository root. */
function node(code: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Opens the project in `n` processes at the same moment: each loads the
 * backend, says it is ready, and opens when the test says go.
 */
async function openAtOnce(file: string, n: number): Promise<Done[]> {
  const code = `
    const fs = await import('node:fs');
    const { Project } = await import('./electron/backend/project.ts');
    const [file, ready, go] = process.argv.slice(1);
    fs.writeFileSync(ready, '');
    while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 1));
    const p = await Project.open(file);
    process.stdout.write(JSON.stringify({ version: p.schemaVersion, labels: p.labels.list().length }));
    p.close();`;
  const go = path.join(dir, 'go');
  const children = Array.from({ length: n }, (_, i) => node(code, [file, path.join(dir, `ready-${i}`), go]));
  const done = Promise.all(children.map(run));
  await waitFor(() => Array.from({ length: n }, (_, i) => fs.existsSync(path.join(dir, `ready-${i}`))).every(Boolean), 'the processes to load');
  fs.writeFileSync(go, '');
  return done;
}

describe('processes opening one project at once', { timeout: 120_000 }, () => {
  it('an old project is migrated once, with one backup', async () => {
    const file = path.join(dir, 'old.gloss');
    const old = await openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.prepare("INSERT INTO settings (key, value) VALUES ('data', 'v1')").run();
    old.close();
    const results = await openAtOnce(file, 3);
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ version: LATEST_SCHEMA_VERSION, labels: DEFAULT_NEWS_TAGSET.length });
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('-backup-'))).toHaveLength(1);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a new project is created and seeded once', async () => {
    const file = path.join(dir, 'new.gloss');
    const results = await openAtOnce(file, 3);
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ version: LATEST_SCHEMA_VERSION, labels: DEFAULT_NEWS_TAGSET.length });
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('-backup-'))).toEqual([]);
  });
});

describe('writers wait their turn', { timeout: 180_000 }, () => {
  it('CLI imports all succeed while another process writes without pause', async () => {
    const file = path.join(dir, 'busy.gloss');
    (await Project.open(file)).close();
    // The app: a store worker (as in Electron and `gloss serve`) taking one write after another.
    const writer = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'support', 'busy-writer.ts'), file, path.join(dir, 'writer-ready'), path.join(dir, 'stop')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const writerDone = run(writer);
    await waitFor(() => fs.existsSync(path.join(dir, 'writer-ready')) || writer.exitCode !== null, 'the writer to start');
    expect(writer.exitCode).toBeNull();
    // Nine folders of different articles: the same text again would join its document instead of adding one.
    const folders = Array.from({ length: 9 }, (_, f) => {
      const folder = path.join(dir, `articles-${f}`);
      fs.mkdirSync(folder);
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(folder, `article-${i}.txt`), `Article ${f}.${i}\n\n${'A sentence about minerals. '.repeat(200)}\n`);
      return folder;
    });
    const results: Done[] = [];
    for (let wave = 0; wave < 3; wave++) {
      const imports = Array.from({ length: 3 }, (_, k) => run(spawn(process.execPath, [GLOSS_BIN, 'import', folders[wave * 3 + k]!, '--db', file], { stdio: ['ignore', 'pipe', 'pipe'] })));
      results.push(...(await Promise.all(imports)));
    }
    fs.writeFileSync(path.join(dir, 'stop'), '');
    const written = await writerDone;
    expect(written.stderr).toBe('');
    expect(Number(written.stdout)).toBeGreaterThan(0);
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/^imported 20 document\(s\)\n$/) });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(9 * 20);
    expect(db.prepare('SELECT count(*) FROM propositions').pluck().get()).toBe(Number(written.stdout));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a lock held past the wait says which file is busy and who holds it, never "internal"', async () => {
    const file = path.join(dir, 'held.gloss');
    (await Project.open(file)).close();
    const holder = node(
      `
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('holding');
      setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 60_000);`,
      [file],
    );
    let said = '';
    holder.stdout!.on('data', (d: Buffer) => (said += d.toString()));
    await waitFor(() => said === 'holding', 'the lock to be taken');
    const project = await Project.open(file, { busyBudgetMs: 1500 });
    try {
      const started = Date.now();
      const envelope = await createDispatcher(project)('labels.create', { name: 'Waits', kind: 'other', color: '#123456' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(envelope.ok).toBe(false);
      const error = (envelope as { error: { kind: string; message: string } }).error;
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain(`${file}: the project is busy`);
      expect(error.message).toContain(`pid ${holder.pid}`);
    } finally {
      project.close();
      holder.kill('SIGKILL');
    }
  });
});

describe('a record deleted by another process meanwhile', () => {
  it('gives not_found, not a raw FOREIGN KEY error', async () => {
    const file = path.join(dir, 'p.gloss');
    const project = await Project.open(file);
    const other = await Project.open(file);
    try {
      const id = 'doc-1';
      const text = 'Pakistan met the minister.';
      project.documents.insert({ id, name: 'd', title: 'd', text, blocks: lineBlocks(text), metadata: { format: 'txt' }, contentHash: 'h' });
      const dispatch = createDispatcher(project);
      const label = project.labels.list()[0]!;
      // The document's text is cached by this connection; another one deletes the document.
      expect((await dispatch('annotations.create', { documentId: id, labelId: label.id, ranges: [{ start: 0, end: 8 }] })).ok).toBe(true);
      other.documents.delete(id);
      const r = await dispatch('annotations.create', { documentId: id, labelId: label.id, ranges: [{ start: 0, end: 8 }] });
      expect(r).toEqual({ ok: false, error: { kind: 'not_found', message: `no document with id ${id}` } });
    } finally {
      other.close();
      project.close();
    }
  });

  it('a raw SQLite constraint error from any write is turned into not_found', async () => {
    const { storeError } = await import('../../electron/backend/store/errors.ts');
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE a (id TEXT PRIMARY KEY); CREATE TABLE b (a TEXT REFERENCES a(id));');
    let raw: unknown;
    try {
      db.prepare("INSERT INTO b VALUES ('gone')").run();
    } catch (err) {
      raw = err;
    }
    db.close();
    const e = storeError(raw, 'p.gloss');
    expect(e).toBeInstanceOf(GlossError);
    expect((e as GlossError).kind).toBe('not_found');
  });
});
