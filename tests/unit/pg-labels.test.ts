// Labels on PostgreSQL against the SQLite engine: the same seeded run of
// creations (case variants, taken hotkeys, taken ids), edits, tree changes
// (cycles refused) and deletions (labels in use refused) gives the same
// results, errors and tagset on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import { PgLabelStore } from '../../electron/backend/store/pg/labels.ts';
import type { Label, LabelKind } from '../../shared/index.ts';
import { parityWorld, random, Steps, strip, type ParityWorld } from '../support/pg-parity.ts';

let w: ParityWorld;
let pgLabels: PgLabelStore;

beforeAll(async () => {
  w = await parityWorld();
  pgLabels = new PgLabelStore(w.client);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const NAMES = ['Person', 'person', 'PERSON', 'Place', 'Ärger', 'ärger', 'Straße', 'STRASSE', 'Claim ✓', 'claim ✓', 'Org', 'ORG', 'Événement', 'événement'];
const KINDS: LabelKind[] = ['entity', 'claim', 'other'];

describe('labels on PostgreSQL', () => {
  it('give the same results and errors as on SQLite over a seeded run of 300 changes', async () => {
    const rand = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const steps = new Steps();
    const ids = w.project.labels.list().map((l) => l.id);
    // Some labels in use, so that deleting them is refused.
    const pgAnnotations = new PgAnnotationStore(w.client);
    for (const [i, labelId] of ids.slice(0, 3).entries()) {
      const doc = w.documents[i]!;
      const input = { id: crypto.randomUUID(), documentId: doc.id, ranges: [{ start: 0, end: 4 }], labelId, annotator: 'ana' };
      w.project.annotations.create(input, doc.text);
      await pgAnnotations.create(input, doc.text);
    }
    for (let step = 0; step < 300; step++) {
      const roll = rand();
      if (roll < 0.35) {
        const id = rand() < 0.05 ? pick(ids) : crypto.randomUUID();
        const fields: Omit<Label, 'id'> = {
          name: `${pick(NAMES)}${rand() < 0.5 ? '' : ` ${Math.floor(rand() * 4)}`}`,
          kind: pick(KINDS),
          color: '#123456',
          hotkey: rand() < 0.4 ? pick(['a', 'b', 'c', 'd', 'e']) : null,
          attributes: rand() < 0.3 ? [{ name: 'certain', type: 'boolean' }] as Label['attributes'] : [],
        };
        const options = { caseVariant: rand() < 0.3 };
        await steps.step(`create ${id}`, () => w.project.labels.create(fields, id, options), () => pgLabels.create(fields, id, options));
        if (!ids.includes(id)) ids.push(id);
      } else if (roll < 0.6) {
        const id = rand() < 0.05 ? 'missing' : pick(ids);
        const changes: Partial<Omit<Label, 'id'>> = rand() < 0.5 ? { name: `${pick(NAMES)}${rand() < 0.5 ? '' : ' 1'}` } : { hotkey: rand() < 0.5 ? pick(['a', 'b', 'f']) : null, color: '#abcdef' };
        await steps.step(`update ${id}`, () => w.project.labels.update(id, changes), () => pgLabels.update(id, changes));
      } else if (roll < 0.8) {
        const id = rand() < 0.05 ? 'missing' : pick(ids);
        const fields = { parentId: rand() < 0.2 ? null : pick(ids), description: `d${step}`, ...(rand() < 0.3 ? { guid: `g${step}` } : {}) };
        await steps.step(`tree ${id}`, () => w.project.labels.setTreeFields(id, fields), () => pgLabels.setTreeFields(id, fields));
      } else if (roll < 0.9) {
        const id = rand() < 0.05 ? 'missing' : pick(ids);
        await steps.step(`delete ${id}`, () => w.project.labels.delete(id), () => pgLabels.delete(id));
      } else {
        const id = pick(ids);
        const name = pick(NAMES);
        await steps.step(`get ${id}`, () => w.project.labels.get(id), () => pgLabels.get(id));
        await steps.step(`exists ${id}`, () => w.project.labels.exists(id), () => pgLabels.exists(id));
        await steps.step(`findByName ${name}`, () => w.project.labels.findByName(name), () => pgLabels.findByName(name));
      }
    }
    expect(steps.mismatches).toEqual([]);
    expect(steps.errors).toBeGreaterThan(20);
    expect(strip(await pgLabels.list())).toEqual(strip(w.project.labels.list()));
    // treeFields has no order on either engine: compared by id.
    const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(sorted(await pgLabels.treeFields())).toEqual(sorted(w.project.labels.treeFields()));
  });
});
