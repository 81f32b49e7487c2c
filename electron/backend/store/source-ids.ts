import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/** An id a format gave a record, and what else the format carried there. */
export interface SourceId {
  owner: string;
  part: string;
  sourceId: string;
  extra?: unknown;
}

export interface SourceIdRow {
  owner: string;
  part: string;
  source_id: string;
  extra: string | null;
}

/**
 * The ids that formats gave records (table `source_ids`, migration 005), so
 * that an export writes them again: brat's T1 and R4, Label Studio's region
 * ids, REFI-QDA guids. Keyed by scheme (the format), owner (the Gloss id)
 * and part (several ids on one owner, e.g. one per attribute).
 */
export class SourceIdStore {
  constructor(private readonly db: Db) {}

  /** Records ids (replacing those the same owner and part had). */
  put(scheme: string, documentId: string | null, ids: readonly SourceId[]): void {
    const st = cachedStatement(
      this.db,
      'INSERT INTO source_ids (scheme, owner, part, source_id, document_id, extra) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scheme, owner, part) DO UPDATE SET source_id = excluded.source_id, document_id = excluded.document_id, extra = excluded.extra',
    );
    for (const x of ids) st.run(scheme, x.owner, x.part, x.sourceId, documentId, x.extra === undefined ? null : JSON.stringify(x.extra));
  }

  /** Every id of a scheme in a document, by `owner|part`. */
  byDocument(scheme: string, documentId: string): Map<string, SourceId> {
    const rows = cachedStatement(this.db, 'SELECT owner, part, source_id, extra FROM source_ids WHERE document_id = ? AND scheme = ?').all(documentId, scheme) as SourceIdRow[];
    return toMap(rows);
  }

  /** Project-wide ids of a scheme (entities, propositions, labels, the project itself), by `owner|part`. */
  global(scheme: string): Map<string, SourceId> {
    const rows = cachedStatement(this.db, 'SELECT owner, part, source_id, extra FROM source_ids WHERE document_id IS NULL AND scheme = ?').all(scheme) as SourceIdRow[];
    return toMap(rows);
  }
}

/** The map key of an owner's part. */
export function sourceKey(owner: string, part = ''): string {
  return `${owner}|${part}`;
}

export function toMap(rows: readonly SourceIdRow[]): Map<string, SourceId> {
  return new Map(rows.map((r) => [sourceKey(r.owner, r.part), { owner: r.owner, part: r.part, sourceId: r.source_id, ...(r.extra !== null ? { extra: JSON.parse(r.extra) as unknown } : {}) }]));
}
