// Relation types and relations on PostgreSQL against the SQLite engine: the
// same seeded run of type creations (case variants, blank names, taken ids,
// missing labels), edits and deletions (types in use refused), relations
// (one annotation twice, ends the type does not allow, duplicates and
// reversed duplicates of symmetric types, missing annotations), edits,
// attributes and deletions gives the same results, errors and lists on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgLabelStore } from '../../electron/backend/store/pg/labels.ts';
import { PgRelationStore } from '../../electron/backend/store/pg/relations.ts';
import type { RelationTypeFields } from '../../electron/backend/store/relations.ts';
import type { LabelKind } from '../../shared/index.ts';
import { parityWorld, random, Steps, strip, type ParityWorld } from '../support/pg-parity.ts';

let w: ParityWorld;
let pgRelations: PgRelationStore;
let pgLabels: PgLabelStore;
const annotationIds: string[] = [];
let labelIds: string[] = [];
let tempLabel: string;

beforeAll(async () => {
  w = await parityWorld();
  pgLabels = new PgLabelStore(w.client);
  // A label that types will name and that is then deleted: types must stop listing it.
  const temp = { name: 'Temporary', kind: 'other' as const, color: '#000000', hotkey: null, attributes: [] };
  tempLabel = w.project.labels.create(temp).id;
  await pgLabels.create(temp, tempLabel);
  labelIds = w.project.labels.list().map((l) => l.id);
  const rand = random(9);
  for (let i = 0; i < 40; i++) {
    const doc = w.documents[i % 4]!;
    const start = Math.floor(rand() * (doc.text.length - 30));
    try {
      annotationIds.push(w.project.annotations.create({ documentId: doc.id, ranges: [{ start, end: start + 6 }], labelId: labelIds[i % (labelIds.length - 1)]!, annotator: 'ana' }, doc.text).id);
    } catch {
      continue; // a range inside an emoji
    }
  }
  await w.copyRows('annotations');
  // The default types have random ids on each engine: PostgreSQL takes SQLite's.
  await w.client.query('DELETE FROM relation_types');
  await w.copyRows('relation_types');
  pgRelations = new PgRelationStore(w.client);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const NAMES = ['Says', 'says', 'SAYS', 'Cites', 'cites', 'Ärgert', 'ärgert', '  ', ' Funds ', 'Owns 🇵🇰'];
const KINDS: LabelKind[] = ['entity', 'claim', 'other'];

describe('relations on PostgreSQL', () => {
  it('give the same results and errors as on SQLite over a seeded run of 600 changes', async () => {
    const rand = random(31);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const some = <T>(xs: readonly T[]): T[] => xs.filter(() => rand() < 0.25);
    const steps = new Steps();
    const typeIds = w.project.relations.listTypes().map((t) => t.id);
    const relationIds: string[] = [];
    const typeId = () => (rand() < 0.04 ? 'missing-type' : pick(typeIds));
    const annotation = () => (rand() < 0.03 ? 'missing-annotation' : pick(annotationIds));
    for (let step = 0; step < 600; step++) {
      const roll = rand();
      if (step === 300) {
        await steps.step(`delete label ${tempLabel}`, () => w.project.labels.delete(tempLabel), () => pgLabels.delete(tempLabel));
        labelIds = labelIds.filter((l) => l !== tempLabel);
      }
      if (roll < 0.1) {
        const id = rand() < 0.05 ? pick(typeIds) : crypto.randomUUID();
        const fields: RelationTypeFields = {
          name: `${pick(NAMES)}${rand() < 0.5 ? '' : ` ${step % 7}`}`,
          color: '#336699',
          symmetric: rand() < 0.4,
          fromKinds: some(KINDS),
          toKinds: [...some(KINDS), ...some(KINDS)],
          fromLabelIds: rand() < 0.1 ? ['missing-label'] : some(labelIds),
          toLabelIds: rand() < 0.3 ? [tempLabel] : some(labelIds),
        };
        const options = { caseVariant: rand() < 0.3 };
        await steps.step(`create type ${id}`, () => w.project.relations.createType(fields, id, options), () => pgRelations.createType(fields, id, options));
        if (!typeIds.includes(id) && w.project.relations.typeExists(id)) typeIds.push(id);
      } else if (roll < 0.16) {
        const id = typeId();
        const changes: Partial<RelationTypeFields> = rand() < 0.5 ? { name: pick(NAMES) } : { symmetric: rand() < 0.5, fromKinds: some(KINDS), toLabelIds: some(labelIds) };
        await steps.step(`update type ${id}`, () => w.project.relations.updateType(id, changes), () => pgRelations.updateType(id, changes));
      } else if (roll < 0.2) {
        const id = typeId();
        await steps.step(`delete type ${id}`, () => w.project.relations.deleteType(id), () => pgRelations.deleteType(id));
        if (typeIds.includes(id) && !w.project.relations.typeExists(id)) typeIds.splice(typeIds.indexOf(id), 1);
      } else if (roll < 0.6) {
        const id = rand() < 0.03 && relationIds.length ? pick(relationIds) : crypto.randomUUID();
        const from = annotation();
        const existing = relationIds.length && rand() < 0.3 ? w.project.relations.get(pick(relationIds)) : undefined;
        // Sometimes the same pair again, or reversed (a duplicate when the type is symmetric).
        const f = existing
          ? rand() < 0.5
            ? { typeId: existing.typeId, fromAnnotationId: existing.fromAnnotationId, toAnnotationId: existing.toAnnotationId, note: '' }
            : { typeId: existing.typeId, fromAnnotationId: existing.toAnnotationId, toAnnotationId: existing.fromAnnotationId, note: '' }
          : { typeId: typeId(), fromAnnotationId: from, toAnnotationId: rand() < 0.03 ? from : annotation(), note: rand() < 0.3 ? `note ${step}` : '' };
        const options = { id, allowDuplicate: rand() < 0.1, allowAnyEnds: rand() < 0.4 };
        await steps.step(`create ${id}`, () => w.project.relations.create(f, options), () => pgRelations.create(f, options));
        if (!relationIds.includes(id) && (await pgRelations.get(id).then(() => true, () => false))) relationIds.push(id);
      } else if (roll < 0.72 && relationIds.length) {
        const id = rand() < 0.05 ? 'missing-relation' : pick(relationIds);
        const changes = rand() < 0.5 ? { note: `edited ${step}` } : rand() < 0.5 ? { typeId: typeId() } : { toAnnotationId: annotation() };
        await steps.step(`update ${id}`, () => w.project.relations.update(id, changes), () => pgRelations.update(id, changes));
      } else if (roll < 0.78 && relationIds.length) {
        const id = relationIds.splice(Math.floor(rand() * relationIds.length), 1)[0]!;
        await steps.step(`delete ${id}`, () => w.project.relations.delete(id), () => pgRelations.delete(id));
      } else if (roll < 0.82 && relationIds.length) {
        const id = pick(relationIds);
        const attributes = { weight: step, tags: ['a', 'ü'], nested: { ok: rand() < 0.5 } };
        await steps.step(`setAttributes ${id}`, () => w.project.relations.setAttributes(id, attributes), () => pgRelations.setAttributes(id, attributes));
      } else {
        const t = typeId();
        const a = pick(annotationIds);
        const d = pick(w.documents.slice(0, 4)).id;
        const name = pick(NAMES);
        await steps.step(`listTypes`, () => w.project.relations.listTypes(), () => pgRelations.listTypes());
        await steps.step(`getType ${t}`, () => w.project.relations.getType(t), () => pgRelations.getType(t));
        await steps.step(`findTypeByName ${name}`, () => w.project.relations.findTypeByName(name), () => pgRelations.findTypeByName(name));
        await steps.step(`usage ${t}`, () => w.project.relations.usage(t), () => pgRelations.usage(t));
        await steps.step(`forAnnotation ${a}`, () => w.project.relations.forAnnotation(a), () => pgRelations.forAnnotation(a));
        await steps.step(`listByDocument ${d}`, () => w.project.relations.listByDocument(d), () => pgRelations.listByDocument(d));
      }
    }
    expect(steps.mismatches.slice(0, 3)).toEqual([]);
    for (const kind of [
      'conflict: a relation type',
      'conflict: these annotations are already related',
      'conflict: relation type',
      'validation: a relation type needs a name',
      'validation: a relation needs two different annotations',
      'not_found: no annotation',
      'not_found: no label',
      'not_found: no relation type',
    ]) {
      expect([...steps.refusals]).toContain(kind);
    }
    expect(steps.errorTexts.some((e) => / cannot start at a .* annotation \(allowed /u.test(e))).toBe(true);
    expect(steps.errorTexts.some((e) => / cannot end at a .* annotation \(allowed .*labels: /u.test(e))).toBe(true);
    expect(strip(await pgRelations.listTypes())).toEqual(strip(w.project.relations.listTypes()));
    for (const d of w.documents) expect(strip(await pgRelations.listByDocument(d.id))).toEqual(strip(w.project.relations.listByDocument(d.id)));
    const stored = 'SELECT id, type_id, from_annotation_id, to_annotation_id, note, attributes, annotator FROM relations ORDER BY id';
    expect((await w.client.query(stored)).rows).toEqual(w.project.db.prepare(stored).all());
    expect(relationIds.length).toBeGreaterThan(20);
  });

  it('refuses the reversed pair of a symmetric type, and allows it for a directed one, as SQLite does', async () => {
    const [a, b] = annotationIds.slice(-2) as [string, string];
    const fields = (symmetric: boolean): RelationTypeFields => ({ name: `Pair ${symmetric}`, color: '#111111', symmetric, fromKinds: [], toKinds: [], fromLabelIds: [], toLabelIds: [] });
    const steps = new Steps();
    for (const symmetric of [true, false]) {
      const typeId = crypto.randomUUID();
      await steps.step('type', () => w.project.relations.createType(fields(symmetric), typeId), () => pgRelations.createType(fields(symmetric), typeId));
      const forward = { typeId, fromAnnotationId: a, toAnnotationId: b, note: '' };
      const reversed = { typeId, fromAnnotationId: b, toAnnotationId: a, note: '' };
      const [id1, id2] = [crypto.randomUUID(), crypto.randomUUID()];
      await steps.step('forward', () => w.project.relations.create(forward, { id: id1 }), () => pgRelations.create(forward, { id: id1 }));
      await steps.step('reversed', () => w.project.relations.create(reversed, { id: id2 }), () => pgRelations.create(reversed, { id: id2 }));
    }
    expect(steps.mismatches).toEqual([]);
    expect(steps.errorTexts).toEqual([expect.stringMatching(/^conflict: these annotations are already related by "Pair true"/u)]);
  });
});
