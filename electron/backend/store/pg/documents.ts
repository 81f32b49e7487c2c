import type { ClientBase, Pool } from 'pg';
import { GlossError, matchesQuery, searchTokens, tokenizeFields, type Block, type Document, type DocumentSummary, type SearchHit, type SourceMetadata } from '../../../../shared/index.ts';
import { snippetFor } from '../../search/snippet.ts';
import { parseQuery } from '../../search/fts.ts';
import { searchWords, TSVECTOR_MAX_POSITION, tsQueryOf } from '../../search/tsquery.ts';
import { changedSummary, toSummary, type DocumentStore, type NewDocument, type SummaryRow } from '../documents.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Async } from '../repository.ts';

/** A connection or a pool: what a repository runs its statements on (a transaction's client inside one). */
export type Queryable = Pick<ClientBase | Pool, 'query'>;

// `length` counts characters on both engines (SQLite's length() and PostgreSQL's), and the counts are ints on both.
const SUMMARY_COLUMNS = `d.id, d.name, d.title, d.metadata, d.content_hash, length(d.text) AS length, d.created_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id)::int AS annotation_count`;

/** The search vector from the title's words (parameter `title`, weight A) and the text's (parameter `text`, weight B). */
function vector(title: number, text: number): string {
  return `setweight(to_tsvector('simple', $${title}), 'A') || setweight(to_tsvector('simple', $${text}), 'B')`;
}

/** Words in the vector: past TSVECTOR_MAX_POSITION PostgreSQL no longer keeps their places. */
function wordCount(title: string, text: string): number {
  return searchTokens(title).length + searchTokens(text).length;
}

/**
 * Documents and their full-text vector on PostgreSQL: the counterpart of
 * the SQLite engine's DocumentStore, returning the same shapes.
 */
export class PgDocumentStore implements Async<DocumentStore> {
  constructor(private readonly db: Queryable) {}

  /** Inserts a document with its search vector (title words weighted A, text words B). */
  async insert(doc: NewDocument): Promise<void> {
    const now = nowIso();
    await this.db.query(
      `INSERT INTO documents (id, name, title, text, blocks, metadata, content_hash, created_at, modified_at, search, search_words)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, ${vector(9, 10)}, $11)`,
      [doc.id, doc.name, doc.title, doc.text, JSON.stringify(doc.blocks), JSON.stringify(doc.metadata), doc.contentHash, now, searchWords(doc.title), searchWords(doc.text), wordCount(doc.title, doc.text)],
    );
  }

  async any(): Promise<boolean> {
    const { rows } = await this.db.query<{ x: boolean }>('SELECT EXISTS (SELECT 1 FROM documents) AS x');
    return rows[0]!.x;
  }

  async ids(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM documents ORDER BY created_at, seq');
    return rows.map((r) => r.id);
  }

  /** The text alone. Read each time: other servers may change it, and PostgreSQL has no cheap "changed since" as SQLite's data_version. */
  async text(id: string): Promise<string> {
    const { rows } = await this.db.query<{ text: string }>('SELECT text FROM documents WHERE id = $1', [id]);
    if (!rows[0]) throw new GlossError('not_found', `no document with id ${id}`);
    return rows[0].text;
  }

  async summary(id: string): Promise<DocumentSummary> {
    const { rows } = await this.db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = $1`, [id]);
    if (!rows[0]) throw new GlossError('not_found', `no document with id ${id}`);
    return toSummary(rows[0]);
  }

  /** A new version's title and text; the search vector is rewritten with them. */
  async setText(id: string, next: { title: string; text: string; blocks: Block[]; metadata: SourceMetadata; contentHash: string }): Promise<void> {
    const res = await this.db.query(
      `UPDATE documents SET title = $1, text = $2, blocks = $3, metadata = $4, content_hash = $5, modified_at = $6,
         search = ${vector(7, 8)}, search_words = $10 WHERE id = $9`,
      [next.title, next.text, JSON.stringify(next.blocks), JSON.stringify(next.metadata), next.contentHash, nowIso(), searchWords(next.title), searchWords(next.text), id, wordCount(next.title, next.text)],
    );
    if (!res.rowCount) throw new GlossError('not_found', `no document with id ${id}`);
  }

  async update(id: string, changes: { title?: string | undefined; metadata?: Partial<SourceMetadata> | undefined }): Promise<DocumentSummary> {
    const current = await this.summary(id);
    const { title, metadata } = changedSummary(current, changes);
    if (title === current.title) {
      await this.db.query('UPDATE documents SET metadata = $1, modified_at = $2 WHERE id = $3', [JSON.stringify(metadata), nowIso(), id]);
    } else {
      // A new title: the vector is written again from the title and the text (positions start afresh).
      const text = await this.text(id);
      await this.db.query(
        `UPDATE documents SET title = $1, metadata = $2, modified_at = $3, search = ${vector(4, 5)}, search_words = $6 WHERE id = $7`,
        [title, JSON.stringify(metadata), nowIso(), searchWords(title), searchWords(text), wordCount(title, text), id],
      );
    }
    return this.summary(id);
  }

  async delete(id: string): Promise<void> {
    const res = await this.db.query('DELETE FROM documents WHERE id = $1', [id]);
    if (!res.rowCount) throw new GlossError('not_found', `no document with id ${id}`);
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
   * word worth five text words as there (bm25(5.0, 1.0)). In documents too
   * long for PostgreSQL to keep word positions, phrases and NOT are checked
   * word by word on the text, so that every document FTS5 would find is found.
   */
  async search(query: string, limit = 100): Promise<SearchHit[]> {
    const tree = parseQuery(query);
    if (!tree) return [];
    const { rows } = await this.db.query<{ id: string; long: boolean }>(
      `SELECT d.id, d.search_words > $3 AS long FROM documents d, to_tsquery('simple', $1) q, to_tsquery('simple', $2) l
       WHERE CASE WHEN d.search_words > $3 THEN d.search @@ l ELSE d.search @@ q END
       ORDER BY ts_rank('{0, 0, 0.2, 1.0}', d.search, q) DESC, d.seq`,
      [tsQueryOf(tree), tsQueryOf(tree, { loose: true }), TSVECTOR_MAX_POSITION],
    );
    const ids: string[] = [];
    for (const row of rows) {
      if (ids.length >= limit) break;
      if (row.long) {
        const doc = await this.db.query<{ title: string; text: string }>('SELECT title, text FROM documents WHERE id = $1', [row.id]);
        const d = doc.rows[0];
        if (!d || !matchesQuery(tree, tokenizeFields({ title: [d.title], text: [d.text] }), ['title', 'text'])) continue;
      }
      ids.push(row.id);
    }
    if (!ids.length) return [];
    const found = await this.db.query<SummaryRow & { text: string }>(`SELECT ${SUMMARY_COLUMNS}, d.text FROM documents d WHERE d.id = ANY($1)`, [ids]);
    const byId = new Map(found.rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ document: toSummary(r), snippet: snippetFor(r.text, query) }] : [];
    });
  }
}
