import type { Role, User } from '../../../../shared/index.ts';
import type { Async } from '../repository.ts';
import { toUser, type UserRow, type UserStore } from '../users.ts';
import type { Queryable } from './documents.ts';

const USER_COLUMNS = 'name, role, created_at, disabled_at';

/**
 * A team server's accounts, sign-in tokens, sessions and assignments on
 * PostgreSQL: the counterpart of the SQLite engine's UserStore. Orders are by
 * code point (COLLATE "C"), as SQLite's BINARY orders text.
 */
export class PgUserStore implements Async<UserStore> {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<User[]> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name_key COLLATE "C"`);
    return rows.map(toUser);
  }

  async find(name: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name_key = $1`, [name.toLowerCase()]);
    return rows[0] && toUser(rows[0]);
  }

  async insert(name: string, role: Role, createdAt: string): Promise<void> {
    await this.db.query('INSERT INTO users (name, name_key, role, created_at) VALUES ($1, $2, $3, $4)', [name, name.toLowerCase(), role, createdAt]);
  }

  async setRole(name: string, role: Role): Promise<void> {
    await this.db.query('UPDATE users SET role = $1 WHERE name = $2', [role, name]);
  }

  async setDisabled(name: string, at: string | null): Promise<void> {
    await this.db.query('UPDATE users SET disabled_at = $1 WHERE name = $2', [at, name]);
  }

  async putToken(hash: string, user: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.query('INSERT INTO signin_tokens (token_hash, user_name, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, user, createdAt, expiresAt]);
  }

  /** Uses up a sign-in token in one statement: two requests with the same token cannot both succeed. */
  async useToken(hash: string, now: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ user_name: string }>(
      `UPDATE signin_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         AND user_name IN (SELECT name FROM users WHERE disabled_at IS NULL) RETURNING user_name`,
      [now, hash],
    );
    return rows.length === 1 ? rows[0]!.user_name : undefined;
  }

  async putSession(hash: string, user: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.query('INSERT INTO sessions (id_hash, user_name, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, user, createdAt, expiresAt]);
  }

  async sessionUser(hash: string, now: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(
      `SELECT u.name, u.role, u.created_at, u.disabled_at FROM sessions s JOIN users u ON u.name = s.user_name
        WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [hash, now],
    );
    return rows[0] && toUser(rows[0]);
  }

  async deleteSession(hash: string): Promise<boolean> {
    return ((await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [hash])).rowCount ?? 0) > 0;
  }

  async endAllOf(user: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE user_name = $1', [user]);
    await this.db.query('DELETE FROM signin_tokens WHERE user_name = $1 AND used_at IS NULL', [user]);
  }

  async purgeExpired(now: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    await this.db.query('DELETE FROM signin_tokens WHERE expires_at <= $1', [now]);
  }

  async assign(documentIds: readonly string[], user: string, at: string, remove: boolean): Promise<number> {
    let changed = 0;
    for (const id of documentIds) {
      const res = remove
        ? await this.db.query('DELETE FROM assignments WHERE document_id = $1 AND user_name = $2', [id, user])
        : await this.db.query('INSERT INTO assignments (document_id, user_name, assigned_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, user, at]);
      changed += res.rowCount ?? 0;
    }
    return changed;
  }

  async assignments(): Promise<{ documentId: string; user: string }[]> {
    const { rows } = await this.db.query<{ documentId: string; user: string }>(
      'SELECT document_id AS "documentId", user_name AS "user" FROM assignments ORDER BY user_name COLLATE "C", document_id COLLATE "C"',
    );
    return rows;
  }

  async assignedTo(user: string): Promise<string[]> {
    const { rows } = await this.db.query<{ document_id: string }>('SELECT document_id FROM assignments WHERE user_name = $1 ORDER BY document_id COLLATE "C"', [user]);
    return rows.map((r) => r.document_id);
  }
}
