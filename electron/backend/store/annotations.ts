import { randomUUID } from 'node:crypto';
import {
  GlossError,
  normalizeRanges,
  quoteOf,
  type Annotation,
  type AttributeValue,
  type TextRange,
} from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';

export interface AnnotationRow {
  id: string;
  document_id: string;
  label_id: string;
  ranges: string;
  quote: string;
  prefix: string;
  suffix: string;
  attributes: string;
  note: string;
  annotator: string;
  created_at: string;
  modified_at: string;
  anchor?: 'placed' | 'changed' | 'orphaned';
}

export interface NewAnnotation {
  id?: string;
  documentId: string;
  ranges: TextRange[];
  labelId: string;
  attributes?: Record<string, AttributeValue>;
  note?: string;
  annotator: string;
  createdAt?: string;
  modifiedAt?: string;
}

/** Annotations: spans of a document's text with a label. Overlaps and nesting are allowed. */
export class AnnotationStore {
  private readonly insertStmt;
  private readonly getStmt;
  private byDocumentStmt: Statement | undefined;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO annotations (id, document_id, label_id, ranges, start_offset, end_offset, quote, prefix, suffix,
         attributes, note, annotator, created_at, modified_at)
       VALUES (@id, @documentId, @labelId, @ranges, @start, @end, @quote, @prefix, @suffix,
         @attributes, @note, @annotator, @createdAt, @modifiedAt)`,
    );
    this.getStmt = db.prepare('SELECT * FROM annotations WHERE id = ?');

  }

  /** The id of an annotation of `annotator` with this label on exactly these ranges, if there is one. */
  findSameSpan(documentId: string, annotator: string, labelId: string, ranges: readonly TextRange[]): string | undefined {
    return this.db
      .prepare('SELECT id FROM annotations WHERE document_id = ? AND annotator = ? AND label_id = ? AND ranges = ?')
      .pluck()
      .get(documentId, annotator, labelId, JSON.stringify(ranges)) as string | undefined;
  }

  /** The annotations placed on the document's current text (orphans left out: see `versions.review`). */
  listByDocument(documentId: string): Annotation[] {
    // Orphans (their text is gone in the current version) are not on the text: they are listed for review only.
    // Prepared on first use, so that a project opened at an older schema (in migration tests) can still be built.
    this.byDocumentStmt ??= this.db.prepare(
      "SELECT * FROM annotations WHERE document_id = ? AND anchor <> 'orphaned' ORDER BY start_offset, end_offset DESC, rowid",
    );
    return (this.byDocumentStmt.all(documentId) as AnnotationRow[]).map(toAnnotation);
  }

  get(id: string): Annotation {
    const row = this.getStmt.get(id) as AnnotationRow | undefined;
    if (!row) throw new GlossError('not_found', `no annotation with id ${id}`);
    return toAnnotation(row);
  }

  /** Validates ranges against the document's text and stores the annotation with its quote and context. */
  create(a: NewAnnotation, text: string): Annotation {
    return this.get(this.add(a, text));
  }

  /** {@link create} without reading the row back: for bulk writers (imports, merges) that need only the id. */
  add(a: NewAnnotation, text: string): string {
    const ranges = checkRanges(a.ranges, text);
    const { quote, prefix, suffix } = quoteOf(text, ranges);
    const now = nowIso();
    const id = a.id ?? randomUUID();
    try {
      this.insertStmt.run({
        id,
        documentId: a.documentId,
        labelId: a.labelId,
        ranges: JSON.stringify(ranges),
        start: ranges[0]!.start,
        end: ranges[ranges.length - 1]!.end,
        quote,
        prefix,
        suffix,
        attributes: JSON.stringify(a.attributes ?? {}),
        note: a.note ?? '',
        annotator: a.annotator,
        createdAt: a.createdAt ?? now,
        modifiedAt: a.modifiedAt ?? now,
      });
    } catch (err) {
      if (String(err).includes('UNIQUE constraint failed')) throw new GlossError('conflict', `an annotation with id ${id} already exists`);
      throw err;
    }
    return id;
  }

  update(
    id: string,
    changes: { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string; ranges?: TextRange[] },
    text: () => string,
  ): Annotation {
    const cur = this.get(id);
    const ranges = changes.ranges ? checkRanges(changes.ranges, text()) : cur.ranges;
    const q = changes.ranges ? quoteOf(text(), ranges) : cur;
    this.db
      .prepare(
        `UPDATE annotations SET label_id = ?, attributes = ?, note = ?, ranges = ?, start_offset = ?, end_offset = ?,
           quote = ?, prefix = ?, suffix = ?, modified_at = ?, anchor = CASE WHEN ? THEN 'placed' ELSE anchor END WHERE id = ?`,
      )
      .run(
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
        // New ranges place the annotation on the current text: an orphan is drawn again, a changed one is reviewed.
        changes.ranges ? 1 : 0,
        id,
      );
    return this.get(id);
  }

  delete(id: string): Annotation {
    const cur = this.get(id);
    if (!this.hasStandoff()) {
      this.db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
      return cur;
    }
    // Events triggered by it go with it (ON DELETE CASCADE); references to either in other events' arguments and in equivalences must go too.
    const gone = [id, ...(this.db.prepare('SELECT id FROM events WHERE trigger_id = ?').pluck().all(id) as string[])];
    this.db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
    const like = (column: string) => gone.map(() => `${column} LIKE ?`).join(' OR ');
    const patterns = gone.map((g) => `%${g}%`);
    const events = this.db.prepare(`SELECT id, args FROM events WHERE document_id = ? AND (${like('args')})`).all(cur.documentId, ...patterns) as { id: string; args: string }[];
    const sets = this.db.prepare(`SELECT id, members FROM equivalences WHERE document_id = ? AND (${like('members')})`).all(cur.documentId, ...patterns) as { id: string; members: string }[];
    const pruned = pruneReferences(new Set(gone), events, sets);
    for (const e of pruned.events) this.db.prepare('UPDATE events SET args = ? WHERE id = ?').run(e.args, e.id);
    for (const q of pruned.sets) this.db.prepare('UPDATE equivalences SET members = ? WHERE id = ?').run(q.members, q.id);
    for (const q of pruned.emptySets) this.db.prepare('DELETE FROM equivalences WHERE id = ?').run(q);
    return cur;
  }

  private standoff: boolean | undefined;

  /** Whether the schema has events and equivalences (migration 004; a test may open a project at an older schema). */
  private hasStandoff(): boolean {
    this.standoff ??= Boolean(this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get());
    return this.standoff;
  }
}

/**
 * Event arguments and equivalence members that name a deleted annotation or
 * event, left out: what stays changed, and the equivalences left with fewer
 * than two members (brat's `*` needs two), which go. Both engines use it.
 */
export function pruneReferences(
  gone: ReadonlySet<string>,
  events: readonly { id: string; args: string }[],
  sets: readonly { id: string; members: string }[],
): { events: { id: string; args: string }[]; sets: { id: string; members: string }[]; emptySets: string[] } {
  const out = { events: [] as { id: string; args: string }[], sets: [] as { id: string; members: string }[], emptySets: [] as string[] };
  for (const e of events) {
    const args = JSON.parse(e.args) as { role: string; ref: string }[];
    const kept = args.filter((a) => !gone.has(a.ref));
    if (kept.length !== args.length) out.events.push({ id: e.id, args: JSON.stringify(kept) });
  }
  for (const q of sets) {
    const members = JSON.parse(q.members) as string[];
    const kept = members.filter((m) => !gone.has(m));
    if (kept.length === members.length) continue;
    if (kept.length < 2) out.emptySets.push(q.id);
    else out.sets.push({ id: q.id, members: JSON.stringify(kept) });
  }
  return out;
}

/**
 * Sorted, merged ranges that lie within the text and start and end between
 * characters; a clear error otherwise. Offsets count UTF-16 code units, so an
 * offset can fall inside a surrogate pair (an emoji, a flag's regional
 * indicator): such a range would cut a character in half and is refused.
 */
export function checkRanges(ranges: readonly TextRange[], text: string): TextRange[] {
  for (const r of ranges) {
    if (r.end > text.length) throw new GlossError('validation', `range [${r.start}, ${r.end}) is past the end of the text (length ${text.length})`);
    if (r.end <= r.start) throw new GlossError('validation', `range [${r.start}, ${r.end}) is empty`);
    for (const [which, offset] of [['start', r.start], ['end', r.end]] as const) {
      if (splitsSurrogatePair(text, offset)) {
        const character = text.slice(offset - 1, offset + 1);
        throw new GlossError(
          'validation',
          `range [${r.start}, ${r.end}): its ${which} (${offset}) falls inside the character "${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase()}, UTF-16 offsets ${offset - 1}–${offset + 1}); ranges must start and end between characters`,
        );
      }
    }
  }
  const merged = normalizeRanges(ranges);
  if (!merged.length) throw new GlossError('validation', 'an annotation needs at least one range');
  return merged;
}

export function toAnnotation(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    documentId: r.document_id,
    labelId: r.label_id,
    ranges: parseJson<TextRange[]>(r.ranges),
    quote: r.quote,
    prefix: r.prefix,
    suffix: r.suffix,
    attributes: parseJson<Record<string, AttributeValue>>(r.attributes),
    note: r.note,
    annotator: r.annotator,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
    ...(r.anchor === 'changed' || r.anchor === 'orphaned' ? { anchor: r.anchor } : {}),
  };
}

/** True when `offset` lies between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
