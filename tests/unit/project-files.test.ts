// Files named as a project that are not one: another application's SQLite
// database (with and without a `documents` table of its own, in WAL and
// rollback mode, with an application_id), a text file, a damaged file. Each is
// refused with its name and left byte for byte as it was, with nothing beside
// it; a new, empty or zero-length file becomes a project, readable by its
// owner only; projects from before Gloss marked its files are still
// recognised. Real SQLite files throughout.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { GLOSS_APPLICATION_ID } from '../../electron/backend/store/identify.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { DEFAULT_NEWS_TAGSET, GlossError } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Every file of the folder with its bytes, to compare before and after. */
function snapshot(): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

function expectUnchanged(before: Map<string, Buffer>): void {
  const after = snapshot();
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [f, bytes] of before) expect(after.get(f)!.equals(bytes), `${f} changed`).toBe(true);
}

async function refusal(file: string): Promise<GlossError> {
  const err = await Project.open(file).then(
    (p) => {
      p.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GlossError);
  const e = err as GlossError;
  expect(e.message).toContain(file);
  expect(e.message).toMatch(/not a Gloss project|newer version/);
  expect(e.message).not.toMatch(/\n/);
  return e;
}

/** Another application's database, written with plain SQL. */
function foreign(name: string, setup: (db: Database.Database) => void, journal: 'wal' | 'delete' = 'delete'): string {
  const file = path.join(dir, name);
  const db = new Database(file);
  db.pragma(`journal_mode = ${journal}`);
  setup(db);
  db.close();
  return file;
}

describe('files that are not Gloss projects are refused and left as they were', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      "another application's database",
      () => foreign('notes.sqlite', (db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');")),
      /another application, with tables notes\)$/,
    ],
    [
      'a database with its own documents table (rollback journal)',
      () => foreign('docs.db', (db) => db.exec("CREATE TABLE documents (path TEXT); INSERT INTO documents VALUES ('/a');")),
      /with tables documents\)$/,
    ],
    [
      'a database with its own documents table (WAL, user_version set)',
      () =>
        foreign(
          'docs-wal.db',
          (db) => {
            db.exec("CREATE TABLE documents (id TEXT, name TEXT, title TEXT); CREATE TABLE labels (x); INSERT INTO documents VALUES ('1', 'n', 't');");
            db.pragma('user_version = 3');
          },
          'wal',
        ),
      /with tables documents, labels\)$/,
    ],
    [
      'a database carrying another application_id',
      () =>
        foreign('fossil.db', (db) => {
          db.exec('CREATE TABLE blob (rid INTEGER PRIMARY KEY)');
          db.pragma('application_id = 252006673'); // Fossil's
        }),
      /another application, application_id 0x0f055111\)$/,
    ],
    [
      'a text file',
      () => {
        const file = path.join(dir, 'notes.txt');
        fs.writeFileSync(file, 'These are my notes, not a project.\n'.repeat(40));
        return file;
      },
      /not an SQLite database/,
    ],
    [
      'a damaged database (valid header, garbage pages)',
      () => {
        const file = foreign('broken.db', (db) => db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(20000));"));
        const bytes = fs.readFileSync(file);
        for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
        fs.writeFileSync(file, bytes);
        return file;
      },
      /not a Gloss project/,
    ],
  ];
  for (const [what, make, reason] of cases) {
    it(what, async () => {
      const file = make();
      const before = snapshot();
      const err = await refusal(file);
      expect(err.message).toMatch(reason);
      expectUnchanged(before);
    });
  }

  it("a database another program has open in WAL mode is read without touching its -wal", async () => {
    const file = path.join(dir, 'live.db');
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    other.exec("CREATE TABLE documents (x); INSERT INTO documents VALUES ('still in the WAL');");
    try {
      const before = snapshot();
      expect([...before.keys()]).toEqual(['live.db', 'live.db-shm', 'live.db-wal']);
      const err = await refusal(file);
      expect(err.message).toMatch(/with tables documents\)$/);
      const after = snapshot();
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const f of ['live.db', 'live.db-wal']) expect(after.get(f)!.equals(before.get(f)!), f).toBe(true);
    } finally {
      other.close();
    }
  });

  it('the CLI refuses them too: one line naming the file, exit code 2, the file unchanged', async () => {
    const { spawnSync } = await import('node:child_process');
    const { REPO_ROOT } = await import('../support/paths.ts');
    const file = foreign('app.sqlite', (db) => db.exec('CREATE TABLE documents (x); CREATE TABLE settings (k, v);'));
    const before = snapshot();
    for (const command of [['list'], ['import', path.join(REPO_ROOT, 'package.json')]]) {
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist-node', 'gloss.mjs'), ...command, '--db', file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toBe(`gloss: ${file}: not a Gloss project file (it is the SQLite database of another application, with tables documents, settings)\n`);
      expectUnchanged(before);
    }
  });
});

