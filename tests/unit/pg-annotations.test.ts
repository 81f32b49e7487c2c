// Annotations on PostgreSQL against the SQLite engine: the same seeded run of
// creations, edits and deletions (with duplicate ids, ranges that split an
// emoji, missing annotations) on the same documents and labels gives the
// same results and the same errors on both engines, and the same lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import type { Annotation, Label } from '../../shared/index.ts';
import { parityWorld, random, type ParityWorld } from '../support/pg-parity.ts';

let world: ParityWorld;
let project: ParityWorld['project'];
let pgAnnotations: PgAnnotationStore;
let documents: { id: string; text: string }[];
let labels: Label[];

beforeAll(async () => {
  // The corpus and an emoji/RTL text on both engines, labels copied (tests/support/pg-parity.ts).
  world = await parityWorld();
  ({ project, documents } = world);
  labels = project.labels.list();
  pgAnnotations = new PgAnnotationStore(world.client);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

/** An outcome without the clock: what both engines must agree on. */
function outcome(value: Annotation | string | undefined | Annotation[]): unknown {
  const strip = (a: Annotation) => ({ ...a, createdAt: '', modifiedAt: '' });
  if (Array.isArray(value)) return value.map(strip);
  return typeof value === 'object' ? strip(value) : value;
}

async function both<T>(sqlite: () => T, postgres: () => Promise<T>): Promise<[unknown, unknown]> {
  const run = async (fn: () => T | Promise<T>) => {
    try {
      return { ok: outcome((await fn()) as never) };
    } catch (err) {
      return { error: `${(err as { kind?: string }).kind ?? 'error'}: ${(err as Error).message}` };
    }
  };
  return [await run(sqlite), await run(postgres)];
}

describe('annotations on PostgreSQL', () => {
  it('give the same results and errors as on SQLite over a seeded run of 400 changes', async () => {
    const rand = random(42);
    const live: string[] = [];
    const mismatches: string[] = [];
    let errors = 0;
    for (let step = 0; step < 400; step++) {
      const doc = documents[Math.floor(rand() * documents.length)]!;
      const roll = rand();
      let sqlite: () => unknown;
      let postgres: () => Promise<unknown>;
      let what: string;
      if (roll < 0.45 || live.length < 5) {
        // Sometimes an id that exists already (conflict), sometimes a range inside the emoji (validation).
        const reuse = rand() < 0.05 && live.length > 0;
        const id = reuse ? live[0]! : crypto.randomUUID();
        let start = Math.floor(rand() * (doc.text.length - 20));
        if (doc.text.includes('🇵🇰') && rand() < 0.1) start = doc.text.indexOf('🇵🇰') + 1;
        const ranges = rand() < 0.2 ? [{ start, end: start + 5 }, { start: start + 8, end: start + 12 }] : [{ start, end: start + 1 + Math.floor(rand() * 15) }];
        const input = { id, documentId: doc.id, ranges, labelId: labels[Math.floor(rand() * labels.length)]!.id, attributes: (rand() < 0.3 ? { certain: true, note: 'x' } : {}) as Record<string, string | boolean>, note: rand() < 0.3 ? 'a note 👍🏽' : '', annotator: rand() < 0.5 ? 'ana' : 'ben' };
        sqlite = () => project.annotations.create(input, doc.text);
        postgres = () => pgAnnotations.create(input, doc.text);
        what = `create ${id}`;
        if (!reuse) live.push(id);
      } else if (roll < 0.8) {
        const id = rand() < 0.05 ? 'missing-annotation' : live[Math.floor(rand() * live.length)]!;
        const changes = rand() < 0.5 ? { labelId: labels[Math.floor(rand() * labels.length)]!.id, note: `edit ${step}` } : { ranges: [{ start: 0, end: 1 + Math.floor(rand() * 10) }] };
        const text = () => project.documents.text(project.annotations.get(id).documentId);
        sqlite = () => project.annotations.update(id, changes, text);
        postgres = () => pgAnnotations.update(id, changes, text);
        what = `update ${id}`;
      } else {
        const at = Math.floor(rand() * live.length);
        const id = live[at]!;
        sqlite = () => project.annotations.delete(id);
        postgres = () => pgAnnotations.delete(id);
        what = `delete ${id}`;
        live.splice(at, 1);
      }
      const [a, b] = await both(sqlite as () => Annotation, postgres as () => Promise<Annotation>);
      if ('error' in (a as object)) errors++;
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${step} ${what}: ${JSON.stringify(a).slice(0, 200)} ≠ ${JSON.stringify(b).slice(0, 200)}`);
    }
    expect(mismatches).toEqual([]);
    // The run did meet each kind of refusal.
    expect(errors).toBeGreaterThan(3);
    for (const d of documents) {
      expect(outcome(await pgAnnotations.listByDocument(d.id))).toEqual(outcome(project.annotations.listByDocument(d.id)));
    }
  });

  it('finds the same span of the same annotator and label', async () => {
    const doc = documents[0]!;
    const input = { documentId: doc.id, ranges: [{ start: 3, end: 9 }], labelId: labels[0]!.id, annotator: 'carla' };
    const a = project.annotations.create({ ...input, id: crypto.randomUUID() }, doc.text);
    await pgAnnotations.create({ ...input, id: a.id }, doc.text);
    expect(await pgAnnotations.findSameSpan(doc.id, 'carla', labels[0]!.id, a.ranges)).toBe(a.id);
    expect(await pgAnnotations.findSameSpan(doc.id, 'dan', labels[0]!.id, a.ranges)).toBeUndefined();
    expect(project.annotations.findSameSpan(doc.id, 'carla', labels[0]!.id, a.ranges)).toBe(a.id);
  });
});
