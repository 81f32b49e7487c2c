import crypto from 'node:crypto';
import { GlossError, type Role, type SignInLink, type User } from '../../../shared/index.ts';
import { checkAnnotatorName } from '../project.ts';
import type { Project } from '../project.ts';

/** How long a sign-in link stays valid. */
export const SIGN_IN_TTL_MS = 7 * 24 * 3600 * 1000;
/** How long a session lasts after signing in. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A fresh secret: 256 random bits, URL-safe. */
function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** What is stored for a secret: its SHA-256, hex. The secret itself is never stored. */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

function existing(project: Project, name: string): User {
  const user = project.users.find(name);
  if (!user) throw new GlossError('not_found', `no account named "${name}" (see gloss users list)`);
  return user;
}

function issueToken(project: Project, user: User, now: Date): SignInLink {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TTL_MS).toISOString();
  project.users.putToken(hashSecret(token), user.name, now.toISOString(), expiresAt);
  return { user, token, expiresAt };
}

/** Adds an account (or brings back a removed one, with this role) and issues its first sign-in token. */
export function addUser(project: Project, name: string, role: Role, now = new Date()): SignInLink {
  const clean = checkAnnotatorName(name);
  return project.transaction(() => {
    const found = project.users.find(clean);
    if (found && !found.disabled) throw new GlossError('conflict', `there is already an account named "${found.name}" (a new sign-in link: gloss users link ${found.name})`);
    if (found) {
      project.users.setDisabled(found.name, null);
      project.users.setRole(found.name, role);
    } else {
      project.users.insert(clean, role, now.toISOString());
    }
    project.users.purgeExpired(now.toISOString());
    return issueToken(project, existing(project, clean), now);
  });
}

/** A new one-time sign-in token for an enabled account. */
export function newSignInLink(project: Project, name: string, now = new Date()): SignInLink {
  return project.transaction(() => {
    const user = existing(project, name);
    if (user.disabled) throw new GlossError('conflict', `the account "${user.name}" was removed; add it again with gloss users add`);
    return issueToken(project, user, now);
  });
}

/** Disables an account: its sessions end and its unused links stop working; its work stays under its name. */
export function removeUser(project: Project, name: string, now = new Date()): User {
  return project.transaction(() => {
    const user = existing(project, name);
    project.users.setDisabled(user.name, now.toISOString());
    project.users.endAllOf(user.name);
    return existing(project, user.name);
  });
}

export function setRole(project: Project, name: string, role: Role): { user: User; previous: Role } {
  return project.transaction(() => {
    const user = existing(project, name);
    project.users.setRole(user.name, role);
    return { user: existing(project, user.name), previous: user.role };
  });
}

/** Uses up a sign-in token and opens a session; the session id is returned once and stored only as its hash. */
export function signIn(project: Project, token: string, now = new Date()): { sessionId: string; user: User; expiresAt: string } {
  return project.transaction(() => {
    const name = project.users.useToken(hashSecret(token), now.toISOString());
    if (name === undefined) throw new GlossError('unauthorized', 'this sign-in link is not valid: it was used already, has expired, or its account was removed. Ask an admin for a new one (gloss users link NAME).');
    const sessionId = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    project.users.putSession(hashSecret(sessionId), name, now.toISOString(), expiresAt);
    return { sessionId, user: existing(project, name), expiresAt };
  });
}

/** The enabled account of a live session, or null. */
export function resolveSession(project: Project, sessionId: string, now = new Date()): User | null {
  return project.users.sessionUser(hashSecret(sessionId), now.toISOString()) ?? null;
}

export function signOut(project: Project, sessionId: string): boolean {
  return project.transaction(() => project.users.deleteSession(hashSecret(sessionId)));
}

/** Assigns documents to an account (which must exist), or takes them back. */
export function assignDocuments(project: Project, documentIds: readonly string[], to: string, remove: boolean): number {
  return project.transaction(() => {
    const user = existing(project, to);
    for (const id of documentIds) project.documents.text(id);
    return project.users.assign(documentIds, user.name, new Date().toISOString(), remove);
  });
}
