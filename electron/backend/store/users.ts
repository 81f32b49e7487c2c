import type { Role, User } from '../../../shared/index.ts';
import type { Db } from './database.ts';

export interface UserRow {
  name: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

export const toUser = (r: UserRow): User => ({ name: r.name, role: r.role, createdAt: r.created_at, disabled: r.disabled_at !== null });

/**
 * A team server's accounts, their one-time sign-in tokens and sessions (both
 * stored as hashes only; see migration 010), and document assignments. Times
 * are ISO-8601 UTC strings, which compare in time order as text.
 */
export class UserStore {
  constructor(private readonly db: Db) {}

  list(): User[] {
    return (this.db.prepare('SELECT name, role, created_at, disabled_at FROM users ORDER BY name_key').all() as UserRow[]).map(toUser);
  }

  /** The account of this name, whatever its case; undefined when there is none. */
  find(name: string): User | undefined {
    const row = this.db.prepare('SELECT name, role, created_at, disabled_at FROM users WHERE name_key = ?').get(name.toLowerCase()) as UserRow | undefined;
    return row && toUser(row);
  }

  insert(name: string, role: Role, createdAt: string): void {
    this.db.prepare('INSERT INTO users (name, name_key, role, created_at) VALUES (?, ?, ?, ?)').run(name, name.toLowerCase(), role, createdAt);
  }

  setRole(name: string, role: Role): void {
    this.db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name);
  }

  /** Disables (at a time) or enables (null) an account. */
  setDisabled(name: string, at: string | null): void {
    this.db.prepare('UPDATE users SET disabled_at = ? WHERE name = ?').run(at, name);
  }

  putToken(hash: string, user: string, createdAt: string, expiresAt: string): void {
    this.db.prepare('INSERT INTO signin_tokens (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hash, user, createdAt, expiresAt);
  }

  /**
   * Uses up a sign-in token: marks it used when it is unused, unexpired and its
   * account enabled, and returns that account's name (else undefined). One
   * UPDATE, so two requests with the same token cannot both succeed.
   */
  useToken(hash: string, now: string): string | undefined {
    const changed = this.db
      .prepare(
        `UPDATE signin_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
           AND user_name IN (SELECT name FROM users WHERE disabled_at IS NULL)`,
      )
      .run(now, hash, now).changes;
    if (changed !== 1) return undefined;
    return this.db.prepare('SELECT user_name FROM signin_tokens WHERE token_hash = ?').pluck().get(hash) as string;
  }

  putSession(hash: string, user: string, createdAt: string, expiresAt: string): void {
    this.db.prepare('INSERT INTO sessions (id_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hash, user, createdAt, expiresAt);
  }

  /** The enabled account of an unexpired session. */
  sessionUser(hash: string, now: string): User | undefined {
    const row = this.db
      .prepare(
        `SELECT u.name, u.role, u.created_at, u.disabled_at FROM sessions s JOIN users u ON u.name = s.user_name
          WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      )
      .get(hash, now) as UserRow | undefined;
    return row && toUser(row);
  }

  /** Ends one session; true when there was one. */
  deleteSession(hash: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hash).changes > 0;
  }

  /** Ends every session of an account and voids its unused sign-in tokens. */
  endAllOf(user: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_name = ?').run(user);
    this.db.prepare('DELETE FROM signin_tokens WHERE user_name = ? AND used_at IS NULL').run(user);
  }

  /** Forgets expired sessions and tokens. */
  purgeExpired(now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    this.db.prepare('DELETE FROM signin_tokens WHERE expires_at <= ?').run(now);
  }

  /** Adds (or, with `remove`, deletes) assignments; returns how many changed. */
  assign(documentIds: readonly string[], user: string, at: string, remove: boolean): number {
    const stmt = remove
      ? this.db.prepare('DELETE FROM assignments WHERE document_id = ? AND user_name = ?')
      : this.db.prepare('INSERT INTO assignments (document_id, user_name, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    let changed = 0;
    for (const id of documentIds) changed += (remove ? stmt.run(id, user) : stmt.run(id, user, at)).changes;
    return changed;
  }

  /** Every assignment, by account then document. */
  assignments(): { documentId: string; user: string }[] {
    return this.db.prepare('SELECT document_id AS documentId, user_name AS user FROM assignments ORDER BY user_name, document_id').all() as { documentId: string; user: string }[];
  }

  /** The documents assigned to an account. */
  assignedTo(user: string): string[] {
    return this.db.prepare('SELECT document_id FROM assignments WHERE user_name = ? ORDER BY document_id').pluck().all(user) as string[];
  }
}
