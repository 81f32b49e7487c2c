import type { SuggestionRange } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso } from './json.ts';
import { cachedStatement } from './statements.ts';

/** A stored rejection, with when it was made. */
export interface RejectionRow {
  labelId: string;
  start: number;
  end: number;
  quote: string;
  rejectedAt: string;
}

/**
 * Suggestions the user rejected, per document. Statements are prepared on
 * use, not in the constructor, so a project opened with an older prefix of
 * the migrations (as the migration tests do) still opens.
 */
export class SuggestionRejectionStore {
  constructor(private readonly db: Db) {}

  /** Remembers a rejection; rejecting twice is harmless. */
  add(r: SuggestionRange, quote: string): void {
    this.db
      .prepare(
        `INSERT INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(r.documentId, r.labelId, r.start, r.end, quote, nowIso());
  }

  /** Forgets a rejection; true when there was one. */
  remove(r: SuggestionRange): boolean {
    const info = this.db
      .prepare('DELETE FROM suggestion_rejections WHERE document_id = ? AND label_id = ? AND start_offset = ? AND end_offset = ?')
      .run(r.documentId, r.labelId, r.start, r.end);
    return info.changes > 0;
  }

  /** The rejections of one document as `labelId:start:end` keys (see {@link rejectionKey}). */
  keysOf(documentId: string): Set<string> {
    const rows = this.db
      .prepare('SELECT label_id, start_offset, end_offset FROM suggestion_rejections WHERE document_id = ?')
      .all(documentId) as { label_id: string; start_offset: number; end_offset: number }[];
    return new Set(rows.map((r) => rejectionKey(r.label_id, r.start_offset, r.end_offset)));
  }

  /** The rejections of one document, in storage order. */
  listOf(documentId: string): RejectionRow[] {
    const rows = cachedStatement(this.db, 'SELECT label_id, start_offset, end_offset, quote, rejected_at FROM suggestion_rejections WHERE document_id = ?').all(documentId) as {
      label_id: string;
      start_offset: number;
      end_offset: number;
      quote: string;
      rejected_at: string;
    }[];
    return rows.map((r) => ({ labelId: r.label_id, start: r.start_offset, end: r.end_offset, quote: r.quote, rejectedAt: r.rejected_at }));
  }

  /** Replaces the rejections of one document with `rows` (when its text changed); duplicates are kept once. */
  replaceAll(documentId: string, rows: readonly RejectionRow[]): void {
    cachedStatement(this.db, 'DELETE FROM suggestion_rejections WHERE document_id = ?').run(documentId);
    const insert = cachedStatement(
      this.db,
      'INSERT OR IGNORE INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(documentId, r.labelId, r.start, r.end, r.quote, r.rejectedAt);
  }
}

/** The key a rejection is looked up by within one document. */
export function rejectionKey(labelId: string, start: number, end: number): string {
  return `${labelId}:${start}:${end}`;
}
