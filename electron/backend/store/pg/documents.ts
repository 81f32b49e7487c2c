import type { ClientBase, Pool } from 'pg';
import { GlossError, type Block, type Document, type DocumentSummary, type SearchHit } from '../../../../shared/index.ts';
import { snippetFor } from '../../search/snippet.ts';
import { searchWords, toTsQuery } from '../../search/tsquery.ts';
import { toSummary, type DocumentStore, type NewDocument, type SummaryRow } from '../documents.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Async } from '../repository.ts';

/** A connection or a pool: what a repository runs its statements on (a transaction's client inside one). */
export type Queryable = Pick<ClientBase | Pool, 'query'>;

// `length` counts characters on both engines (SQLite's length() and PostgreSQL's), and the counts are ints on both.
const SUMMARY_COLUMNS = `d.id, d.name, d.title, d.metadata, d.content_hash, length(d.text) AS length, d.created_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id)::int AS annotation_count`;

/**
 * Documents and their full-text vector on PostgreSQL: the counterpart of
 * the SQLite engine's DocumentStore, returning the same shapes.
 */
export class PgDocumentStore implements Pick<Async<DocumentStore>, 'insert' | 'list' | 'get' | 'search'> {
  constructor(private readonly db: Queryable) {}

  /** Inserts a document with its search vector (title words weighted A, text words B). */
  async insert(doc: NewDocument): Promise<void> {
    const now = nowIso();
    await this.db.query(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, setweight(to_tsvector('simple', $9), 'A') || setweight(to_tsvector('simple', $10), 'B'))`,
      [doc.id, doc.name, doc.title, doc.text, JSON.stringify(doc.blocks), JSON.stringify(doc.metadata), doc.contentHash, now, searchWords(doc.title), searchWords(doc.text)],
    );
  }

  async list(): Promise<DocumentSummary[]> {
    const { rows } = await this.db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.created_at, d.seq`);
    return rows.map(toSummary);
  }

  async get(id: string): Promise<Document> {
    const { rows } = await this.db.query<SummaryRow & { text: string; blocks: string }>(`SELECT ${SUMMARY_COLUMNS}, d.text, d.blocks FROM documents d WHERE d.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new GlossError('not_found', `no document with id ${id}`);
    return { ...toSummary(row), text: row.text, blocks: parseJson<Block[]>(row.blocks) };
  }

  /**
   * Full-text search over titles and text, best matches first: the query
   * language of the SQLite engine (see `toTsQuery`), ranked with a title
   * word worth five text words as there (bm25(5.0, 1.0)).
   */
  async search(query: string, limit = 100): Promise<SearchHit[]> {
    const match = toTsQuery(query);
    if (!match) return [];
    const { rows } = await this.db.query<SummaryRow & { text: string }>(
      `SELECT ${SUMMARY_COLUMNS}, d.text FROM documents d, to_tsquery('simple', $1) q
       WHERE d.search @@ q ORDER BY ts_rank('{0, 0, 0.2, 1.0}', d.search, q) DESC, d.seq LIMIT $2`,
      [match, limit],
    );
    return rows.map((r) => ({ document: toSummary(r), snippet: snippetFor(r.text, query) }));
  }
}
