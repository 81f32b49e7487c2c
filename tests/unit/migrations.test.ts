// Migrations on real SQLite files: each one from the version before it, with
// data in the database, the backup written before migrating, and refusals of
// files Gloss must not touch (a newer schema, a file that is not SQLite).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/backend/store/database.ts';
import { GLOSS_APPLICATION_ID } from '../../electron/backend/store/identify.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../electron/backend/store/migrations/index.ts';
import { GlossError } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';

/**
 * Representative rows for a database at schema version N, written with plain
 * SQL of that version (not the current stores, which follow the latest schema).
 * When migration N+1 reshapes existing tables, add an entry for N here and a
 * check for N+1 below; every migration is also tested without them.
 */
const SEED: Record<number, (db: Db) => void> = {
  1: (db) => {
    const now = '2026-02-05T10:00:00.000Z';
    db.prepare(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
       VALUES ('d1', 'doc', 'Title', 'Pakistan met the minister 👍🏽.', '[{"type":"paragraph","start":0,"end":30}]', '{"format":"txt"}', 'h', ?, ?)`,
    ).run(now, now);
    db.prepare(`INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ('l1', 'Person', 'entity', '#e15759', '1', '[]', 1)`).run();
    db.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
       VALUES ('a1', 'd1', 'l1', '[{"start":0,"end":8}]', 0, 8, 'Pakistan', '', ' met the minister 👍🏽.', '{}', 'n', 'tester', ?, ?)`,
    ).run(now, now);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('seeded', '1')`).run();
  },
};

/** What a migration must leave behind, checked after migrating from the version before it to the latest. */
const CHECK: Record<number, (db: Db) => void> = {
  1: (db) => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['documents', 'documents_fts', 'labels', 'annotations', 'settings']));
    // The full-text index is kept in step by triggers.
    db.prepare(`INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
      VALUES ('x', 'x', 'Café', 'naïve text', '[]', '{}', 'h', 'now', 'now')`).run();
    expect(db.prepare("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'naive'").get()).toEqual({ n: 1 });
    db.prepare("DELETE FROM documents WHERE id = 'x'").run();
    expect(db.prepare("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'naive'").get()).toEqual({ n: 0 });
  },
  2: (db) => {
    // The default relation types are seeded by the migration, once.
    const names = db.prepare('SELECT name FROM relation_types ORDER BY position').pluck().all();
    expect(names).toEqual(['Represents', 'Says', 'Supports', 'Contradicts']);
  },
};

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function backupsOf(file: string): string[] {
  return fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.v`) && f.includes('-backup-'));
}

