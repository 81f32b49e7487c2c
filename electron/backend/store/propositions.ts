import { randomUUID } from 'node:crypto';
import {
  GlossError,
  type OverviewDocument,
  type Proposition,
  type PropositionOverview,
  type PropositionSearchHit,
  type PropositionSnapshot,
  type PropositionSummary,
  type StanceCounts,
} from '../../../shared/index.ts';
import { fold, fuzzyScore } from '../research/fuzzy.ts';
import type { AnnotationStore } from './annotations.ts';
import type { ClaimStore } from './claims.ts';
import type { Db } from './database.ts';
import { nowIso } from './json.ts';

/** A row of `propositions`, as both engines return it. */
export interface PropositionRow {
  id: string;
  text: string;
  note: string;
  created_at: string;
  modified_at: string;
}

/**
 * The key that makes two wordings one proposition: case, accents, spacing and
 * punctuation do not count ("Pakistan takes part." = "pakistan takes part").
 */
export function propositionKey(text: string): string {
  return fold(text) || text.trim().toLowerCase();
}

/** Canonical statements shared across documents, with their overview. */
export class PropositionStore {
  constructor(
    private readonly db: Db,
    private readonly claims: ClaimStore,
    private readonly annotations: AnnotationStore,
  ) {}

  get(id: string): Proposition {
    const row = this.db.prepare('SELECT * FROM propositions WHERE id = ?').get(id) as PropositionRow | undefined;
    if (!row) throw new GlossError('not_found', `no proposition with id ${id}`);
    return toProposition(row);
  }

