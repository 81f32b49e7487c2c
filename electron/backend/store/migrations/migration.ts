import type Database from 'better-sqlite3';

/** One step of the schema. Migrations are numbered, append-only and never edited once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
