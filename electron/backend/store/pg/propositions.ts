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
} from '../../../../shared/index.ts';
import { fuzzyScore } from '../../research/fuzzy.ts';
import { nowIso } from '../json.ts';
import { bump, cleanText, ordered, propositionKey, toProposition, type PropositionRow, type PropositionStore } from '../propositions.ts';
import type { Async } from '../repository.ts';
import { PgAnnotationStore } from './annotations.ts';
import { PgClaimStore } from './claims.ts';
import type { Queryable } from './documents.ts';
import { exec, row, rows } from './query.ts';
import { inTransaction } from './transaction.ts';

type Counts = Map<string, { claimCount: number; documentCount: number; stanceCounts: StanceCounts }>;

/**
 * Canonical statements on PostgreSQL: the counterpart of the SQLite
 * engine's PropositionStore, with the same rules and shapes. Its claims and
 * annotations are read through the PostgreSQL repositories on the same
 * connection; merges and restores run in one transaction.
 */
export class PgPropositionStore implements Async<PropositionStore> {
  private readonly claims: PgClaimStore;
  private readonly annotations: PgAnnotationStore;

  constructor(private readonly db: Queryable) {
    this.claims = new PgClaimStore(db);
    this.annotations = new PgAnnotationStore(db);
  }

  async get(id: string): Promise<Proposition> {
    const r = await row<PropositionRow>(this.db, 'SELECT * FROM propositions WHERE id = $1', [id]);
    if (!r) throw new GlossError('not_found', `no proposition with id ${id}`);
    return toProposition(r);
  }

  async exists(id: string): Promise<boolean> {
    return (await row(this.db, 'SELECT 1 FROM propositions WHERE id = $1', [id])) !== undefined;
  }

  async findByText(text: string): Promise<Proposition | undefined> {
    const r = await row<PropositionRow>(this.db, 'SELECT * FROM propositions WHERE text_key = $1', [propositionKey(text)]);
    return r && toProposition(r);
  }

  async list(): Promise<PropositionSummary[]> {
    const rs = await rows<PropositionRow>(this.db, 'SELECT * FROM propositions ORDER BY created_at, seq');
    const counts = await this.counts();
    return rs.map((r) => summarize(toProposition(r), counts));
  }

  async summary(id: string): Promise<PropositionSummary> {
    return summarize(await this.get(id), await this.counts(id));
  }

