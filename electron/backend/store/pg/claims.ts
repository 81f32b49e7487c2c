import { randomUUID } from 'node:crypto';
import { DEFAULT_STANCE, DEFAULT_STANCE_VALUES, GlossError, type ClaimLink, type DocumentStance, type StanceSet } from '../../../../shared/index.ts';
import { CLAIM_SELECT, STANCE_SELECT, STANCE_SET_KEY, toClaim, toStance, type ClaimFields, type ClaimRow, type ClaimStore, type StanceRow } from '../claims.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';
import { exec, row, rows } from './query.ts';
import { pgPutSetting, pgSettingValue } from './setting-values.ts';
import { inTransaction } from './transaction.ts';

/** Claim links, document stances and the stance set on PostgreSQL: the counterpart of the SQLite engine's ClaimStore, with the same rules and shapes. */
export class PgClaimStore implements Async<ClaimStore> {
  constructor(private readonly db: Queryable) {}

  // --- the stance set -------------------------------------------------------

  async stanceSet(): Promise<StanceSet> {
    const value = await pgSettingValue(this.db, STANCE_SET_KEY);
    return value !== undefined ? parseJson<StanceSet>(value) : { values: [...DEFAULT_STANCE_VALUES], defaultValue: DEFAULT_STANCE };
  }

  async assertStance(stance: string): Promise<void> {
    const { values } = await this.stanceSet();
    if (!values.includes(stance)) throw new GlossError('validation', `unknown stance "${stance}"; the project's stances are ${values.join(', ')}`);
  }

  /** Replaces the stance values, renaming on every claim and document stance first: all of it, or nothing (one transaction). */
  async setStanceSet(values: readonly string[], defaultValue: string | undefined, rename: Readonly<Record<string, string>>): Promise<{ stances: StanceSet; previous: StanceSet }> {
    return inTransaction(this.db, (tx) => new PgClaimStore(tx).replaceStanceSet(values, defaultValue, rename));
  }

