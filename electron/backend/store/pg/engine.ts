import pg from 'pg';
import { GlossError } from '../../../../shared/index.ts';
import type { Repositories, StoreEngine } from '../engine.ts';
import { PgAnchorStore } from './anchors.ts';
import { PgAnnotationStore } from './annotations.ts';
import { PgClaimStore } from './claims.ts';
import { PgCollectionStore } from './collections.ts';
import { PgDocumentStore, type Queryable } from './documents.ts';
import { PgEntityStore } from './entities.ts';
import { PgImportMatchStore, PgSourceIdStore, PgSuggestionRejectionStore } from './exchange-stores.ts';
import { PgLabelStore } from './labels.ts';
import { describeDatabase, migratePostgres } from './migrate.ts';
import { PgPropositionStore } from './propositions.ts';
import { PgRelationStore } from './relations.ts';
import { PgExportReadStore, PgSearchStore } from './reads.ts';
import { PgSettingsStore } from './settings.ts';
import { PgStandoffStore } from './standoff.ts';
import { PgTeamStore } from './team.ts';
import { PgTrashStore } from './trash.ts';
import { PgChangeLogStore } from './change-log.ts';
import { PgUndoJournalStore } from './undo-journal.ts';
import { installPgChangeLog } from './change-log-triggers.ts';
import { PgUserStore } from './users.ts';
import { PgVersionStore } from './versions.ts';

/**
 * The advisory lock every write transaction takes first: writers take turns,
 * as on SQLite, so that a service's read-then-write (an undo, a merge, a
 * status) sees what it changes. Readers never wait for it.
 */
export const WRITE_LOCK = '7001001';

/** The PostgreSQL repositories over one connection (or a pool, for reads). */
export function repositoriesOn(db: Queryable): Repositories {
  return {
    documents: new PgDocumentStore(db),
    labels: new PgLabelStore(db),
    annotations: new PgAnnotationStore(db),
    entities: new PgEntityStore(db),
    claims: new PgClaimStore(db),
    propositions: new PgPropositionStore(db),
    relations: new PgRelationStore(db),
    settings: new PgSettingsStore(db),
    team: new PgTeamStore(db),
    collections: new PgCollectionStore(db),
    versions: new PgVersionStore(db),
    anchors: new PgAnchorStore(db),
    suggestionRejections: new PgSuggestionRejectionStore(db),
    sourceIds: new PgSourceIdStore(db),
    importMatches: new PgImportMatchStore(db),
    standoff: new PgStandoffStore(db),
    exportReads: new PgExportReadStore(db),
    search: new PgSearchStore(db),
    users: new PgUserStore(db),
    trash: new PgTrashStore(db),
    changeLog: new PgChangeLogStore(db),
    undoJournal: new PgUndoJournalStore(db),
  };
}

/** An error from PostgreSQL or the network, in words that name the database. */
export function reachError(where: string, err: unknown): unknown {
  const code = (err as { code?: string }).code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P03', '08006', '08001'].includes(code)) {
    return new GlossError('unavailable', `${where}: PostgreSQL cannot be reached (${code}: ${(err as Error).message}); nothing of this change was stored`);
  }
  if (code === '3D000') return new GlossError('validation', `${where}: no such database (${(err as Error).message})`);
  if (code === '28P01' || code === '28000') return new GlossError('validation', `${where}: PostgreSQL refused the sign-in (${(err as Error).message})`);
  return err;
}

export interface PostgresOptions {
  /** Connections the engine may hold at once. */
  maxConnections?: number;
}

/**
 * Opens a project on PostgreSQL: connects, migrates (refusing a database
 * that is not Gloss's or is newer), and returns the engine.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<StoreEngine> {
  const where = describeDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server closed must not bring the process down: the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, where);
      await installPgChangeLog(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw reachError(where, err);
  }

  const inTransaction = async <T>(begin: string, lock: boolean, fn: (repos: Repositories) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw reachError(where, err);
    }
    let broken = false;
    try {
      await client.query(begin);
      if (lock) await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const value = await fn(repositoriesOn(client));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw reachError(where, err);
    } finally {
      client.release(broken);
    }
  };

  return {
    kind: 'postgres',
    where,
    // One snapshot for the whole read, as SQLite's read transaction gives.
    read: (fn) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', false, fn),
    withTransaction: (fn) => inTransaction('BEGIN', true, fn),
    close: () => pool.end(),
  };
}
