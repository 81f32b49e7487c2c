import { GlossError, type AnchorStatus, type Block, type DocumentVersion, type DocumentVersionText, type TextRange, type VersionSource } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { parseJson } from './json.ts';
import { cachedStatement } from './statements.ts';

/** A version to store. */
export interface NewVersion {
  documentId: string;
  version: number;
  title: string;
  text: string;
  blocks: Block[];
  summary: string;
  annotator: string;
  source: VersionSource;
  createdAt: string;
}

/** What one update did to one annotation, as recorded. */
export interface AnchorRecord {
  annotationId: string;
  status: AnchorStatus;
  oldRanges: TextRange[];
  newRanges: TextRange[] | null;
  oldQuote: string;
  newQuote: string | null;
}

export interface VersionRow {
  document_id: string;
  version: number;
  title: string;
  summary: string;
  annotator: string;
  source: VersionSource;
  created_at: string;
  length: number;
}

/**
 * The stored versions of documents' texts and what each update did to the
 * annotations. Rows exist from a document's first update on; a document
 * never updated has one version, its text as imported, read from the
 * document itself (see {@link listVersions}).
 */
export class VersionStore {
  constructor(private readonly db: Db) {}

  /** The stored versions, oldest first (none for a document never updated). */
  list(documentId: string): Omit<DocumentVersion, 'current'>[] {
    const rows = cachedStatement(
      this.db,
      `SELECT document_id, version, title, summary, annotator, source, created_at, length(text) AS length
       FROM document_versions WHERE document_id = ? ORDER BY version`,
    ).all(documentId) as VersionRow[];
    return rows.map((r) => ({ documentId: r.document_id, version: r.version, title: r.title, summary: r.summary, annotator: r.annotator, source: r.source, createdAt: r.created_at, length: r.length }));
  }

  /** The latest stored version number, 0 when none is stored. */
  latest(documentId: string): number {
    const row = cachedStatement(this.db, 'SELECT max(version) AS v FROM document_versions WHERE document_id = ?').get(documentId) as { v: number | null };
    return row.v ?? 0;
  }

  get(documentId: string, version: number): Omit<DocumentVersionText, 'current'> | undefined {
    const row = cachedStatement(
      this.db,
      `SELECT document_id, version, title, summary, annotator, source, created_at, length(text) AS length, text, blocks
       FROM document_versions WHERE document_id = ? AND version = ?`,
    ).get(documentId, version) as (VersionRow & { text: string; blocks: string }) | undefined;
    if (!row) return undefined;
    return {
      documentId: row.document_id, version: row.version, title: row.title, summary: row.summary, annotator: row.annotator,
      source: row.source, createdAt: row.created_at, length: row.length, text: row.text, blocks: parseJson<Block[]>(row.blocks),
    };
  }

  insert(v: NewVersion): void {
    try {
      cachedStatement(
        this.db,
        `INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(v.documentId, v.version, v.title, v.text, JSON.stringify(v.blocks), v.summary, v.annotator, v.source, v.createdAt);
    } catch (err) {
      if (String(err).includes('UNIQUE constraint failed')) throw new GlossError('conflict', `document ${v.documentId} already has a version ${v.version}`);
      throw err;
    }
  }

  /** Records what the update to `version` did to each annotation. */
  recordAnchors(documentId: string, version: number, records: readonly AnchorRecord[]): void {
    const stmt = cachedStatement(
      this.db,
      `INSERT INTO annotation_anchors (annotation_id, document_id, version, status, old_ranges, new_ranges, old_quote, new_quote)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of records) {
      stmt.run(r.annotationId, documentId, version, r.status, JSON.stringify(r.oldRanges), r.newRanges ? JSON.stringify(r.newRanges) : null, r.oldQuote, r.newQuote);
    }
  }

  /** What the update to `version` did, per annotation still in the project. */
  anchors(documentId: string, version: number): AnchorRecord[] {
    const rows = cachedStatement(
      this.db,
      'SELECT annotation_id, status, old_ranges, new_ranges, old_quote, new_quote FROM annotation_anchors WHERE document_id = ? AND version = ?',
    ).all(documentId, version) as { annotation_id: string; status: AnchorStatus; old_ranges: string; new_ranges: string | null; old_quote: string; new_quote: string | null }[];
    return rows.map((r) => ({
      annotationId: r.annotation_id,
      status: r.status,
      oldRanges: parseJson<TextRange[]>(r.old_ranges),
      newRanges: r.new_ranges === null ? null : parseJson<TextRange[]>(r.new_ranges),
      oldQuote: r.old_quote,
      newQuote: r.new_quote,
    }));
  }

  /** The latest record of each of these annotations that left it changed or orphaned (for the review list). */
  lastReviewRecord(annotationId: string): { version: number; oldQuote: string } | undefined {
    const row = cachedStatement(
      this.db,
      `SELECT version, old_quote FROM annotation_anchors WHERE annotation_id = ? AND status IN ('changed', 'orphaned') ORDER BY version DESC LIMIT 1`,
    ).get(annotationId) as { version: number; old_quote: string } | undefined;
    return row ? { version: row.version, oldQuote: row.old_quote } : undefined;
  }
}
