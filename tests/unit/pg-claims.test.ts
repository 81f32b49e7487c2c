// Propositions and claims on PostgreSQL against the SQLite engine: the same
// seeded run of proposition creations (wordings that fold to one key, taken
// ids, empty texts), edits, merges, deletions and restores, claim links
// (already linked, missing annotations or propositions), document stances
// and stance-set changes (renames, values still in use) gives the same
// results, errors and lists on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimFields } from '../../electron/backend/store/claims.ts';
import { PgClaimStore } from '../../electron/backend/store/pg/claims.ts';
import { PgPropositionStore } from '../../electron/backend/store/pg/propositions.ts';
import type { ClaimLink, DocumentStance, PropositionSnapshot } from '../../shared/index.ts';
import { parityWorld, random, Steps, strip, type ParityWorld } from '../support/pg-parity.ts';

let w: ParityWorld;
let pgClaims: PgClaimStore;
let pgPropositions: PgPropositionStore;
const annotationIds: string[] = [];
const entityIds: string[] = [];

beforeAll(async () => {
  w = await parityWorld();
  const labels = w.project.labels.list();
  const rand = random(3);
  for (let i = 0; i < 40; i++) {
    const doc = w.documents[i % w.documents.length]!;
    const start = Math.floor(rand() * (doc.text.length - 30));
    const a = w.project.annotations.create({ documentId: doc.id, ranges: [{ start, end: start + 10 }], labelId: labels[i % labels.length]!.id, annotator: i % 2 ? 'ana' : 'ben' }, doc.text);
    annotationIds.push(a.id);
  }
  for (const name of ['Ministry of Mines', 'Ana Ruiz', 'Reuters']) entityIds.push(w.project.entities.create({ name, type: 'org', aliases: [], externalId: null, description: '' }).id);
  await w.copyRows('annotations');
  await w.copyRows('entities');
  pgClaims = new PgClaimStore(w.client);
  pgPropositions = new PgPropositionStore(w.client);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const TEXTS = ['Pakistan takes part.', 'pakistan takes part', 'PAKISTAN  takes   part!', 'Lithium prices will fall', 'Lithium prices will fall.', 'Café owners agree', 'cafe owners agree', 'Mines are safe', '   ', 'Exports 👍🏽 grow', 'Recycling is enough'];

describe('propositions and claims on PostgreSQL', () => {
  it('give the same results and errors as on SQLite over a seeded run of 600 changes', async () => {
    const rand = random(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const steps = new Steps();
    const props: string[] = [];
    const claims: string[] = [];
    const deletedProps: [PropositionSnapshot, PropositionSnapshot][] = [];
    const deletedClaims: [ClaimLink, ClaimLink][] = [];
    const clearedStances: [DocumentStance, DocumentStance][] = [];
    const stances = () => w.project.claims.stanceSet().values;
    // Keeps what each engine returned, for the steps that give it back (restores).
    const keep = async <T>(what: string, sqlite: () => T, postgres: () => Promise<T>, into?: [T, T][]) => {
      let a: T | undefined;
      let b: T | undefined;
      await steps.step(what, () => (a = sqlite()), async () => (b = await postgres()));
      if (into && a !== undefined && b !== undefined) into.push([a, b]);
    };
    for (let step = 0; step < 600; step++) {
      const roll = rand();
      const propId = () => (rand() < 0.05 || !props.length ? 'missing-proposition' : pick(props));
      if (roll < 0.12 || props.length < 3) {
        const id = rand() < 0.05 && props.length ? pick(props) : crypto.randomUUID();
        const fields = { text: `${pick(TEXTS)}${rand() < 0.6 ? ` ${Math.floor(rand() * 6)}` : ''}`, note: rand() < 0.3 ? 'n' : undefined };
        await steps.step(`create proposition ${id}`, () => w.project.propositions.create(fields, { id }), () => pgPropositions.create(fields, { id }));
        if (!props.includes(id) && w.project.propositions.exists(id)) props.push(id);
      } else if (roll < 0.18) {
        const id = propId();
        const changes = rand() < 0.7 ? { text: `${pick(TEXTS)} ${Math.floor(rand() * 6)}` } : { note: `note ${step}` };
        await steps.step(`update proposition ${id}`, () => w.project.propositions.update(id, changes), () => pgPropositions.update(id, changes));
      } else if (roll < 0.22) {
        const id = propId();
        await keep(`delete proposition ${id}`, () => w.project.propositions.delete(id), () => pgPropositions.delete(id), deletedProps);
        props.splice(props.indexOf(id), props.includes(id) ? 1 : 0);
      } else if (roll < 0.26 && deletedProps.length) {
        const [a, b] = deletedProps.splice(Math.floor(rand() * deletedProps.length), 1)[0]!;
        await steps.step(`restore proposition ${a.proposition.id}`, () => w.project.propositions.restore(a), () => pgPropositions.restore(b));
        if (w.project.propositions.exists(a.proposition.id) && !props.includes(a.proposition.id)) props.push(a.proposition.id);
      } else if (roll < 0.29) {
        const target = propId();
        const sources = [propId(), ...(rand() < 0.5 ? [propId()] : [])];
        await keep(`merge ${sources.join(',')} into ${target}`, () => w.project.propositions.merge(target, sources), () => pgPropositions.merge(target, sources));
        for (const s of sources) if (!w.project.propositions.exists(s) && props.includes(s)) props.splice(props.indexOf(s), 1);
      } else if (roll < 0.5) {
        const id = rand() < 0.04 && claims.length ? pick(claims) : crypto.randomUUID();
        const f: ClaimFields = {
          annotationId: rand() < 0.04 ? 'missing-annotation' : pick(annotationIds),
          propositionId: propId(),
          stance: pick(stances()),
          attribution: { entityId: rand() < 0.3 ? pick(entityIds) : null, text: rand() < 0.3 ? '  the minister ' : '' },
          hedged: rand() < 0.3,
          reported: rand() < 0.3,
          note: '',
        };
        const options = { id, ...(rand() < 0.3 ? { annotator: 'carla' } : {}) };
        await steps.step(`insert claim ${id}`, () => w.project.claims.get(w.project.claims.add(f, options)), async () => pgClaims.get(await pgClaims.add(f, options)));
        if (!claims.includes(id) && (await pgClaims.get(id).then(() => true, () => false))) claims.push(id);
      } else if (roll < 0.6 && claims.length) {
        const id = rand() < 0.05 ? 'missing-claim' : pick(claims);
        const changes = rand() < 0.5 ? { stance: pick(stances()), hedged: rand() < 0.5 } : { propositionId: propId(), attribution: { entityId: null, text: 'x' } };
        await steps.step(`update claim ${id}`, () => w.project.claims.update(id, changes), () => pgClaims.update(id, changes));
      } else if (roll < 0.65 && claims.length) {
        const id = claims.splice(Math.floor(rand() * claims.length), 1)[0]!;
        await keep(`delete claim ${id}`, () => w.project.claims.delete(id), () => pgClaims.delete(id), deletedClaims);
      } else if (roll < 0.68 && deletedClaims.length) {
        const [a, b] = deletedClaims.splice(Math.floor(rand() * deletedClaims.length), 1)[0]!;
        await steps.step(`restore claim ${a.id}`, () => w.project.claims.restore(a), () => pgClaims.restore(b));
        if (await pgClaims.get(a.id).then(() => true, () => false)) claims.push(a.id);
      } else if (roll < 0.8) {
        const documentId = rand() < 0.04 ? 'missing-document' : pick(w.documents).id;
        const propositionId = propId();
        const f = { documentId, propositionId, stance: pick(stances()), justification: `because ${step}`, ...(rand() < 0.3 ? { annotator: 'dan' } : {}) };
        const current = w.project.claims.documentStance(documentId, propositionId);
        // Without an id a new stance's id is random on each engine: one is given unless the current stance is updated.
        const options = rand() < 0.2 || !current ? { id: current && rand() < 0.5 ? current.id : crypto.randomUUID() } : {};
        await steps.step(`set stance ${documentId} ${propositionId}`, () => w.project.claims.setDocumentStance(f, options), () => pgClaims.setDocumentStance(f, options));
      } else if (roll < 0.85) {
        const documentId = pick(w.documents).id;
        const propositionId = propId();
        await keep(`clear stance ${documentId} ${propositionId}`, () => w.project.claims.clearDocumentStance(documentId, propositionId), () => pgClaims.clearDocumentStance(documentId, propositionId), clearedStances);
      } else if (roll < 0.87 && clearedStances.length) {
        const [a, b] = clearedStances.splice(Math.floor(rand() * clearedStances.length), 1)[0]!;
        await steps.step(`restore stance ${a.id}`, () => w.project.claims.restoreDocumentStance(a), () => pgClaims.restoreDocumentStance(b));
      } else if (roll < 0.9) {
        // A new stance set: sometimes renaming, sometimes dropping a value in use (refused), sometimes a duplicate (refused).
        const cur = stances();
        const renamed = cur.map((v) => (rand() < 0.3 ? `${v.replace(/\d+$/u, '')}${step}` : v));
        const rename = Object.fromEntries(cur.map((v, i) => [v, renamed[i]!]).filter(([a, b]) => a !== b && rand() < 0.8));
        let values = rand() < 0.2 ? renamed.slice(1) : renamed;
        if (rand() < 0.1) values = [...values, values[0]!.toUpperCase()];
        const def = rand() < 0.2 ? 'nowhere' : undefined;
        await steps.step(`stance set ${values.join(',')}`, () => w.project.claims.setStanceSet(values, def, rename), () => pgClaims.setStanceSet(values, def, rename));
      } else {
        const id = propId();
        const a = pick(annotationIds);
        const d = pick(w.documents).id;
        const q = pick(['pakistan', 'lithium fall', '', 'cafe']);
        await steps.step(`reads ${id}`, () => w.project.propositions.summary(id), () => pgPropositions.summary(id));
        await steps.step(`snapshot ${id}`, () => w.project.propositions.snapshot(id), () => pgPropositions.snapshot(id));
        await steps.step(`search ${q}`, () => w.project.propositions.search(q), () => pgPropositions.search(q));
        await steps.step(`findByText`, () => w.project.propositions.findByText(TEXTS[0]!), () => pgPropositions.findByText(TEXTS[0]!));
        await steps.step(`forAnnotation ${a}`, () => w.project.claims.forAnnotation(a), () => pgClaims.forAnnotation(a));
        await steps.step(`stancesByDocument ${d}`, () => w.project.claims.stancesByDocument(d), () => pgClaims.stancesByDocument(d));
        await steps.step(`assertStance`, () => w.project.claims.assertStance('favor'), () => pgClaims.assertStance('favor'));
      }
    }
    expect(steps.mismatches.slice(0, 3)).toEqual([]);
    expect(steps.errors).toBeGreaterThan(30);
    // Each kind of refusal the run means to test was met, the foreign key one included.
    for (const kind of ['conflict: a proposition', 'conflict: the annotation', 'conflict: a claim link', 'conflict: stance values still in use would be removed:', 'not_found: a record this change refers', 'validation: a proposition cannot be empty', 'validation: a proposition cannot be merged into itself', 'not_found: the document takes no stance']) {
      expect([...steps.refusals]).toContain(kind);
    }
    expect(strip(await pgPropositions.list())).toEqual(strip(w.project.propositions.list()));
    expect(strip(await pgPropositions.overview())).toEqual(strip(w.project.propositions.overview()));
    expect(strip(await pgClaims.stanceSet())).toEqual(strip(w.project.claims.stanceSet()));
    for (const d of w.documents) {
      expect(strip(await pgClaims.listByDocument(d.id))).toEqual(strip(w.project.claims.listByDocument(d.id)));
      expect(strip(await pgClaims.stancesByDocument(d.id))).toEqual(strip(w.project.claims.stancesByDocument(d.id)));
    }
    for (const p of props) {
      expect(strip(await pgClaims.listByProposition(p))).toEqual(strip(w.project.claims.listByProposition(p)));
      expect(strip(await pgClaims.stancesByProposition(p))).toEqual(strip(w.project.claims.stancesByProposition(p)));
    }
    // The run made links and stances worth comparing.
    expect((await pgPropositions.list()).reduce((n, s) => n + s.claimCount, 0)).toBeGreaterThan(20);
  });

  it('keeps a refused stance-set change whole: renames done before the refusal are undone', async () => {
    const before = await pgClaims.stanceSet();
    const used = (await pgPropositions.list()).flatMap((s) => Object.keys(s.stanceCounts));
    expect(used.length).toBeGreaterThan(0);
    const renameFirst = { [before.values[0]!]: 'renamed-first' };
    const values = ['renamed-first'];
    const refusal = /stance values still in use would be removed/u;
    expect(() => w.project.claims.setStanceSet(values, undefined, renameFirst)).toThrow(refusal);
    await expect(pgClaims.setStanceSet(values, undefined, renameFirst)).rejects.toThrow(refusal);
    expect(await pgClaims.stanceSet()).toEqual(before);
    const listed = new Set((await pgPropositions.list()).flatMap((s) => Object.keys(s.stanceCounts)));
    expect(listed.has('renamed-first')).toBe(false);
  });
});