/** The schema as SQL, for comparing a migrated database with a new one. */
function schemaOf(db: Db): string[] {
  return db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name").pluck().all() as string[];
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('migrations', () => {
  // Numbers are handed out to parallel branches (005–008 were written side by side), so a branch may
  // hold a later number before the earlier ones are merged: strictly increasing, the latest last.
  it('are numbered in increasing order from 1, and the latest is what this build writes', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    expect(LATEST_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  for (const [i, migration] of MIGRATIONS.entries()) {
    const from = i > 0 ? MIGRATIONS[i - 1]!.version : 0;
    it(`${migration.version} (${migration.name}) migrates a database at version ${from}`, async () => {
      const file = path.join(dir, 'project.gloss');
      const old = await openDatabase(file, { migrations: MIGRATIONS.slice(0, i) });
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      if (from > 0) {
        SEED[from]?.(old);
        // A row every version since 1 can hold, so the database is never empty.
        old.prepare("INSERT INTO settings (key, value) VALUES ('migration-test', ?)").run(`written at v${from}`);
      }
      old.close();

      const db = await openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        if (from > 0) {
          // Data survives, and a copy of the database as it was is kept beside it.
          expect(db.prepare("SELECT value FROM settings WHERE key = 'migration-test'").pluck().get()).toBe(`written at v${from}`);
          const backups = backupsOf(file);
          expect(backups).toHaveLength(1);
          expect(backups[0]).toMatch(new RegExp(`^project\\.gloss\\.v${from}-backup-`));
          const copy = new Database(path.join(dir, backups[0]!), { readonly: true });
          expect(copy.pragma('user_version', { simple: true })).toBe(from);
          expect(copy.prepare("SELECT value FROM settings WHERE key = 'migration-test'").pluck().get()).toBe(`written at v${from}`);
          copy.close();
        } else {
          expect(backupsOf(file)).toEqual([]);
        }
        CHECK[migration.version]?.(db);
        // An upgraded project ends with the same schema as a new one.
        const fresh = await openDatabase(path.join(dir, 'fresh.gloss'));
        expect(schemaOf(db)).toEqual(schemaOf(fresh));
        fresh.close();
      } finally {
        db.close();
      }
    });
  }

  it('the seeds of every version migrate to the latest schema and keep their rows', async () => {
    for (const [versionText, seed] of Object.entries(SEED)) {
      const version = Number(versionText);
      const file = path.join(dir, `seed-v${version}.gloss`);
      const old = await openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
      seed(old);
      const before = { documents: count(old, 'documents'), labels: count(old, 'labels'), annotations: count(old, 'annotations') };
      old.close();
      const db = await openDatabase(file);
      expect({ documents: count(db, 'documents'), labels: count(db, 'labels'), annotations: count(db, 'annotations') }).toEqual(before);
      db.close();
    }
  });

  describe('backup and atomicity (with a stand-in next migration)', () => {
    const next = (up: Migration['up']): Migration => ({ version: LATEST_SCHEMA_VERSION + 1, name: 'test', up });

    async function latestWithData(file: string): Promise<void> {
      const db = await openDatabase(file);
      SEED[LATEST_SCHEMA_VERSION]?.(db);
      db.prepare("INSERT INTO settings (key, value) VALUES ('migration-test', 'latest')").run();
      db.close();
    }

    it('backs up a database holding data before migrating it', async () => {
      const file = path.join(dir, 'p.gloss');
      await latestWithData(file);
      const db = await openDatabase(file, { migrations: [...MIGRATIONS, next((d) => d.exec('CREATE TABLE extra (x)'))] });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
      db.close();
      const backups = backupsOf(file);
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(new RegExp(`^p\\.gloss\\.v${LATEST_SCHEMA_VERSION}-backup-`));
      const copy = new Database(path.join(dir, backups[0]!), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
      expect(count(copy, 'settings')).toBeGreaterThan(0);
      copy.close();
    });

    it('a failing migration changes nothing: one transaction', async () => {
      const file = path.join(dir, 'p.gloss');
      await latestWithData(file);
      const failing = next((d) => {
        d.exec('CREATE TABLE extra (x)');
        throw new Error('boom');
      });
      await expect(openDatabase(file, { migrations: [...MIGRATIONS, failing] })).rejects.toThrow('boom');
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
      db.close();
    });
  });

  describe('refusals', () => {
    for (const journal of ['wal', 'delete'] as const) {
      it(`refuses a database from a newer Gloss and leaves it unchanged (journal_mode ${journal})`, async () => {
        const file = path.join(dir, 'newer.gloss');
        const raw = new Database(file);
        raw.pragma(`journal_mode = ${journal}`);
        raw.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1);');
        raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
        // Every project a newer Gloss writes carries Gloss's mark in its header.
        raw.pragma(`application_id = ${GLOSS_APPLICATION_ID}`);
        raw.close();
        const before = fs.readFileSync(file);
        const siblings = fs.readdirSync(dir).sort();

        const err = await openDatabase(file).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(GlossError);
        expect((err as GlossError).kind).toBe('version');
        expect((err as GlossError).message).toMatch(/newer/);
        expect((err as GlossError).message).toContain(file);
        expect(fs.readFileSync(file).equals(before)).toBe(true);
        expect(fs.readdirSync(dir).sort()).toEqual(siblings);
      });
    }

    it('refuses a file that is not an SQLite database, naming it, and leaves it unchanged', async () => {
      const file = path.join(dir, 'notes.gloss');
      fs.writeFileSync(file, 'These are my notes, not a project.\n'.repeat(20));
      const before = fs.readFileSync(file);
      await expect(openDatabase(file)).rejects.toSatisfy(
        (e: unknown) => e instanceof GlossError && /not .*SQLite|not a Gloss project/i.test(e.message) && e.message.includes(file),
      );
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual(['notes.gloss']);
    });

    it('refuses a short non-SQLite file too', async () => {
      const file = path.join(dir, 'tiny.gloss');
      fs.writeFileSync(file, 'hi');
      await expect(openDatabase(file)).rejects.toThrow(/not a Gloss project file/);
    });
  });

  it('sets WAL, foreign keys and synchronous=FULL', async () => {
    const db = await openDatabase(path.join(dir, 'p.gloss'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });
});
