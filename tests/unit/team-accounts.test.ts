// Team accounts on real project files: migration 010 with its own seed data,
// sign-in tokens and session ids stored only as SHA-256 hashes, one-time and
// expiring tokens, removed accounts, and the method→least-role table
// (one entry for every method of the contract).
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { addUser, newSignInLink, removeUser, resolveSession, setRole, signIn, signOut, SIGN_IN_TTL_MS } from '../../electron/backend/team/accounts.ts';
import { contract, METHOD_ROLES, mayCall, type Method } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('migration 010: team accounts', () => {
  it('adds accounts, tokens, sessions and assignments to a project of the schema before, keeping its data', async () => {
    const file = path.join(dir, 'old.gloss');
    const old = await openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 10) });
    const now = '2026-03-01T10:00:00.000Z';
    old.exec(`
      INSERT INTO settings (key, value) VALUES ('seeded', '1');
      INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
        VALUES ('d1', 'doc', 'Lithium 🇵🇰', 'Ana says lithium is scarce.', '[]', '{}', 'h', '${now}', '${now}');
    `);
    old.close();
    const project = await Project.open(file);
    try {
      expect(project.schemaVersion).toBeGreaterThanOrEqual(10);
      expect(project.documents.list().map((d) => d.title)).toEqual(['Lithium 🇵🇰']);
      addUser(project, 'Ana', 'annotator');
      expect(() => addUser(project, 'ana', 'curator')).toThrow(/already an account named "Ana"/);
      expect(project.users.assign(['d1'], 'Ana', now, false)).toBe(1);
      expect(project.users.assign(['d1'], 'Ana', now, false)).toBe(0);
      expect(project.users.assignedTo('Ana')).toEqual(['d1']);
      // An account's role is one of three (the schema refuses others, not only the contract).
      expect(() => project.db.prepare("UPDATE users SET role = 'owner'").run()).toThrow(/CHECK/);
      // Deleting the document takes its assignments with it.
      project.db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(project.users.assignments()).toEqual([]);
    } finally {
      project.close();
    }
  });
});

describe('sign-in tokens and sessions', () => {
  it('stores only hashes of 256-bit random secrets', async () => {
    const project = await Project.open(path.join(dir, 'p.gloss'));
    try {
      const link = addUser(project, 'Ana', 'annotator');
      expect(Buffer.from(link.token, 'base64url')).toHaveLength(32);
      const tokens = project.db.prepare('SELECT token_hash FROM signin_tokens').pluck().all();
      expect(tokens).toEqual([sha256(link.token)]);
      const session = signIn(project, link.token);
      expect(Buffer.from(session.sessionId, 'base64url')).toHaveLength(32);
      expect(project.db.prepare('SELECT id_hash FROM sessions').pluck().all()).toEqual([sha256(session.sessionId)]);
      // Neither secret appears anywhere in the file's rows.
      const everything = JSON.stringify([project.db.prepare('SELECT * FROM signin_tokens').all(), project.db.prepare('SELECT * FROM sessions').all()]);
      expect(everything).not.toContain(link.token);
      expect(everything).not.toContain(session.sessionId);
      expect(resolveSession(project, session.sessionId)).toMatchObject({ name: 'Ana', role: 'annotator' });
      expect(resolveSession(project, session.sessionId.slice(0, -1) + 'x')).toBeNull();
    } finally {
      project.close();
    }
  });

  it('takes each token once, and not after it expires', async () => {
    const project = await Project.open(path.join(dir, 'p.gloss'));
    try {
      const t0 = new Date('2026-03-01T10:00:00Z');
      const first = addUser(project, 'Ben', 'curator', t0);
      expect(first.expiresAt).toBe(new Date(t0.getTime() + SIGN_IN_TTL_MS).toISOString());
      signIn(project, first.token, t0);
      expect(() => signIn(project, first.token, t0)).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
      const second = newSignInLink(project, 'Ben', t0);
      expect(() => signIn(project, second.token, new Date(t0.getTime() + SIGN_IN_TTL_MS))).toThrow(/not valid/);
      expect(() => signIn(project, second.token, new Date(t0.getTime() + SIGN_IN_TTL_MS + 1))).toThrow(/not valid/);
      const third = newSignInLink(project, 'Ben', t0);
      expect(signIn(project, third.token, new Date(t0.getTime() + SIGN_IN_TTL_MS - 1)).user.name).toBe('Ben');
    } finally {
      project.close();
    }
  });

  it('sessions expire, end at sign-out, and all end when the account is removed; a removed account cannot sign in', async () => {
    const project = await Project.open(path.join(dir, 'p.gloss'));
    try {
      const t0 = new Date('2026-03-01T10:00:00Z');
      const link = addUser(project, 'Cai', 'annotator', t0);
      const s1 = signIn(project, link.token, t0);
      expect(resolveSession(project, s1.sessionId, t0)?.name).toBe('Cai');
      expect(resolveSession(project, s1.sessionId, new Date(Date.parse(s1.expiresAt)))).toBeNull();
      expect(signOut(project, s1.sessionId)).toBe(true);
      expect(resolveSession(project, s1.sessionId, t0)).toBeNull();
      const s2 = signIn(project, newSignInLink(project, 'Cai', t0).token, t0);
      const unused = newSignInLink(project, 'Cai', t0);
      expect(setRole(project, 'Cai', 'curator')).toMatchObject({ previous: 'annotator', user: { role: 'curator' } });
      expect(resolveSession(project, s2.sessionId, t0)?.role).toBe('curator');
      expect(removeUser(project, 'Cai')).toMatchObject({ disabled: true });
      expect(resolveSession(project, s2.sessionId, t0)).toBeNull();
      expect(() => signIn(project, unused.token, t0)).toThrow(/not valid/);
      expect(() => newSignInLink(project, 'Cai')).toThrow(/removed/);
      // Added again, it comes back with its name and a new role.
      const back = addUser(project, 'cai', 'annotator');
      expect(back.user).toMatchObject({ name: 'Cai', role: 'annotator', disabled: false });
    } finally {
      project.close();
    }
  });
});

describe('the method→least-role table', () => {
  it('has one entry for every method of the contract and no other', () => {
    const methods = Object.keys(contract).sort();
    expect(Object.keys(METHOD_ROLES).sort()).toEqual(methods);
    for (const m of methods) expect(['annotator', 'curator', 'admin', 'owner'], m).toContain(METHOD_ROLES[m as Method]);
  });

  it('gives the owner everything, admins users, and keeps annotators from curation', () => {
    for (const m of Object.keys(contract) as Method[]) expect(mayCall(undefined, m)).toBe(true);
    expect(mayCall('admin', 'users.add')).toBe(true);
    expect(mayCall('curator', 'users.add')).toBe(false);
    expect(mayCall('curator', 'team.agreement')).toBe(true);
    for (const m of ['team.agreement', 'team.curate', 'team.merge', 'team.disagreements', 'labels.create', 'documents.import', 'documents.delete', 'users.list'] as Method[]) {
      expect(mayCall('annotator', m), m).toBe(false);
    }
    for (const m of ['auth.signIn', 'auth.resolve', 'workspace.open', 'team.setAnnotator'] as Method[]) expect(mayCall('admin', m), m).toBe(false);
  });
});
