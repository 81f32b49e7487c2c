import { randomUUID } from 'node:crypto';
import {
  DEFAULT_STANCE,
  DEFAULT_STANCE_VALUES,
  GlossError,
  type ClaimAttribution,
  type ClaimLink,
  type DocumentStance,
  type StanceSet,
} from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso, parseJson } from './json.ts';
import { putSetting, settingValue } from './setting-values.ts';
import { cachedStatement } from './statements.ts';
import { writeTransaction } from './transaction.ts';

/** A claim link row with its annotation's document and its proposition's text, as both engines return it. */
export interface ClaimRow {
  id: string;
  annotation_id: string;
  document_id: string;
  proposition_id: string;
  proposition_text: string;
  stance: string;
  attribution_entity_id: string | null;
  attribution_text: string;
  hedged: number;
  reported: number;
  note: string;
  annotator?: string;
  created_at: string;
  modified_at: string;
}

/** A document stance row with its proposition's text, as both engines return it. */
export interface StanceRow {
  id: string;
  document_id: string;
  proposition_id: string;
  proposition_text: string;
  stance: string;
  justification: string;
  annotator?: string;
  created_at: string;
  modified_at: string;
}

/** The fields of a claim link a caller sets. */
export interface ClaimFields {
  annotationId: string;
  propositionId: string;
  stance: string;
  attribution: ClaimAttribution;
  hedged: boolean;
  reported: boolean;
  note: string;
}

/** A claim link with its document and proposition text (SQL both engines read alike). */
export const CLAIM_SELECT = `SELECT c.*, a.document_id, p.text AS proposition_text FROM claim_links c
  JOIN annotations a ON a.id = c.annotation_id JOIN propositions p ON p.id = c.proposition_id`;
/** A document stance with its proposition text (SQL both engines read alike). */
export const STANCE_SELECT = `SELECT s.*, p.text AS proposition_text FROM document_stances s JOIN propositions p ON p.id = s.proposition_id`;
/** The settings key of the project's stance set. */
export const STANCE_SET_KEY = 'stance_set';

/**
 * Claim links (a claim annotation's stance toward a proposition), document
 * stances, and the project's stance value set.
 */
export class ClaimStore {
  constructor(private readonly db: Db) {}

  // --- the stance set -------------------------------------------------------

  stanceSet(): StanceSet {
    const value = settingValue(this.db, STANCE_SET_KEY);
    return value !== undefined ? parseJson<StanceSet>(value) : { values: [...DEFAULT_STANCE_VALUES], defaultValue: DEFAULT_STANCE };
  }

  /** Throws a validation error naming the allowed values when `stance` is not one of them. */
  assertStance(stance: string): void {
    const { values } = this.stanceSet();
    if (!values.includes(stance)) throw new GlossError('validation', `unknown stance "${stance}"; the project's stances are ${values.join(', ')}`);
  }

  /**
   * Replaces the stance values. `rename` maps old values to new ones on every
   * claim and document stance; a value still in use after renaming must stay.
   */
  setStanceSet(values: readonly string[], defaultValue: string | undefined, rename: Readonly<Record<string, string>>): { stances: StanceSet; previous: StanceSet } {
    // Renames are applied before the check for values in use: all of it, or nothing.
    return writeTransaction(this.db, () => this.replaceStanceSet(values, defaultValue, rename));
  }

