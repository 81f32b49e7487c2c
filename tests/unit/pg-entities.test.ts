// Entities on PostgreSQL against the SQLite engine: the same seeded run of
// creations (taken ids, blank names, repeated aliases), edits, deletions
// and restores, merges (into itself, from missing entities), mention links
// (to missing entities: a foreign key) and reads gives the same results,
// errors and lists on both engines. SQLite's composite writes run in one
// transaction as their callers run them (project.transaction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityFields } from '../../electron/backend/store/entities.ts';
import { PgEntityStore } from '../../electron/backend/store/pg/entities.ts';
import { writeTransaction } from '../../electron/backend/store/transaction.ts';
import type { EntitySnapshot } from '../../shared/index.ts';
import { parityWorld, random, Steps, strip, type ParityWorld } from '../support/pg-parity.ts';

let w: ParityWorld;
let pgEntities: PgEntityStore;
const annotationIds: string[] = [];
const entityIds: string[] = [];

beforeAll(async () => {
  w = await parityWorld();
  const labels = w.project.labels.list();
  const rand = random(5);
  for (let i = 0; i < 50; i++) {
    const doc = w.documents[i % w.documents.length]!;
    const start = Math.floor(rand() * (doc.text.length - 30));
    // A range that would split an emoji is refused by the store: that mention is left out.
    try {
      annotationIds.push(w.project.annotations.create({ documentId: doc.id, ranges: [{ start, end: start + 8 }], labelId: labels[i % labels.length]!.id, annotator: 'ana' }, doc.text).id);
    } catch {
      continue;
    }
  }
  // Entities some claims are attributed to, so that snapshots and merges carry attributions.
  for (const name of ['Reuters', 'Ana Ruiz']) entityIds.push(w.project.entities.create({ name, type: 'org', aliases: [], externalId: 'Q1', description: '' }).id);
  const p = w.project.propositions.create({ text: 'Lithium prices will fall' });
  for (const [i, a] of annotationIds.slice(0, 6).entries()) {
    w.project.claims.add({ annotationId: a, propositionId: p.id, stance: 'favor', attribution: { entityId: entityIds[i % 2]!, text: '' }, hedged: false, reported: false, note: '' });
  }
  for (const table of ['annotations', 'entities', 'propositions', 'claim_links']) await w.copyRows(table);
  pgEntities = new PgEntityStore(w.client);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const NAMES = ['Reuters', 'reuters', 'Zed Mining', 'ÄBC Metals', 'abc metals', 'Ministry of Mines', '  ', 'Éric Blanc', 'eric blanc', 'Zürich Ore', '🇵🇰 Pakistan'];

describe('entities on PostgreSQL', () => {
  it('give the same results and errors as on SQLite over a seeded run of 500 changes', async () => {
    const rand = random(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const steps = new Steps();
    const deleted: [EntitySnapshot, EntitySnapshot][] = [];
    const entityId = () => (rand() < 0.05 ? 'missing-entity' : pick(entityIds));
    const tx = <T>(fn: () => T) => () => writeTransaction(w.project.db, fn);
    for (let step = 0; step < 500; step++) {
      const roll = rand();
      if (roll < 0.2) {
        const id = rand() < 0.05 ? pick(entityIds) : crypto.randomUUID();
        const name = pick(NAMES);
        const fields: EntityFields = { name, type: pick(['org', 'person', '', ' place ']), aliases: rand() < 0.4 ? [name, ' Alias ', 'Alias', ''] : [], externalId: rand() < 0.3 ? pick(['Q1', 'Q2', ' ']) : null, description: rand() < 0.3 ? 'desc' : '' };
        await steps.step(`create ${id}`, () => w.project.entities.create(fields, { id }), () => pgEntities.create(fields, { id }));
        if (!entityIds.includes(id) && w.project.entities.exists(id)) entityIds.push(id);
      } else if (roll < 0.3) {
        const id = entityId();
        const changes: Partial<EntityFields> = rand() < 0.5 ? { name: pick(NAMES) } : { aliases: ['x', 'x', 'y'], externalId: rand() < 0.5 ? null : 'Q2' };
        await steps.step(`update ${id}`, () => w.project.entities.update(id, changes), () => pgEntities.update(id, changes));
      } else if (roll < 0.36) {
        const id = entityId();
        let a: EntitySnapshot | undefined;
        let b: EntitySnapshot | undefined;
        await steps.step(`delete ${id}`, () => (a = w.project.entities.delete(id)), async () => (b = await pgEntities.delete(id)));
        if (a && b) deleted.push([a, b]);
        if (entityIds.includes(id) && !w.project.entities.exists(id)) entityIds.splice(entityIds.indexOf(id), 1);
      } else if (roll < 0.42 && deleted.length) {
        const [a, b] = deleted.splice(Math.floor(rand() * deleted.length), 1)[0]!;
        await steps.step(`restore ${a.entity.id}`, tx(() => w.project.entities.restore(a)), () => pgEntities.restore(b));
        if (!entityIds.includes(a.entity.id)) entityIds.push(a.entity.id);
      } else if (roll < 0.47) {
        const target = entityId();
        const sources = [entityId(), ...(rand() < 0.4 ? [entityId()] : [])];
        await steps.step(`merge ${sources.join(',')} into ${target}`, tx(() => w.project.entities.merge(target, sources)), () => pgEntities.merge(target, sources));
        for (const s of sources) if (entityIds.includes(s) && !w.project.entities.exists(s)) entityIds.splice(entityIds.indexOf(s), 1);
      } else if (roll < 0.75) {
        const links = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ annotationId: pick(annotationIds), entityId: rand() < 0.2 ? null : entityId() }));
        await steps.step(`link ${JSON.stringify(links)}`, tx(() => w.project.entities.link(links)), () => pgEntities.link(links));
      } else {
        const id = entityId();
        const doc = pick(w.documents).id;
        const a = pick(annotationIds);
        const q = pick(['reuters', 'abc', '', 'eric', 'pakistan', 'alias']);
        await steps.step(`list`, () => w.project.entities.list(), () => pgEntities.list());
        await steps.step(`list ${doc}`, () => w.project.entities.list(doc), () => pgEntities.list(doc));
        await steps.step(`summary ${id}`, () => w.project.entities.summary(id), () => pgEntities.summary(id));
        await steps.step(`search ${q}`, () => w.project.entities.search(q), () => pgEntities.search(q));
        await steps.step(`snapshot ${id}`, () => w.project.entities.snapshot(id), () => pgEntities.snapshot(id));
        await steps.step(`mentions ${id}`, () => w.project.entities.mentions(id), () => pgEntities.mentions(id));
        await steps.step(`mentions ${id} in ${doc}`, () => w.project.entities.mentions(id, doc), () => pgEntities.mentions(id, doc));
        await steps.step(`commonLabel ${id}`, () => w.project.entities.commonLabel(id), () => pgEntities.commonLabel(id));
        await steps.step(`entityOf ${a}`, () => w.project.entities.entityOf(a), () => pgEntities.entityOf(a));
        await steps.step(`linksByDocument ${doc}`, () => w.project.entities.linksByDocument(doc), () => pgEntities.linksByDocument(doc));
        await steps.step(`findByExternalId`, () => w.project.entities.findByExternalId('Q1'), () => pgEntities.findByExternalId('Q1'));
        await steps.step(`findByNameAndType`, () => w.project.entities.findByNameAndType('Reuters', 'org'), () => pgEntities.findByNameAndType('Reuters', 'org'));
      }
    }
    expect(steps.mismatches.slice(0, 3)).toEqual([]);
    for (const kind of ['conflict: an entity', 'validation: an entity needs a name', 'validation: an entity cannot be merged into itself', 'not_found: no entity', 'not_found: a record this change refers']) {
      expect([...steps.refusals]).toContain(kind);
    }
    expect(strip(await pgEntities.list())).toEqual(strip(w.project.entities.list()));
    for (const d of w.documents) expect(strip(await pgEntities.linksByDocument(d.id))).toEqual(strip(w.project.entities.linksByDocument(d.id)));
    const attributions = 'SELECT id, attribution_entity_id FROM claim_links ORDER BY id';
    expect((await w.client.query(attributions)).rows).toEqual(w.project.db.prepare(attributions).all());
    expect((await pgEntities.list()).reduce((n, s) => n + s.mentionCount, 0)).toBeGreaterThan(10);
  });

  it('links a batch all or nothing: a missing entity refuses the whole batch', async () => {
    const [a, b] = annotationIds;
    const before = [await pgEntities.entityOf(a!), await pgEntities.entityOf(b!)];
    const batch = [
      { annotationId: a!, entityId: entityIds[0]! },
      { annotationId: b!, entityId: 'missing-entity' },
    ];
    await expect(pgEntities.link(batch)).rejects.toMatchObject({ kind: 'not_found' });
    expect([await pgEntities.entityOf(a!), await pgEntities.entityOf(b!)]).toEqual(before);
  });
});