  private async replaceStanceSet(values: readonly string[], defaultValue: string | undefined, rename: Readonly<Record<string, string>>): Promise<{ stances: StanceSet; previous: StanceSet }> {
    const previous = await this.stanceSet();
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
      for (const r of await rows<{ id: string; stance: string }>(this.db, `SELECT id, stance FROM ${table}`)) {
        const next = rename[r.stance] ?? r.stance;
        if (next !== r.stance) await exec(this.db, `UPDATE ${table} SET stance = $1 WHERE id = $2`, [next, r.id]);
      }
    }
    const unknown = await rows<{ stance: string; n: number }>(
      this.db,
      `SELECT stance, count(*)::int AS n FROM (SELECT stance FROM claim_links UNION ALL SELECT stance FROM document_stances) s
       WHERE stance <> ALL($1::text[]) GROUP BY stance ORDER BY stance COLLATE "C"`,
      [clean],
    );
    if (unknown.length) {
      const list = unknown.map((u) => `"${u.stance}" (${u.n})`).join(', ');
      throw new GlossError('conflict', `stance values still in use would be removed: ${list}; rename them to a kept value`);
    }
    const stances: StanceSet = { values: clean, defaultValue: def };
    await pgPutSetting(this.db, STANCE_SET_KEY, JSON.stringify(stances));
    return { stances, previous };
  }

  // --- claim links ----------------------------------------------------------

  async get(id: string): Promise<ClaimLink> {
    const r = await row<ClaimRow>(this.db, `${CLAIM_SELECT} WHERE c.id = $1`, [id]);
    if (!r) throw new GlossError('not_found', `no claim link with id ${id}`);
    return toClaim(r);
  }

  async insert(f: ClaimFields, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): Promise<ClaimLink> {
    return this.get(await this.add(f, options));
  }

  async add(f: ClaimFields, options: { id?: string; createdAt?: string; modifiedAt?: string; annotator?: string } = {}): Promise<string> {
    const id = options.id ?? randomUUID();
    if (await row(this.db, 'SELECT 1 FROM claim_links WHERE id = $1', [id])) throw new GlossError('conflict', `a claim link with id ${id} already exists`);
    await this.assertNotLinked(f.annotationId, f.propositionId, id);
    const now = nowIso();
    // Without a maker the column is left to migration 6's trigger (the annotation's annotator), as on SQLite.
    await exec(
      this.db,
      `INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at, annotator)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
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
        options.annotator || '',
      ],
    );
    return id;
  }

  async update(id: string, changes: Partial<Omit<ClaimFields, 'annotationId'>>): Promise<ClaimLink> {
    const cur = await this.get(id);
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ClaimLink;
    if (next.propositionId !== cur.propositionId) await this.assertNotLinked(cur.annotationId, next.propositionId, id);
    await exec(
      this.db,
      `UPDATE claim_links SET proposition_id = $1, stance = $2, attribution_entity_id = $3, attribution_text = $4, hedged = $5, reported = $6, note = $7, modified_at = $8
       WHERE id = $9`,
      [next.propositionId, next.stance, next.attribution.entityId, next.attribution.text.trim(), next.hedged ? 1 : 0, next.reported ? 1 : 0, next.note, nowIso(), id],
    );
    return this.get(id);
  }

  async delete(id: string): Promise<ClaimLink> {
    const cur = await this.get(id);
    await exec(this.db, 'DELETE FROM claim_links WHERE id = $1', [id]);
    return cur;
  }

  async restore(c: ClaimLink): Promise<void> {
    await this.assertNotLinked(c.annotationId, c.propositionId, c.id);
    await exec(
      this.db,
      `INSERT INTO claim_links (id, annotation_id, proposition_id, stance, attribution_entity_id, attribution_text, hedged, reported, note, created_at, modified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET annotation_id = excluded.annotation_id, proposition_id = excluded.proposition_id, stance = excluded.stance,
         attribution_entity_id = excluded.attribution_entity_id, attribution_text = excluded.attribution_text, hedged = excluded.hedged,
         reported = excluded.reported, note = excluded.note, created_at = excluded.created_at, modified_at = excluded.modified_at`,
      [c.id, c.annotationId, c.propositionId, c.stance, c.attribution.entityId, c.attribution.text, c.hedged ? 1 : 0, c.reported ? 1 : 0, c.note, c.createdAt, c.modifiedAt],
    );
  }

  async forAnnotation(annotationId: string): Promise<ClaimLink[]> {
    return (await rows<ClaimRow>(this.db, `${CLAIM_SELECT} WHERE c.annotation_id = $1 ORDER BY c.seq`, [annotationId])).map(toClaim);
  }

  async listByDocument(documentId: string): Promise<ClaimLink[]> {
    return (await rows<ClaimRow>(this.db, `${CLAIM_SELECT} WHERE a.document_id = $1 ORDER BY a.start_offset, a.seq, c.seq`, [documentId])).map(toClaim);
  }

  async listByProposition(propositionId: string): Promise<ClaimLink[]> {
    return (await rows<ClaimRow>(this.db, `${CLAIM_SELECT} WHERE c.proposition_id = $1 ORDER BY c.seq`, [propositionId])).map(toClaim);
  }

  private async assertNotLinked(annotationId: string, propositionId: string, exceptId: string): Promise<void> {
    const r = await row<{ id: string }>(this.db, 'SELECT id FROM claim_links WHERE annotation_id = $1 AND proposition_id = $2 AND id <> $3', [annotationId, propositionId, exceptId]);
    if (r) throw new GlossError('conflict', `the annotation is already linked to this proposition (claim link ${r.id})`);
  }

  // --- document stances -----------------------------------------------------

  async documentStance(documentId: string, propositionId: string): Promise<DocumentStance | null> {
    const r = await row<StanceRow>(this.db, `${STANCE_SELECT} WHERE s.document_id = $1 AND s.proposition_id = $2`, [documentId, propositionId]);
    return r ? toStance(r) : null;
  }

  /** Sets (inserting or replacing) a document's stance; returns it and what it replaced. Its statements run in one transaction. */
  async setDocumentStance(
    f: { documentId: string; propositionId: string; stance: string; justification: string; annotator?: string },
    options: { id?: string; createdAt?: string; modifiedAt?: string } = {},
  ): Promise<{ stance: DocumentStance; previous: DocumentStance | null }> {
    return inTransaction(this.db, async (db) => {
      const previous = await this.on(db).documentStance(f.documentId, f.propositionId);
      const now = nowIso();
      if (previous && (options.id === undefined || options.id === previous.id)) {
        await exec(db, 'UPDATE document_stances SET stance = $1, justification = $2, modified_at = $3 WHERE id = $4', [f.stance, f.justification, options.modifiedAt ?? now, previous.id]);
        if (f.annotator) await exec(db, 'UPDATE document_stances SET annotator = $1 WHERE id = $2', [f.annotator, previous.id]);
      } else {
        const id = options.id ?? randomUUID();
        if (await row(db, 'SELECT 1 FROM document_stances WHERE id = $1', [id])) throw new GlossError('conflict', `a document stance with id ${id} already exists`);
        if (previous) await exec(db, 'DELETE FROM document_stances WHERE id = $1', [previous.id]);
        // The annotator column (migration 6) keeps its default ('') unless a maker is named.
        await exec(
          db,
          `INSERT INTO document_stances (id, document_id, proposition_id, stance, justification, created_at, modified_at, annotator)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, f.documentId, f.propositionId, f.stance, f.justification, options.createdAt ?? now, options.modifiedAt ?? now, f.annotator || ''],
        );
      }
      return { stance: (await this.on(db).documentStance(f.documentId, f.propositionId))!, previous };
    });
  }

  async clearDocumentStance(documentId: string, propositionId: string): Promise<DocumentStance> {
    const cur = await this.documentStance(documentId, propositionId);
    if (!cur) throw new GlossError('not_found', 'the document takes no stance toward this proposition');
    await exec(this.db, 'DELETE FROM document_stances WHERE id = $1', [cur.id]);
    return cur;
  }

  /** Puts a document stance back as it was (by id), replacing any other for the same document and proposition; in one transaction. */
  async restoreDocumentStance(s: DocumentStance): Promise<void> {
    await inTransaction(this.db, async (db) => {
      await exec(db, 'DELETE FROM document_stances WHERE document_id = $1 AND proposition_id = $2 AND id <> $3', [s.documentId, s.propositionId, s.id]);
      await exec(
        db,
        `INSERT INTO document_stances (id, document_id, proposition_id, stance, justification, created_at, modified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id, proposition_id = excluded.proposition_id, stance = excluded.stance,
           justification = excluded.justification, created_at = excluded.created_at, modified_at = excluded.modified_at`,
        [s.id, s.documentId, s.propositionId, s.stance, s.justification, s.createdAt, s.modifiedAt],
      );
      if (s.annotator) await exec(db, 'UPDATE document_stances SET annotator = $1 WHERE id = $2', [s.annotator, s.id]);
    });
  }

  async stancesByDocument(documentId: string): Promise<DocumentStance[]> {
    return (await rows<StanceRow>(this.db, `${STANCE_SELECT} WHERE s.document_id = $1 ORDER BY p.created_at, p.seq`, [documentId])).map(toStance);
  }

  async stancesByProposition(propositionId: string): Promise<DocumentStance[]> {
    return (await rows<StanceRow>(this.db, `${STANCE_SELECT} WHERE s.proposition_id = $1 ORDER BY s.seq`, [propositionId])).map(toStance);
  }

  /** This store on another connection (a transaction's client). */
  private on(db: Queryable): PgClaimStore {
    return db === this.db ? this : new PgClaimStore(db);
  }
}
