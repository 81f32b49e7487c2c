import { GlossError, type Block, type Document, type DocumentSummary, type SearchHit, type SourceMetadata } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';
import { toFtsQuery } from '../search/fts.ts';

/** A document ready to store, as an importer produces it. */
export interface NewDocument {
  id: string;
  name: string;
  title: string;
  text: string;
  blocks: Block[];
  metadata: SourceMetadata;
  contentHash: string;
}

export interface SummaryRow {
  id: string;
  name: string;
  title: string;
  metadata: string;
  content_hash: string;
  length: number;
  annotation_count: number;
  created_at: string;
}

const SUMMARY_COLUMNS = `d.id, d.name, d.title, d.metadata, d.content_hash, length(d.text) AS length, d.created_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotation_count`;

/** Documents and their full-text index. */
export class DocumentStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly idsStmt;
  private readonly listStmt;
  private readonly textStmt;
  private readonly dataVersionStmt;
  /**
   * The texts read last. A text changes only through {@link setText} (a new version), and every annotation
   * saved reads its document's text (a megabyte for a long one, most of a
   * save's time). Emptied when another connection commits (data_version).
   */
  private readonly texts = new Map<string, string>();
  private textsVersion = -1;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
       VALUES (@id, @name, @title, @text, @blocks, @metadata, @contentHash, @now, @now)`,
    );
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, d.text, d.blocks FROM documents d WHERE d.id = ?`);
    this.listStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.created_at, d.rowid`);
    this.idsStmt = db.prepare('SELECT id FROM documents ORDER BY created_at, rowid').pluck();
    this.textStmt = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
  }

  /** Inserts documents; the caller wraps a batch in a transaction. */
  insert(doc: NewDocument): void {
    this.insertStmt.run({
      ...doc,
      blocks: JSON.stringify(doc.blocks),
      metadata: JSON.stringify(doc.metadata),
      now: nowIso(),
    });
  }

  list(): DocumentSummary[] {
    return (this.listStmt.all() as SummaryRow[]).map(toSummary);
  }

  /**
   * The documents' ids in library order (as {@link list}), for callers that
   * read each document anyway: a summary's length and annotation count cost a
   * pass over every text and annotation.
   */
  /** Whether the project holds any document. */
  any(): boolean {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM documents) AS x').pluck().get() === 1;
  }

  ids(): string[] {
    return this.idsStmt.all() as string[];
  }

  get(id: string): Document {
    const row = this.getStmt.get(id) as (SummaryRow & { text: string; blocks: string }) | undefined;
    if (!row) throw new GlossError('not_found', `no document with id ${id}`);
    return { ...toSummary(row), text: row.text, blocks: parseJson<Block[]>(row.blocks) };
  }

  /** The text alone, for computing quotes without loading blocks. */
  text(id: string): string {
    const version = this.dataVersionStmt.get() as number;
    if (version !== this.textsVersion) {
      this.texts.clear();
      this.textsVersion = version;
    }
    const cached = this.texts.get(id);
    if (cached !== undefined) return cached;
    const text = this.textStmt.get(id) as string | undefined;
    if (text === undefined) throw new GlossError('not_found', `no document with id ${id}`);
    // Not kept from inside a transaction: a rollback could take the document away again.
    if (!this.db.inTransaction) {
      this.texts.set(id, text);
      if (this.texts.size > 4) this.texts.delete(this.texts.keys().next().value!);
    }
    return text;
  }

  /**
   * Replaces a document's title and text (a new version): the full-text index follows
   * by trigger. The caller wraps it in the transaction that moves the
   * annotations and records the version.
   */
  setText(id: string, next: { title: string; text: string; blocks: Block[]; metadata: SourceMetadata; contentHash: string }): void {
    this.texts.delete(id);
    const info = this.db
      .prepare('UPDATE documents SET title = ?, text = ?, blocks = ?, metadata = ?, content_hash = ?, modified_at = ? WHERE id = ?')
      .run(next.title, next.text, JSON.stringify(next.blocks), JSON.stringify(next.metadata), next.contentHash, nowIso(), id);
    if (info.changes === 0) throw new GlossError('not_found', `no document with id ${id}`);
  }

  /**
   * Changes a document's title and source metadata (outlet, author, date,
   * URL, language). A metadata field given as '' is removed. The text never
   * changes. Returns the document's summary after the change.
   */
  update(id: string, changes: { title?: string | undefined; metadata?: Partial<SourceMetadata> | undefined }): DocumentSummary {
    const { title, metadata } = changedSummary(this.summary(id), changes);
    this.db.prepare('UPDATE documents SET title = ?, metadata = ?, modified_at = ? WHERE id = ?').run(title, JSON.stringify(metadata), nowIso(), id);
    return this.summary(id);
  }

  /** One document's summary, without its text. */
  summary(id: string): DocumentSummary {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`).get(id) as SummaryRow | undefined;
    if (!row) throw new GlossError('not_found', `no document with id ${id}`);
    return toSummary(row);
  }

  delete(id: string): void {
    this.texts.delete(id);
    const info = this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    if (info.changes === 0) throw new GlossError('not_found', `no document with id ${id}`);
  }

  /**
   * Full-text search over titles and text, best matches first. The query
   * language (phrases, OR, NOT, prefixes, title:/text:) is parsed and mapped
   * to FTS5 by `toFtsQuery`; a malformed query is a validation error.
   */
  search(query: string, limit = 100): SearchHit[] {
    const match = toFtsQuery(query);
    if (!match) return [];
    // Ranked through FTS5's rank column: FTS5 then sorts the matches itself and the snippet
    // and summary are computed for the rows returned only. With ORDER BY bm25(…) SQLite computed
    // them for every match first: a quarter of a second for a common word in 100,000 documents.
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, snippet(documents_fts, 1, char(57344), char(57345), '…', 16) AS snippet
         FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
         WHERE documents_fts MATCH ? AND rank MATCH 'bm25(5.0, 1.0)' ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as (SummaryRow & { snippet: string })[];
    return rows.map((r) => ({ document: toSummary(r), snippet: r.snippet }));
  }
}

/**
 * A document's title and metadata after a change: a metadata field given as
 * '' is removed, values are trimmed, and the title may not become empty.
 */
export function changedSummary(
  current: DocumentSummary,
  changes: { title?: string | undefined; metadata?: Partial<SourceMetadata> | undefined },
): { title: string; metadata: SourceMetadata } {
  const metadata: SourceMetadata = { ...current.metadata };
  for (const [key, value] of Object.entries(changes.metadata ?? {}) as [keyof SourceMetadata, string | undefined][]) {
    if (value === undefined) continue;
    if (value.trim() === '') delete metadata[key];
    else metadata[key] = value.trim();
  }
  const title = changes.title !== undefined ? changes.title.trim() : current.title;
  if (!title) throw new GlossError('validation', 'a document needs a title');
  return { title, metadata };
}

export function toSummary(r: SummaryRow): DocumentSummary {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    metadata: parseJson<SourceMetadata>(r.metadata),
    contentHash: r.content_hash,
    length: r.length,
    annotationCount: r.annotation_count,
    createdAt: r.created_at,
  };
}