  private replaceStanceSet(values: readonly string[], defaultValue: string | undefined, rename: Readonly<Record<string, string>>): { stances: StanceSet; previous: StanceSet } {
    const previous = this.stanceSet();
    const clean = values.map((v) => v.trim());
    const seen = new Set<string>();
    for (const v of clean) {
      if (!v) throw new GlossError('validation', 'a stance value cannot be empty');
      if (seen.has(v.toLowerCase())) throw new GlossError('validation', `stance value "${v}" is listed twice`);
      seen.add(v.toLowerCase());
    }
    if (!clean.length) throw new GlossError('validation', 'give at least one stance value');
    for (const [from, to] of Object.entries(rename)) {
      if (!clean.includes(to)) throw new GlossError('validation', `cannot rename stance "${from}" to "${to}": "${to}" is not among the new values`);
    }
    const def = defaultValue?.trim() || (clean.includes(previous.defaultValue) ? previous.defaultValue : clean.includes(DEFAULT_STANCE) ? DEFAULT_STANCE : clean[0]!);
    if (!clean.includes(def)) throw new GlossError('validation', `the default stance "${def}" is not among the values (${clean.join(', ')})`);

    for (const table of ['claim_links', 'document_stances']) {
      const rows = this.db.prepare(`SELECT id, stance FROM ${table}`).all() as { id: string; stance: string }[];
      const update = this.db.prepare(`UPDATE ${table} SET stance = ? WHERE id = ?`);
      for (const r of rows) {
        const next = rename[r.stance] ?? r.stance;
        if (next !== r.stance) update.run(next, r.id);
      }
    }
    const unknown = this.db
      .prepare(
        `SELECT stance, count(*) AS n FROM (SELECT stance FROM claim_links UNION ALL SELECT stance FROM document_stances)
         WHERE stance NOT IN (SELECT value FROM json_each(?)) GROUP BY stance ORDER BY stance`,
      )
      .all(JSON.stringify(clean)) as { stance: string; n: number }[];
    if (unknown.length) {
      const list = unknown.map((u) => `"${u.stance}" (${u.n})`).join(', ');
      throw new GlossError('conflict', `stance values still in use would be removed: ${list}; rename them to a kept value`);
    }
    const stances: StanceSet = { values: clean, defaultValue: def };
    putSetting(this.db, STANCE_SET_KEY, JSON.stringify(stances));
    return { stances, previous };
  }

  // --- claim links ----------------------------------------------------------

  get(id: string): ClaimLink {
    const row = cachedStatement(this.db, `${CLAIM_SELECT} WHERE c.id = ?`).get(id) as ClaimRow | undefined;
    if (!row) throw new GlossError('not_found', `no claim link with id ${id}`);
    return toClaim(row);
  }

  /** Stores a link; the caller checks the annotation, proposition, entity and stance. */
  insert(f: ClaimFields, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): ClaimLink {
    return this.get(this.add(f, options));
  }

  /**
   * {@link insert} without reading the row back, for bulk writers (imports,
   * merges); `annotator` names who made the link (else its annotation's).
   */
  add(f: ClaimFields, options: { id?: string; createdAt?: string; modifiedAt?: string; annotator?: string } = {}): string {
    const id = options.id ?? randomUUID();
    if (cachedStatement(this.db, 'SELECT 1 FROM claim_links WHERE id = ?').get(id)) throw new GlossError('conflict', `a claim link with id ${id} already exists`);
    this.assertNotLinked(f.annotationId, f.propositionId, id);
    const now = nowIso();
    const values = [
      id,
      f.annotationId,
      f.propositionId,
      f.stance,
      f.attribution.entityId,
      f.attribution.text.trim(),
      f.hedged ? 1 : 0,
      f.reported ? 1 : 0,
      f.note,
      options.createdAt ?? now,
      options.modifiedAt ?? now,
    ];
    // Without a maker the column is left to migration 006's trigger (the annotation's annotator).
    if (options.annotator) {
      cachedStatement(
        this.db,
        `INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at, annotator)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values, options.annotator);
    } else {
      cachedStatement(
        this.db,
        `INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values);
    }
    return id;
  }

  update(id: string, changes: Partial<Omit<ClaimFields, 'annotationId'>>): ClaimLink {
    const cur = this.get(id);
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ClaimLink;
    if (next.propositionId !== cur.propositionId) this.assertNotLinked(cur.annotationId, next.propositionId, id);
    this.db
      .prepare(
        `UPDATE claim_links SET proposition_id = ?, stance = ?, attribution_entity_id = ?, attribution_text = ?, hedged = ?, reported = ?, note = ?, modified_at = ?
         WHERE id = ?`,
      )
      .run(next.propositionId, next.stance, next.attribution.entityId, next.attribution.text.trim(), next.hedged ? 1 : 0, next.reported ? 1 : 0, next.note, nowIso(), id);
    return this.get(id);
  }

