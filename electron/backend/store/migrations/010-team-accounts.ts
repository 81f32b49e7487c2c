import type { Migration } from './migration.ts';

/**
 * Accounts of a team server: users with a role, one-time sign-in tokens and
 * sessions, and which documents are assigned to whom. Secrets are never
 * stored: tokens and session ids are 256-bit random values kept as their
 * SHA-256 (hex), so a copy of the project file signs nobody in. Plain tables
 * and ISO-8601 text times, which a PostgreSQL schema can mirror as they are.
 * Independent of other migrations: it only adds tables.
 */
export const migration010: Migration = {
  version: 10,
  name: 'team server: accounts, sign-in tokens, sessions, assignments',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        name_key TEXT NOT NULL UNIQUE,       -- lower case: "Ana" and "ana" are one account
        role TEXT NOT NULL CHECK (role IN ('annotator', 'curator', 'admin')),
        created_at TEXT NOT NULL,
        disabled_at TEXT
      );
      CREATE TABLE signin_tokens (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX signin_tokens_by_user ON signin_tokens(user_name);
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions(user_name);
      CREATE TABLE assignments (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (user_name, document_id)
      );
      CREATE INDEX assignments_by_document ON assignments(document_id);
    `);
  },
};