describe('new and empty files become projects, readable by their owner only', () => {
  it('a new file, its -wal and -shm are 0600', async () => {
    const file = path.join(dir, 'new.gloss');
    const project = await Project.open(file);
    try {
      project.labels.create({ name: 'Private', kind: 'other', color: '#000000', hotkey: null, attributes: [] });
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
      expect(project.db.pragma('application_id', { simple: true })).toBe(GLOSS_APPLICATION_ID);
    } finally {
      project.close();
    }
  });

  it('a zero-length file and an SQLite database without tables open as new projects', async () => {
    const zero = path.join(dir, 'zero.gloss');
    fs.writeFileSync(zero, '');
    const empty = foreign('empty.db', (db) => db.exec('CREATE TABLE t (x); DROP TABLE t;'));
    for (const file of [zero, empty]) {
      const project = await Project.open(file);
      expect(project.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(project.labels.list()).toHaveLength(DEFAULT_NEWS_TAGSET.length);
      project.close();
    }
  });

  it('the backup written before a migration is 0600 too', async () => {
    const file = path.join(dir, 'old.gloss');
    const old = await openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    old.close();
    (await openDatabase(file)).close();
    const backups = fs.readdirSync(dir).filter((f) => f.includes('-backup-'));
    expect(backups).toHaveLength(1);
    expect((fs.statSync(path.join(dir, backups[0]!)).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('projects written before Gloss marked its files (no application_id)', () => {
  /** A project at `version` as an older Gloss left it: its tables and user_version, application_id 0. */
  async function unmarked(name: string, version: number): Promise<string> {
    const file = path.join(dir, name);
    const db = await openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
    db.prepare("INSERT INTO settings (key, value) VALUES ('written', ?)").run(`v${version}`);
    db.pragma('application_id = 0');
    db.close();
    return file;
  }

  it('are recognised by their tables, and marked when opened', async () => {
    const file = await unmarked('current.gloss', LATEST_SCHEMA_VERSION);
    const project = await Project.open(file);
    expect(project.db.prepare("SELECT value FROM settings WHERE key = 'written'").pluck().get()).toBe(`v${LATEST_SCHEMA_VERSION}`);
    expect(project.db.pragma('application_id', { simple: true })).toBe(GLOSS_APPLICATION_ID);
    project.close();
  });

  it('are migrated from version 1 with one backup', async () => {
    const file = await unmarked('v1.gloss', 1);
    const project = await Project.open(file);
    expect(project.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    project.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('-backup-'))).toHaveLength(1);
  });

  it('a migration that throws halfway leaves the file byte for byte as it was, with no backup and no -wal', async () => {
    const file = await unmarked('v1.gloss', 1);
    const before = snapshot();
    let ran = 0;
    const failing = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'fails halfway',
        up: (db: Database.Database) => {
          ran++;
          db.exec("CREATE TABLE extra (x); INSERT INTO extra VALUES (randomblob(500000)); INSERT INTO settings (key, value) VALUES ('half', 'way');");
          throw new Error('boom halfway');
        },
      },
    ];
    await expect(Project.open(file, { migrations: failing })).rejects.toThrow('boom halfway');
    expect(ran).toBe(1);
    expectUnchanged(before);
    // And it still opens with the migrations this build has.
    (await Project.open(file)).close();
  });

  it('a project from a newer Gloss is refused before it is opened for writing', async () => {
    const file = path.join(dir, 'newer.gloss');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE settings (key, value)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.pragma(`application_id = ${GLOSS_APPLICATION_ID}`);
    db.close();
    const before = snapshot();
    const err = await refusal(file);
    expect(err.kind).toBe('version');
    expectUnchanged(before);
  });
});

describe("better-sqlite3's native module", () => {
  it('missing: one line naming the Node version and the command that fixes it', async () => {
    const file = path.join(dir, 'p.gloss');
    const err = await openDatabase(file, { nativeBinding: path.join(dir, 'missing', 'better_sqlite3.node') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlossError);
    const message = (err as GlossError).message;
    expect(message).toBe(`better-sqlite3's native module is missing (Node ${process.version}); fix it with: npm rebuild better-sqlite3`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('built wrong (not a loadable library): one line, not a list of paths', async () => {
    const bogus = path.join(dir, 'better_sqlite3.node');
    fs.writeFileSync(bogus, 'not a shared library');
    const err = await openDatabase(path.join(dir, 'p.gloss'), { nativeBinding: bogus }).catch((e: unknown) => e);
    const message = (err as GlossError).message;
    expect(message).toMatch(new RegExp(`^better-sqlite3's native module does not load in Node ${process.version.replace(/\./g, '\\.')} \\(.+\\); fix it with: npm rebuild better-sqlite3$`));
    expect(message).not.toMatch(/\n/);
  });

  it('built for another Node: says which NODE_MODULE_VERSION it has and which this Node needs', async () => {
    const { nativeModuleError } = await import('../../electron/backend/store/connection.ts');
    // The error Node raises for an addon of another ABI (the path varies; the wording is Node's).
    const dlopen = Object.assign(
      new Error(
        "The module '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
      ),
      { code: 'ERR_DLOPEN_FAILED' },
    );
    expect(nativeModuleError(dlopen)?.message).toBe(
      `better-sqlite3's native module was built for another Node (NODE_MODULE_VERSION 115; Node ${process.version} needs ${process.versions.modules}); fix it with: npm rebuild better-sqlite3`,
    );
    const bindings = new Error('Could not locate the bindings file. Tried:\n → /a/build/better_sqlite3.node\n → /b/build/Debug/better_sqlite3.node');
    expect(nativeModuleError(bindings)?.message).toMatch(/^better-sqlite3's native module is missing \(Node .*\); fix it with: npm rebuild better-sqlite3$/);
    expect(nativeModuleError(new Error('SQLITE_BUSY: database is locked'))).toBeUndefined();
  });
});
