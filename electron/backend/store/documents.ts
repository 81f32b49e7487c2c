import { GlossError, type Block, type Document, type DocumentSummary, type SearchHit, type SourceMetadata } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';

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

interface SummaryRow {
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
  private readonly listStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at)
       VALUES (@id, @name, @title, @text, @blocks, @metadata, @contentHash, @now, @now)`,
    );
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, d.text, d.blocks FROM documents d WHERE d.id = ?`);
    this.listStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.created_at, d.rowid`);
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

  get(id: string): Document {
    const row = this.getStmt.get(id) as (SummaryRow & { text: string; blocks: string }) | undefined;
    if (!row) throw new GlossError('not_found', `no document with id ${id}`);
    return { ...toSummary(row), text: row.text, blocks: parseJson<Block[]>(row.blocks) };
  }

  /** The text alone, for computing quotes without loading blocks. */
  text(id: string): string {
    const row = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
    if (!row) throw new GlossError('not_found', `no document with id ${id}`);
    return row.text;
  }

  delete(id: string): void {
    const info = this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    if (info.changes === 0) throw new GlossError('not_found', `no document with id ${id}`);
  }

  /** Full-text search over titles and text, best matches first. */
  search(query: string, limit = 100): SearchHit[] {
    const match = toFtsQuery(query);
    if (!match) return [];
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, snippet(documents_fts, 1, char(57344), char(57345), '…', 16) AS snippet
         FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
         WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 5.0, 1.0) LIMIT ?`,
      )
      .all(match, limit) as (SummaryRow & { snippet: string })[];
    return rows.map((r) => ({ document: toSummary(r), snippet: r.snippet }));
  }
}

function toSummary(r: SummaryRow): DocumentSummary {
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

/**
 * Turns what a user types into a safe FTS5 query: `"quoted phrases"` stay
 * phrases, other words are ANDed, and the last word matches as a prefix.
 * FTS5 operators typed by the user are treated as plain words.
 */
export function toFtsQuery(input: string): string {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    const phrase = m[1];
    if (phrase !== undefined) {
      const words = tokens(phrase);
      if (words.length) parts.push(`"${words.join(' ')}"`);
    } else {
      for (const w of tokens(m[2] ?? '')) parts.push(`"${w}"`);
    }
  }
  if (!parts.length) return '';
  const last = parts[parts.length - 1]!;
  if (!input.trimEnd().endsWith('"') && !last.includes(' ')) parts[parts.length - 1] = `${last}*`;
  return parts.join(' AND ');
}

function tokens(s: string): string[] {
  return s.split(/[^\p{L}\p{N}\p{M}_]+/u).filter(Boolean);
}