  delete(id: string): ClaimLink {
    const cur = this.get(id);
    this.db.prepare('DELETE FROM claim_links WHERE id = ?').run(id);
    return cur;
  }

  /**
   * Puts a link back exactly as it was (by id, replacing the row if it was
   * moved, e.g. by a merge). The caller checks that its references exist.
   */
  restore(c: ClaimLink): void {
    this.assertNotLinked(c.annotationId, c.propositionId, c.id);
    this.db
      .prepare(
        `INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at)
         VALUES (@id, @annotationId, @propositionId, @stance, @entityId, @text, @hedged, @reported, @note, @createdAt, @modifiedAt)
         ON CONFLICT(id) DO UPDATE SET annotation_id = excluded.annotation_id, proposition_id = excluded.proposition_id, stance = excluded.stance,
           attribution_entity_id = excluded.attribution_entity_id, attribution_text = excluded.attribution_text, hedged = excluded.hedged,
           reported = excluded.reported, note = excluded.note, created_at = excluded.created_at, modified_at = excluded.modified_at`,
      )
      .run({
        id: c.id,
        annotationId: c.annotationId,
        propositionId: c.propositionId,
        stance: c.stance,
        entityId: c.attribution.entityId,
        text: c.attribution.text,
        hedged: c.hedged ? 1 : 0,
        reported: c.reported ? 1 : 0,
        note: c.note,
        createdAt: c.createdAt,
        modifiedAt: c.modifiedAt,
      });
  }

  forAnnotation(annotationId: string): ClaimLink[] {
    return (cachedStatement(this.db, `${CLAIM_SELECT} WHERE c.annotation_id = ? ORDER BY c.rowid`).all(annotationId) as ClaimRow[]).map(toClaim);
  }

  listByDocument(documentId: string): ClaimLink[] {
    return (cachedStatement(this.db, `${CLAIM_SELECT} WHERE a.document_id = ? ORDER BY a.start_offset, a.rowid, c.rowid`).all(documentId) as ClaimRow[]).map(toClaim);
  }

  listByProposition(propositionId: string): ClaimLink[] {
    return (this.db.prepare(`${CLAIM_SELECT} WHERE c.proposition_id = ? ORDER BY c.rowid`).all(propositionId) as ClaimRow[]).map(toClaim);
  }

  private assertNotLinked(annotationId: string, propositionId: string, exceptId: string): void {
    const row = cachedStatement(this.db, 'SELECT id FROM claim_links WHERE annotation_id = ? AND proposition_id = ? AND id <> ?').get(annotationId, propositionId, exceptId) as
      | { id: string }
      | undefined;
    if (row) throw new GlossError('conflict', `the annotation is already linked to this proposition (claim link ${row.id})`);
  }

  // --- document stances -----------------------------------------------------

  documentStance(documentId: string, propositionId: string): DocumentStance | null {
    const row = this.db.prepare(`${STANCE_SELECT} WHERE s.document_id = ? AND s.proposition_id = ?`).get(documentId, propositionId) as StanceRow | undefined;
    return row ? toStance(row) : null;
  }