  async search(query: string, limit = 20): Promise<PropositionSearchHit[]> {
    const all = await this.list();
    if (!query.trim()) return all.reverse().slice(0, limit).map((s) => ({ ...s, score: 1 }));
    const hits: PropositionSearchHit[] = [];
    for (const s of all) {
      const score = fuzzyScore(query, s.proposition.text);
      if (score > 0) hits.push({ ...s, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || b.claimCount - a.claimCount || a.proposition.text.localeCompare(b.proposition.text));
    return hits.slice(0, limit);
  }

  async create(fields: { text: string; note?: string }, options: { id?: string; createdAt?: string; modifiedAt?: string } = {}): Promise<Proposition> {
    const text = cleanText(fields.text);
    const id = options.id ?? randomUUID();
    if (await this.exists(id)) throw new GlossError('conflict', `a proposition with id ${id} already exists`);
    await this.assertTextFree(text, undefined);
    const now = nowIso();
    await exec(this.db, 'INSERT INTO propositions (id, text, text_key, note, created_at, modified_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      text,
      propositionKey(text),
      fields.note ?? '',
      options.createdAt ?? now,
      options.modifiedAt ?? now,
    ]);
    return this.get(id);
  }

  async update(id: string, changes: { text?: string; note?: string }): Promise<Proposition> {
    const cur = await this.get(id);
    const text = changes.text !== undefined ? cleanText(changes.text) : cur.text;
    await this.assertTextFree(text, id);
    await exec(this.db, 'UPDATE propositions SET text = $1, text_key = $2, note = $3, modified_at = $4 WHERE id = $5', [text, propositionKey(text), changes.note ?? cur.note, nowIso(), id]);
    return this.get(id);
  }

  async snapshot(id: string): Promise<PropositionSnapshot> {
    return { proposition: await this.get(id), claims: await this.claims.listByProposition(id), documentStances: await this.claims.stancesByProposition(id) };
  }

  async delete(id: string): Promise<PropositionSnapshot> {
    const snapshot = await this.snapshot(id);
    await exec(this.db, 'DELETE FROM propositions WHERE id = $1', [id]);
    return snapshot;
  }

  /** Puts a proposition back as the snapshot has it, with its claim links and document stances, in one transaction. */
  async restore(s: PropositionSnapshot): Promise<Proposition> {
    return inTransaction(this.db, async (db) => {
      const self = this.on(db);
      const p = s.proposition;
      if (await self.exists(p.id)) {
        const text = cleanText(p.text);
        await self.assertTextFree(text, p.id);
        await exec(db, 'UPDATE propositions SET text = $1, text_key = $2, note = $3, created_at = $4, modified_at = $5 WHERE id = $6', [
          text,
          propositionKey(text),
          p.note,
          p.createdAt,
          p.modifiedAt,
          p.id,
        ]);
      } else await self.create({ text: p.text, note: p.note }, { id: p.id, createdAt: p.createdAt, modifiedAt: p.modifiedAt });
      for (const c of s.claims) {
        if (!(await row(db, 'SELECT 1 FROM annotations WHERE id = $1', [c.annotationId]))) continue;
        const entityGone = c.attribution.entityId && !(await row(db, 'SELECT 1 FROM entities WHERE id = $1', [c.attribution.entityId]));
        await self.claims.restore({ ...c, propositionId: p.id, attribution: entityGone ? { ...c.attribution, entityId: null } : c.attribution });
      }
      for (const d of s.documentStances) {
        if (!(await row(db, 'SELECT 1 FROM documents WHERE id = $1', [d.documentId]))) continue;
        await self.claims.restoreDocumentStance({ ...d, propositionId: p.id });
      }
      return self.get(p.id);
    });
  }

  /** Moves the sources' claim links and document stances to the target and deletes the sources, in one transaction. */
  async merge(targetId: string, sourceIds: readonly string[]): Promise<{ proposition: Proposition; merged: PropositionSnapshot[] }> {
    return inTransaction(this.db, async (db) => {
      const self = this.on(db);
      await self.get(targetId);
      const sources = [...new Set(sourceIds)];
      if (sources.includes(targetId)) throw new GlossError('validation', 'a proposition cannot be merged into itself');
      const merged: PropositionSnapshot[] = [];
      for (const id of sources) merged.push(await self.snapshot(id));
      for (const m of merged) {
        for (const c of m.claims) {
          const dup = await row(db, 'SELECT 1 FROM claim_links WHERE annotation_id = $1 AND proposition_id = $2', [c.annotationId, targetId]);
          if (!dup) await exec(db, 'UPDATE claim_links SET proposition_id = $1 WHERE id = $2', [targetId, c.id]);
        }
        for (const d of m.documentStances) {
          if (!(await self.claims.documentStance(d.documentId, targetId))) await exec(db, 'UPDATE document_stances SET proposition_id = $1 WHERE id = $2', [targetId, d.id]);
        }
        await exec(db, 'DELETE FROM propositions WHERE id = $1', [m.proposition.id]);
      }
      return { proposition: await self.get(targetId), merged };
    });
  }

  async overview(ids?: readonly string[]): Promise<PropositionOverview[]> {
    const props: Proposition[] = [];
    if (ids) for (const id of ids) props.push(await this.get(id));
    else props.push(...(await this.list()).map((s) => s.proposition));
    const docs = await rows<{ id: string; name: string; title: string }>(this.db, 'SELECT id, name, title FROM documents ORDER BY created_at, seq');
    const order = new Map(docs.map((d, i) => [d.id, i]));
    const counts = await this.counts();
    const { values } = await this.claims.stanceSet();
    const out: PropositionOverview[] = [];
    for (const p of props) {
      const byDoc = new Map<string, OverviewDocument>();
      const entry = (documentId: string): OverviewDocument => {
        let e = byDoc.get(documentId);
        if (!e) {
          const d = docs[order.get(documentId)!]!;
          byDoc.set(documentId, (e = { document: d, documentStance: null, claims: [], stanceCounts: {} }));
        }
        return e;
      };
      for (const claim of await this.claims.listByProposition(p.id)) {
        const a = await this.annotations.get(claim.annotationId);
        const e = entry(claim.documentId);
        e.claims.push({ claim, quote: a.quote, ranges: a.ranges, labelId: a.labelId });
        bump(e.stanceCounts, claim.stance);
      }
      for (const s of await this.claims.stancesByProposition(p.id)) entry(s.documentId).documentStance = s;
      const documents = [...byDoc.values()].sort((a, b) => order.get(a.document.id)! - order.get(b.document.id)!);
      for (const d of documents) {
        d.claims.sort((x, y) => (x.ranges[0]?.start ?? 0) - (y.ranges[0]?.start ?? 0));
        d.stanceCounts = ordered(d.stanceCounts, values);
      }
      out.push({ ...summarize(p, counts), documents });
    }
    return out;
  }

  private async counts(id?: string): Promise<Counts> {
    const stanceRows = await rows<{ pid: string; stance: string; n: number }>(
      this.db,
      `SELECT c.proposition_id AS pid, c.stance, count(*)::int AS n FROM claim_links c
       WHERE ($1::text IS NULL OR c.proposition_id = $1) GROUP BY c.proposition_id, c.stance`,
      [id ?? null],
    );
    const docRows = await rows<{ pid: string; n: number }>(
      this.db,
      `SELECT pid, count(DISTINCT doc)::int AS n FROM (
         SELECT c.proposition_id AS pid, a.document_id AS doc FROM claim_links c JOIN annotations a ON a.id = c.annotation_id
         UNION ALL SELECT proposition_id, document_id FROM document_stances) u
       WHERE ($1::text IS NULL OR pid = $1) GROUP BY pid`,
      [id ?? null],
    );
    const out: Counts = new Map();
    const get = (pid: string) => {
      let c = out.get(pid);
      if (!c) out.set(pid, (c = { claimCount: 0, documentCount: 0, stanceCounts: {} }));
      return c;
    };
    const { values } = await this.claims.stanceSet();
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

  private async assertTextFree(text: string, exceptId: string | undefined): Promise<void> {
    const existing = await this.findByText(text);
    if (existing && existing.id !== exceptId) {
      throw new GlossError('conflict', `a proposition with this text already exists (id ${existing.id}): "${existing.text}"`);
    }
  }

  /** This store on another connection (a transaction's client). */
  private on(db: Queryable): PgPropositionStore {
    return db === this.db ? this : new PgPropositionStore(db);
  }
}

function summarize(p: Proposition, counts: Counts): PropositionSummary {
  const c = counts.get(p.id);
  return { proposition: p, claimCount: c?.claimCount ?? 0, documentCount: c?.documentCount ?? 0, stanceCounts: c?.stanceCounts ?? {} };
}