  /** The proposition with this text (compared by {@link propositionKey}), if there is one. */
  /** Whether a proposition has this id. */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM propositions WHERE id = ?').get(id) !== undefined;
  }

  findByText(text: string): Proposition | undefined {
    const row = this.db.prepare('SELECT * FROM propositions WHERE text_key = ?').get(propositionKey(text)) as PropositionRow | undefined;
    return row && toProposition(row);
  }

  /** Every proposition with its counts, in the order they were created. */
  list(): PropositionSummary[] {
    const rows = this.db.prepare('SELECT * FROM propositions ORDER BY created_at, rowid').all() as PropositionRow[];
    const counts = this.counts();
    return rows.map((r) => this.summarize(toProposition(r), counts));
  }

  summary(id: string): PropositionSummary {
    return this.summarize(this.get(id), this.counts(id));
  }

  /** Fuzzy search over texts, best first; an empty query lists all, newest first. */
  search(query: string, limit = 20): PropositionSearchHit[] {
    const all = this.list();
    if (!query.trim()) return all.reverse().slice(0, limit).map((s) => ({ ...s, score: 1 }));
    const hits: PropositionSearchHit[] = [];
    for (const s of all) {
      const score = fuzzyScore(query, s.proposition.text);
      if (score > 0) hits.push({ ...s, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || b.claimCount - a.claimCount || a.proposition.text.localeCompare(b.proposition.text));
    return hits.slice(0, limit);
  }

  create(fields: { text: string; note?: string }, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): Proposition {
    const text = cleanText(fields.text);
    const id = options.id ?? randomUUID();
    if (this.db.prepare('SELECT 1 FROM propositions WHERE id = ?').get(id)) throw new GlossError('conflict', `a proposition with id ${id} already exists`);
    this.assertTextFree(text, undefined);
    const now = nowIso();
    this.db
      .prepare('INSERT INTO propositions (id, text, text_key, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, text, propositionKey(text), fields.note ?? '', options.createdAt ?? now, options.modifiedAt ?? now);
    return this.get(id);
  }

  update(id: string, changes: { text?: string; note?: string }): Proposition {
    const cur = this.get(id);
    const text = changes.text !== undefined ? cleanText(changes.text) : cur.text;
    this.assertTextFree(text, id);
    this.db
      .prepare('UPDATE propositions SET text = ?, text_key = ?, note = ?, modified_at = ? WHERE id = ?')
      .run(text, propositionKey(text), changes.note ?? cur.note, nowIso(), id);
    return this.get(id);
  }

  snapshot(id: string): PropositionSnapshot {
    return { proposition: this.get(id), claims: this.claims.listByProposition(id), documentStances: this.claims.stancesByProposition(id) };
  }

  /** Deletes the proposition with its claim links and document stances; returns them for undo. */
  delete(id: string): PropositionSnapshot {
    const snapshot = this.snapshot(id);
    this.db.prepare('DELETE FROM propositions WHERE id = ?').run(id);
    return snapshot;
  }

  /**
   * Puts a proposition back as the snapshot has it, with its claim links and
   * document stances (moved back if a merge moved them). Links whose
   * annotation or document was deleted since are skipped.
   */
  restore(s: PropositionSnapshot): Proposition {
    const p = s.proposition;
    if (this.db.prepare('SELECT 1 FROM propositions WHERE id = ?').get(p.id)) {
      const text = cleanText(p.text);
      this.assertTextFree(text, p.id);
      this.db
        .prepare('UPDATE propositions SET text = ?, text_key = ?, note = ?, created_at = ?, modified_at = ? WHERE id = ?')
        .run(text, propositionKey(text), p.note, p.createdAt, p.modifiedAt, p.id);
    } else this.create({ text: p.text, note: p.note }, { id: p.id, createdAt: p.createdAt, modifiedAt: p.modifiedAt });
    for (const c of s.claims) {
      if (!this.db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(c.annotationId)) continue;
      const entityGone = c.attribution.entityId && !this.db.prepare('SELECT 1 FROM entities WHERE id = ?').get(c.attribution.entityId);
      this.claims.restore({ ...c, propositionId: p.id, attribution: entityGone ? { ...c.attribution, entityId: null } : c.attribution });
    }
    for (const d of s.documentStances) {
      if (!this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(d.documentId)) continue;
      this.claims.restoreDocumentStance({ ...d, propositionId: p.id });
    }
    return this.get(p.id);
  }

  /**
   * Moves the sources' claim links and document stances to the target and
   * deletes the sources. Where the target already has a link for the same
   * annotation, or a stance for the same document, the target's is kept.
   */
  merge(targetId: string, sourceIds: readonly string[]): { proposition: Proposition; merged: PropositionSnapshot[] } {
    this.get(targetId);
    const sources = [...new Set(sourceIds)];
    if (sources.includes(targetId)) throw new GlossError('validation', 'a proposition cannot be merged into itself');
    const merged = sources.map((id) => this.snapshot(id));
    for (const m of merged) {
      for (const c of m.claims) {
        const dup = this.db.prepare('SELECT 1 FROM claim_links WHERE annotation_id = ? AND proposition_id = ?').get(c.annotationId, targetId);
        if (!dup) this.db.prepare('UPDATE claim_links SET proposition_id = ? WHERE id = ?').run(targetId, c.id);
      }
      for (const d of m.documentStances) {
        if (!this.claims.documentStance(d.documentId, targetId)) this.db.prepare('UPDATE document_stances SET proposition_id = ? WHERE id = ?').run(targetId, d.id);
      }
      this.db.prepare('DELETE FROM propositions WHERE id = ?').run(m.proposition.id);
    }
    return { proposition: this.get(targetId), merged };
  }

  /** Every proposition (or those named), with each document's claims and stance, documents in library order. */
  overview(ids?: readonly string[]): PropositionOverview[] {
    const props = ids ? ids.map((id) => this.get(id)) : this.list().map((s) => s.proposition);
    const docs = this.db.prepare('SELECT id, name, title FROM documents ORDER BY created_at, rowid').all() as { id: string; name: string; title: string }[];
    const order = new Map(docs.map((d, i) => [d.id, i]));
    const counts = this.counts();
    const { values } = this.claims.stanceSet();
    return props.map((p) => {
      const byDoc = new Map<string, OverviewDocument>();
      const entry = (documentId: string): OverviewDocument => {
        let e = byDoc.get(documentId);
        if (!e) {
          const d = docs[order.get(documentId)!]!;
          byDoc.set(documentId, (e = { document: d, documentStance: null, claims: [], stanceCounts: {} }));
        }
        return e;
      };
      for (const claim of this.claims.listByProposition(p.id)) {
        const a = this.annotations.get(claim.annotationId);
        const e = entry(claim.documentId);
        e.claims.push({ claim, quote: a.quote, ranges: a.ranges, labelId: a.labelId });
        bump(e.stanceCounts, claim.stance);
      }
      for (const s of this.claims.stancesByProposition(p.id)) entry(s.documentId).documentStance = s;
      const documents = [...byDoc.values()].sort((a, b) => order.get(a.document.id)! - order.get(b.document.id)!);
      for (const d of documents) {
        d.claims.sort((x, y) => (x.ranges[0]?.start ?? 0) - (y.ranges[0]?.start ?? 0));
        d.stanceCounts = ordered(d.stanceCounts, values);
      }
      return { ...this.summarize(p, counts), documents };
    });
  }

  private summarize(p: Proposition, counts: Map<string, { claimCount: number; documentCount: number; stanceCounts: StanceCounts }>): PropositionSummary {
    const c = counts.get(p.id);
    return { proposition: p, claimCount: c?.claimCount ?? 0, documentCount: c?.documentCount ?? 0, stanceCounts: c?.stanceCounts ?? {} };
  }

  private counts(id?: string): Map<string, { claimCount: number; documentCount: number; stanceCounts: StanceCounts }> {
    const stanceRows = this.db
      .prepare(
        `SELECT c.proposition_id AS pid, c.stance, count(*) AS n FROM claim_links c
         WHERE (? IS NULL OR c.proposition_id = ?) GROUP BY c.proposition_id, c.stance`,
      )
      .all(id ?? null, id ?? null) as { pid: string; stance: string; n: number }[];
    const docRows = this.db
      .prepare(
        `SELECT pid, count(DISTINCT doc) AS n FROM (
           SELECT c.proposition_id AS pid, a.document_id AS doc FROM claim_links c JOIN annotations a ON a.id = c.annotation_id
           UNION ALL SELECT proposition_id, document_id FROM document_stances)
         WHERE (? IS NULL OR pid = ?) GROUP BY pid`,
      )
      .all(id ?? null, id ?? null) as { pid: string; n: number }[];
    const out = new Map<string, { claimCount: number; documentCount: number; stanceCounts: StanceCounts }>();
    const get = (pid: string) => {
      let c = out.get(pid);
      if (!c) out.set(pid, (c = { claimCount: 0, documentCount: 0, stanceCounts: {} }));
      return c;
    };
    // Counts list stances in the stance set's order (favor, against, neutral), whatever the rows' order.
    const { values } = this.claims.stanceSet();
    const rank = (stance: string) => (values.includes(stance) ? values.indexOf(stance) : values.length);
    stanceRows.sort((a, b) => rank(a.stance) - rank(b.stance) || a.stance.localeCompare(b.stance));
    for (const r of stanceRows) {
      const c = get(r.pid);
      c.claimCount += r.n;
      c.stanceCounts[r.stance] = r.n;
    }
    for (const r of docRows) get(r.pid).documentCount = r.n;
    return out;
  }

  private assertTextFree(text: string, exceptId: string | undefined): void {
    const existing = this.findByText(text);
    if (existing && existing.id !== exceptId) {
      throw new GlossError('conflict', `a proposition with this text already exists (id ${existing.id}): "${existing.text}"`);
    }
  }
}

/** A proposition's text, spaces collapsed; an empty one refused. */
export function cleanText(text: string): string {
  const t = text.trim().replace(/\s+/gu, ' ');
  if (!t) throw new GlossError('validation', 'a proposition cannot be empty');
  return t;
}

/** The same counts, keys in stance-set order. */
export function ordered(counts: StanceCounts, values: readonly string[]): StanceCounts {
  const rank = (stance: string) => (values.includes(stance) ? values.indexOf(stance) : values.length);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

/** Counts one more claim of this stance. */
export function bump(counts: StanceCounts, stance: string): void {
  counts[stance] = (counts[stance] ?? 0) + 1;
}

/** A proposition row as the model has it. */
export function toProposition(r: PropositionRow): Proposition {
  return { id: r.id, text: r.text, note: r.note, createdAt: r.created_at, modifiedAt: r.modified_at };
}