  /** Sets (inserting or replacing) a document's stance; returns it and what it replaced. */
  setDocumentStance(
    f: { documentId: string; propositionId: string; stance: string; justification: string; annotator?: string },
    options: { id?: string; createdAt?: string; modifiedAt?: string } = {},
  ): { stance: DocumentStance; previous: DocumentStance | null } {
    const previous = this.documentStance(f.documentId, f.propositionId);
    const now = nowIso();
    if (previous && (options.id === undefined || options.id === previous.id)) {
      this.db
        .prepare('UPDATE document_stances SET stance = ?, justification = ?, modified_at = ? WHERE id = ?')
        .run(f.stance, f.justification, options.modifiedAt ?? now, previous.id);
      if (f.annotator) this.db.prepare('UPDATE document_stances SET annotator = ? WHERE id = ?').run(f.annotator, previous.id);
    } else {
      const id = options.id ?? randomUUID();
      const taken = this.db.prepare('SELECT 1 FROM document_stances WHERE id = ?').get(id);
      if (taken) throw new GlossError('conflict', `a document stance with id ${id} already exists`);
      if (previous) this.db.prepare('DELETE FROM document_stances WHERE id = ?').run(previous.id);
      const values = [id, f.documentId, f.propositionId, f.stance, f.justification, options.createdAt ?? now, options.modifiedAt ?? now];
      // The annotator column (migration 006) is written only when a maker is named.
      if (f.annotator) {
        this.db
          .prepare(
            `INSERT INTO document_stances (id, document_id, proposition_id, stance, justification, created_at, modified_at, annotator)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...values, f.annotator);
      } else {
        this.db
          .prepare(
            `INSERT INTO document_stances (id, document_id, proposition_id, stance, justification, created_at, modified_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...values);
      }
    }
    return { stance: this.documentStance(f.documentId, f.propositionId)!, previous };
  }

  clearDocumentStance(documentId: string, propositionId: string): DocumentStance {
    const cur = this.documentStance(documentId, propositionId);
    if (!cur) throw new GlossError('not_found', 'the document takes no stance toward this proposition');
    this.db.prepare('DELETE FROM document_stances WHERE id = ?').run(cur.id);
    return cur;
  }

  /** Puts a document stance back as it was (by id), replacing any other for the same document and proposition. */
  restoreDocumentStance(s: DocumentStance): void {
    this.db.prepare('DELETE FROM document_stances WHERE document_id = ? AND proposition_id = ? AND id <> ?').run(s.documentId, s.propositionId, s.id);
    this.db
      .prepare(
        `INSERT INTO document_stances (id, document_id, proposition_id, stance, justification, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, proposition_id = excluded.proposition_id, stance = excluded.stance,
           justification = excluded.justification, created_at = excluded.created_at, modified_at = excluded.modified_at`,
      )
      .run(s.id, s.documentId, s.propositionId, s.stance, s.justification, s.createdAt, s.modifiedAt);
    if (s.annotator) this.db.prepare('UPDATE document_stances SET annotator = ? WHERE id = ?').run(s.annotator, s.id);
  }

  stancesByDocument(documentId: string): DocumentStance[] {
    return (cachedStatement(this.db, `${STANCE_SELECT} WHERE s.document_id = ? ORDER BY p.created_at, p.rowid`).all(documentId) as StanceRow[]).map(toStance);
  }

  stancesByProposition(propositionId: string): DocumentStance[] {
    return (this.db.prepare(`${STANCE_SELECT} WHERE s.proposition_id = ? ORDER BY s.rowid`).all(propositionId) as StanceRow[]).map(toStance);
  }
}

/** A claim link row as the model has it. */
export function toClaim(r: ClaimRow): ClaimLink {
  return {
    id: r.id,
    annotationId: r.annotation_id,
    documentId: r.document_id,
    propositionId: r.proposition_id,
    propositionText: r.proposition_text,
    stance: r.stance,
    attribution: { entityId: r.attribution_entity_id, text: r.attribution_text },
    hedged: r.hedged === 1,
    reported: r.reported === 1,
    note: r.note,
    ...(r.annotator ? { annotator: r.annotator } : {}),
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}

/** A document stance row as the model has it. */
export function toStance(r: StanceRow): DocumentStance {
  return {
    id: r.id,
    documentId: r.document_id,
    propositionId: r.proposition_id,
    propositionText: r.proposition_text,
    stance: r.stance,
    justification: r.justification,
    ...(r.annotator ? { annotator: r.annotator } : {}),
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}
