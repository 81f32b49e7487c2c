import { randomUUID } from 'node:crypto';
import { GlossError, quoteOf, type Annotation, type AttributeValue, type TextRange } from '../../../../shared/index.ts';
import { checkRanges, pruneReferences, toAnnotation, type AnnotationRow, type AnnotationStore, type NewAnnotation } from '../annotations.ts';
import { nowIso } from '../json.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';
import { isPgError, UNIQUE_VIOLATION } from './query.ts';

/** Annotations on PostgreSQL: the counterpart of the SQLite engine's AnnotationStore, with the same rules and shapes. */
export class PgAnnotationStore implements Async<AnnotationStore> {
  constructor(private readonly db: Queryable) {}

  async findSameSpan(documentId: string, annotator: string, labelId: string, ranges: readonly TextRange[]): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM annotations WHERE document_id = $1 AND annotator = $2 AND label_id = $3 AND ranges = $4 LIMIT 1', [
      documentId,
      annotator,
      labelId,
      JSON.stringify(ranges),
    ]);
    return rows[0]?.id;
  }

  async listByDocument(documentId: string): Promise<Annotation[]> {
    const { rows } = await this.db.query<AnnotationRow>(
      "SELECT * FROM annotations WHERE document_id = $1 AND anchor <> 'orphaned' ORDER BY start_offset, end_offset DESC, seq",
      [documentId],
    );
    return rows.map(toAnnotation);
  }

  async get(id: string): Promise<Annotation> {
    const { rows } = await this.db.query<AnnotationRow>('SELECT * FROM annotations WHERE id = $1', [id]);
    if (!rows[0]) throw new GlossError('not_found', `no annotation with id ${id}`);
    return toAnnotation(rows[0]);
  }

  async create(a: NewAnnotation, text: string): Promise<Annotation> {
    return this.get(await this.add(a, text));
  }

  async add(a: NewAnnotation, text: string): Promise<string> {
    const ranges = checkRanges(a.ranges, text);
    const { quote, prefix, suffix } = quoteOf(text, ranges);
    const now = nowIso();
    const id = a.id ?? randomUUID();
    try {
      await this.db.query(
        `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix, attributes, note, annotator, created_at, modified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          a.documentId,
          a.labelId,
          JSON.stringify(ranges),
          ranges[0]!.start,
          ranges[ranges.length - 1]!.end,
          quote,
          prefix,
          suffix,
          JSON.stringify(a.attributes ?? {}),
          a.note ?? '',
          a.annotator,
          a.createdAt ?? now,
          a.modifiedAt ?? now,
        ],
      );
    } catch (err) {
      if (isPgError(err, UNIQUE_VIOLATION)) throw new GlossError('conflict', `an annotation with id ${id} already exists`);
      throw err;
    }
    return id;
  }

  async update(
    id: string,
    changes: { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string; ranges?: TextRange[] },
    text: () => string,
  ): Promise<Annotation> {
    const cur = await this.get(id);
    const ranges = changes.ranges ? checkRanges(changes.ranges, text()) : cur.ranges;
    const q = changes.ranges ? quoteOf(text(), ranges) : cur;
    await this.db.query(
      `UPDATE annotations SET label_id = $1, attributes = $2, note = $3, ranges = $4, start_offset = $5, end_offset = $6,
         quote = $7, prefix = $8, suffix = $9, modified_at = $10, anchor = CASE WHEN $11 THEN 'placed' ELSE anchor END WHERE id = $12`,
      [
        changes.labelId ?? cur.labelId,
        JSON.stringify(changes.attributes ?? cur.attributes),
        changes.note ?? cur.note,
        JSON.stringify(ranges),
        ranges[0]!.start,
        ranges[ranges.length - 1]!.end,
        q.quote,
        q.prefix,
        q.suffix,
        nowIso(),
        // New ranges place the annotation on the current text, as on SQLite.
        changes.ranges !== undefined,
        id,
      ],
    );
    return this.get(id);
  }

  async delete(id: string): Promise<Annotation> {
    const cur = await this.get(id);
    // As on SQLite: references to it, and to the events it triggered, leave other events' arguments and equivalences.
    const triggered = await this.db.query<{ id: string }>('SELECT id FROM events WHERE trigger_id = $1', [id]);
    const gone = [id, ...triggered.rows.map((r) => r.id)];
    await this.db.query('DELETE FROM annotations WHERE id = $1', [id]);
    const patterns = gone.map((g) => `%${g}%`);
    const events = await this.db.query<{ id: string; args: string }>('SELECT id, args::text AS args FROM events WHERE document_id = $1 AND args::text LIKE ANY($2)', [cur.documentId, patterns]);
    const sets = await this.db.query<{ id: string; members: string }>('SELECT id, members::text AS members FROM equivalences WHERE document_id = $1 AND members::text LIKE ANY($2)', [cur.documentId, patterns]);
    const pruned = pruneReferences(new Set(gone), events.rows, sets.rows);
    for (const e of pruned.events) await this.db.query('UPDATE events SET args = $1 WHERE id = $2', [e.args, e.id]);
    for (const q of pruned.sets) await this.db.query('UPDATE equivalences SET members = $1 WHERE id = $2', [q.members, q.id]);
    for (const q of pruned.emptySets) await this.db.query('DELETE FROM equivalences WHERE id = $1', [q]);
    return cur;
  }
}
