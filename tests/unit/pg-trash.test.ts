// The trash on PostgreSQL against the SQLite engine: the same documents with
// annotations, entity mentions, claims, stances, relations, collections and
// text versions on both engines, then one seeded run of trashing, restoring
// (twice, after a proposition, label, entity, collection or relation type the
// saved rows point at was deleted, after the document came back under its
// id), purging and unknown ids gives the same results, errors, `dropped`
// counts and rows in every table on both; a restored document is found by
// full-text search again, and its library place is kept. One known difference,
// pinned in its own test: a row broken on its own whose parent is left out too
// counts once, with the parent, on PostgreSQL; SQLite's count depends on the
// hash order its foreign_key_check walks tables in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import { PgClaimStore } from '../../electron/backend/store/pg/claims.ts';
import { PgCollectionStore } from '../../electron/backend/store/pg/collections.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { PgEntityStore } from '../../electron/backend/store/pg/entities.ts';
import { PgLabelStore } from '../../electron/backend/store/pg/labels.ts';
import { PgPropositionStore } from '../../electron/backend/store/pg/propositions.ts';
import { PgRelationStore } from '../../electron/backend/store/pg/relations.ts';
import { PgTrashStore } from '../../electron/backend/store/pg/trash.ts';
import { openPostgres } from '../../electron/backend/store/pg/engine.ts';
import { PgVersionStore } from '../../electron/backend/store/pg/versions.ts';
import { sqliteEngine } from '../../electron/backend/store/sqlite-engine.ts';
import type { AnchorRecord } from '../../electron/backend/store/versions.ts';
import { parityWorld, random, Steps, type ParityWorld } from '../support/pg-parity.ts';

let w: ParityWorld;
const pg = {} as {
  annotations: PgAnnotationStore;
  claims: PgClaimStore;
  collections: PgCollectionStore;
  documents: PgDocumentStore;
  entities: PgEntityStore;
  labels: PgLabelStore;
  propositions: PgPropositionStore;
  relations: PgRelationStore;
  trash: PgTrashStore;
  versions: PgVersionStore;
};
const annotationIds: string[] = [];
const propositionIds: string[] = [];
const entityIds: string[] = [];
const collectionIds: string[] = [];
/** Labels used on one document each: deletable once it is in the trash. */
const rareLabelIds: string[] = [];
/** Relation types used on one document each, likewise. */
const rareTypeIds: string[] = [];

/** A range from a word's start to a later space, somewhere near `at` (0–1) of the text: never inside a character. */
function wordsAt(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf(' ', Math.floor(at * (text.length - 40))) + 1;
  const end = text.indexOf(' ', start + 2);
  return { start, end: end > start ? end : text.length };
}

/** Runs `fn` on the same state on both engines. */
async function on(sqlite: () => unknown, postgres: () => Promise<unknown>): Promise<void> {
  sqlite();
  await postgres();
}

/** A PostgreSQL transaction around `fn`, as the engine's withTransaction gives the trash. */
async function pgTx<T>(fn: () => Promise<T>): Promise<T> {
  await w.client.query('BEGIN');
  try {
    const value = await fn();
    await w.client.query('COMMIT');
    return value;
  } catch (err) {
    await w.client.query('ROLLBACK');
    throw err;
  }
}

beforeAll(async () => {
  w = await parityWorld();
  const p = w.project;
  pg.annotations = new PgAnnotationStore(w.client);
  pg.claims = new PgClaimStore(w.client);
  pg.collections = new PgCollectionStore(w.client);
  pg.documents = new PgDocumentStore(w.client);
  pg.entities = new PgEntityStore(w.client);
  pg.labels = new PgLabelStore(w.client);
  pg.propositions = new PgPropositionStore(w.client);
  pg.relations = new PgRelationStore(w.client);
  pg.trash = new PgTrashStore(w.client);
  pg.versions = new PgVersionStore(w.client);
  // The relation types' ids are random per database: SQLite's on both.
  await w.client.query('DELETE FROM relation_types');
  await w.copyRows('relation_types');
  const rand = random(7);
  const base = p.labels.list()[0]!;
  for (let i = 0; i < 3; i++) {
    const fields = { ...base, name: `Rare ${i}`, hotkey: null, position: 100 + i };
    const id = crypto.randomUUID();
    await on(() => p.labels.create(fields, id), () => pg.labels.create(fields, id));
    rareLabelIds.push(id);
  }
  const labels = p.labels.list().map((l) => l.id);
  for (let i = 0; i < 70; i++) {
    const doc = w.documents[i % w.documents.length]!;
    const input = { id: crypto.randomUUID(), documentId: doc.id, ranges: [wordsAt(doc.text, rand())], labelId: i % 4 === 0 && i % w.documents.length < 3 ? rareLabelIds[i % w.documents.length]! : labels[i % labels.length]!, annotator: i % 2 ? 'ana' : 'ben', note: i % 5 ? '' : 'a note 👍🏽' };
    await on(() => p.annotations.create(input, doc.text), () => pg.annotations.create(input, doc.text));
    annotationIds.push(input.id);
  }
  for (const name of ['Ministry of Mines', 'Ana Ruiz', 'Reuters', 'العربية']) {
    const id = crypto.randomUUID();
    const fields = { name, type: 'org', aliases: ['x'], externalId: null, description: '' };
    await on(() => p.entities.create(fields, { id }), () => pg.entities.create(fields, { id }));
    entityIds.push(id);
  }
  const links = annotationIds.filter((_, i) => i % 3 === 0).map((annotationId, i) => ({ annotationId, entityId: entityIds[i % entityIds.length]! }));
  await on(() => p.entities.link(links), () => pg.entities.link(links));
  for (const text of ['Lithium prices will fall', 'Pakistan takes part', 'Mines are safe', 'Exports 👍🏽 grow', 'Recycling is enough']) {
    const id = crypto.randomUUID();
    await on(() => p.propositions.create({ text }, { id }), () => pg.propositions.create({ text }, { id }));
    propositionIds.push(id);
  }
  const stances = p.claims.stanceSet().values;
  for (let i = 0; i < 40; i++) {
    const id = crypto.randomUUID();
    const f = {
      annotationId: annotationIds[(i * 7) % annotationIds.length]!,
      propositionId: propositionIds[i % propositionIds.length]!,
      stance: stances[i % stances.length]!,
      attribution: { entityId: i % 4 === 0 ? entityIds[i % entityIds.length]! : null, text: i % 3 ? '' : 'the minister' },
      hedged: i % 2 === 0,
      reported: i % 3 === 0,
      note: '',
    };
    // The same annotation and proposition twice is refused: skipped alike on both.
    if (p.claims.forAnnotation(f.annotationId).some((c) => c.propositionId === f.propositionId)) continue;
    await on(() => p.claims.add(f, { id }), () => pg.claims.add(f, { id }));
  }
  for (const [i, doc] of w.documents.entries()) {
    for (const [j, propositionId] of propositionIds.slice(0, 1 + (i % 3)).entries()) {
      const f = { documentId: doc.id, propositionId, stance: stances[(i + j) % stances.length]!, justification: `why ${i}` };
      const id = crypto.randomUUID();
      await on(() => p.claims.setDocumentStance(f, { id }), () => pg.claims.setDocumentStance(f, { id }));
    }
  }
  for (let i = 0; i < 2; i++) {
    const fields = { name: `Rare relation ${i}`, color: '#000000', symmetric: false, fromKinds: [], toKinds: [], fromLabelIds: [], toLabelIds: [] };
    const id = crypto.randomUUID();
    await on(() => p.relations.createType(fields, id), () => pg.relations.createType(fields, id));
    rareTypeIds.push(id);
  }
  const types = p.relations.listTypes().filter((t) => !rareTypeIds.includes(t.id));
  for (let i = 0; i < 30; i++) {
    const doc = w.documents[i % w.documents.length]!;
    const own = p.annotations.listByDocument(doc.id).map((a) => a.id);
    if (own.length < 2) continue;
    const f = { typeId: i % 3 === 0 && i % w.documents.length < 2 ? rareTypeIds[i % w.documents.length]! : types[i % types.length]!.id, fromAnnotationId: own[i % own.length]!, toAnnotationId: own[(i + 1) % own.length]!, note: i % 2 ? 'n' : '' };
    const options = { id: crypto.randomUUID(), allowDuplicate: true, allowAnyEnds: true };
    await on(() => p.relations.create(f, options), () => pg.relations.create(f, options));
  }
  for (const name of ['Reading list', 'Mining', 'Lonely']) {
    const id = crypto.randomUUID();
    const documentIds = w.documents.filter((_, i) => i % (name.length % 3 + 2) === 0).map((d) => d.id);
    await on(() => p.collections.create(name, { id, documentIds }), () => pg.collections.create(name, { id, documentIds }));
    collectionIds.push(id);
  }
  // Two text versions of the first document, with anchor records for its annotations.
  const doc = p.documents.get(w.documents[0]!.id);
  for (const version of [1, 2]) {
    const v = { documentId: doc.id, version, title: doc.title, text: doc.text, blocks: doc.blocks, summary: `v${version}`, annotator: 'ana', source: version === 1 ? ('import' as const) : ('edit' as const), createdAt: `t${version}` };
    await on(() => p.versions.insert(v), () => pg.versions.insert(v));
  }
  const records: AnchorRecord[] = p.annotations.listByDocument(doc.id).map((a) => ({ annotationId: a.id, status: 'kept', oldRanges: a.ranges, newRanges: a.ranges, oldQuote: a.quote, newQuote: a.quote }));
  await on(() => p.versions.recordAnchors(doc.id, 2, records), () => pg.versions.recordAnchors(doc.id, 2, records));
}, 180_000);

afterAll(async () => {
  await w?.close();
});

/** Columns that hold the clock, or only one engine has (PostgreSQL's identity and search vector). */
const SKIP = /(_at$|^seq$|^search$|^search_words$|^payload$)/u;

/** Every row of every table both engines have (but the change log and settings), clock left out, sorted. */
async function tables(): Promise<Record<string, string[]>> {
  const { rows: names } = await w.client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('gloss_migrations', 'change_log', 'settings') ORDER BY 1");
  const out: Record<string, string[]> = {};
  const norm = (r: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !SKIP.test(k)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v === null ? null : String(v)])));
  for (const { name } of names) {
    const a = (w.project.db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).map(norm).sort();
    const b = (await w.client.query(`SELECT * FROM "${name}"`)).rows.map(norm).sort();
    out[`sqlite ${name}`] = a;
    out[`postgres ${name}`] = b;
  }
  return out;
}

/** The table dumps of both engines that differ. */
async function differences(): Promise<string[]> {
  const t = await tables();
  const out: string[] = [];
  for (const key of Object.keys(t).filter((k) => k.startsWith('sqlite '))) {
    const name = key.slice('sqlite '.length);
    const a = t[key]!;
    const b = t[`postgres ${name}`]!;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${name}: sqlite ${a.length} rows, postgres ${b.length}: ${a.filter((r) => !b.includes(r)).slice(0, 2).join(' | ')} ≠ ${b.filter((r) => !a.includes(r)).slice(0, 2).join(' | ')}`);
  }
  return out;
}

/** A trash entry without its random id and the clock. */
function entryOf(e: { id: string; deletedAt: string }): unknown {
  return { ...e, id: '', deletedAt: '' };
}

describe('the trash on PostgreSQL', () => {
  it('gives the same entries, restores, dropped counts, errors and rows as SQLite over a seeded run', async () => {
    const p = w.project;
    const rand = random(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const steps = new Steps();
    /** Trash entries as [SQLite id, PostgreSQL id]; restored or purged ones stay, for "restore twice". */
    const entries: [string, string, string][] = [];
    const droppedSeen = new Set<string>();
    const kinds = new Set<string>();
    expect(await differences()).toEqual([]);
    for (let step = 0; step < 300; step++) {
      const roll = rand();
      const live = p.documents.list().map((d) => d.id);
      if ((roll < 0.25 && live.length > 1) || !entries.length) {
        const id = rand() < 0.04 ? 'missing-document' : pick(live);
        const pair: [string, string] = ['', ''];
        await steps.step(
          `trash ${id}`,
          () => p.transaction(() => entryOf((pair[0] = p.trash.trashDocument(id).id, p.trash.list()[0]!))),
          async () => entryOf(await pgTx(async () => ((pair[1] = (await pg.trash.trashDocument(id)).id), (await pg.trash.list())[0]!))),
        );
        // Each engine draws its own random entry id: PostgreSQL's takes SQLite's, so that the rows and messages compare.
        if (pair[0] && pair[1]) {
          await w.client.query('UPDATE trash SET id = $1 WHERE id = $2', [pair[0], pair[1]]);
          entries.push([pair[0], pair[0], id]);
        }
        kinds.add('trash');
      } else if (roll < 0.5) {
        // Mostly an entry still in the trash; sometimes one restored or purged already, or none.
        const waiting = entries.filter((e) => !live.includes(e[2]));
        const [a, b, doc] = rand() < 0.05 ? ['missing-entry', 'missing-entry', ''] : waiting.length && rand() < 0.8 ? pick(waiting) : pick(entries);
        let dropped: Record<string, number> = {};
        await steps.step(
          `restore ${doc}`,
          () => p.transaction(() => (({ dropped } = p.trash.restore(a)), { dropped })),
          async () => ({ dropped: (await pgTx(() => pg.trash.restore(b))).dropped }),
        );
        for (const [t, n] of Object.entries(dropped)) droppedSeen.add(`${t} ${n}`);
        if (p.documents.list().some((d) => d.id === doc)) kinds.add('restore');
      } else if (roll < 0.64) {
        // Something the saved rows point at goes while they are in the trash.
        const what = Math.floor(rand() * 6);
        if (what === 0 && propositionIds.length > 2) {
          const id = propositionIds.splice(Math.floor(rand() * propositionIds.length), 1)[0]!;
          await steps.step(`delete proposition ${id}`, () => p.transaction(() => p.propositions.delete(id)), () => pgTx(() => pg.propositions.delete(id)));
          kinds.add('proposition gone');
        } else if (what === 1 && rareLabelIds.length) {
          const id = pick(rareLabelIds);
          // Refused while a live annotation uses it, alike on both; gone otherwise.
          await steps.step(`delete label ${id}`, () => p.transaction(() => p.labels.delete(id)), () => pgTx(() => pg.labels.delete(id)));
          if (!p.labels.exists(id)) {
            rareLabelIds.splice(rareLabelIds.indexOf(id), 1);
            kinds.add('label gone');
          }
        } else if (what === 2 && entityIds.length > 1) {
          const id = entityIds.splice(Math.floor(rand() * entityIds.length), 1)[0]!;
          await steps.step(`delete entity ${id}`, () => p.transaction(() => p.entities.delete(id)), () => pgTx(() => pg.entities.delete(id)));
          kinds.add('entity gone');
        } else if (what === 3 && collectionIds.length > 1) {
          const id = collectionIds.splice(Math.floor(rand() * collectionIds.length), 1)[0]!;
          await steps.step(`delete collection ${id}`, () => p.transaction(() => p.collections.delete(id)), () => pgTx(() => pg.collections.delete(id)));
          kinds.add('collection gone');
        } else if (what === 4 && rareTypeIds.length) {
          const id = pick(rareTypeIds);
          await steps.step(`delete relation type ${id}`, () => p.transaction(() => p.relations.deleteType(id)), () => pgTx(() => pg.relations.deleteType(id)));
          if (!p.relations.typeExists(id)) {
            rareTypeIds.splice(rareTypeIds.indexOf(id), 1);
            kinds.add('relation type gone');
          }
        } else {
          // A document back under a trashed one's id: restoring that entry is then a conflict.
          const gone = entries.map((e) => e[2]).filter((d) => d && !live.includes(d));
          if (!gone.length) continue;
          const id = pick(gone);
          const doc = { id, name: 'again.txt', title: 'Imported again', text: 'The same id, a new text.', blocks: [], metadata: {}, contentHash: 'x' };
          await steps.step(`import ${id} again`, () => p.transaction(() => p.documents.insert(doc)), () => pgTx(() => pg.documents.insert(doc)));
          kinds.add('document back');
          const [a, b] = entries.find((e) => e[2] === id)!;
          await steps.step(`restore ${id} over its new copy`, () => p.transaction(() => p.trash.restore(a)), () => pgTx(() => pg.trash.restore(b)));
        }
      } else if (roll < 0.74) {
        // A new annotation on a live document: a plain insert after restores, its identity must be free.
        const doc = w.documents.find((d) => d.id === pick(live));
        if (!doc) continue;
        const input = { id: crypto.randomUUID(), documentId: doc.id, ranges: [wordsAt(doc.text, rand())], labelId: p.labels.list()[0]!.id, annotator: 'carla' };
        await steps.step(`annotate ${doc.id}`, () => p.transaction(() => p.annotations.create(input, doc.text)), () => pgTx(() => pg.annotations.create(input, doc.text)));
      } else if (roll < 0.84) {
        const [a, b] = rand() < 0.15 ? ['missing-entry', 'missing-entry'] : pick(entries);
        await steps.step(`purge ${a}`, () => p.transaction(() => p.trash.purge(a)), () => pgTx(() => pg.trash.purge(b)));
        kinds.add('purge');
      } else if (roll < 0.85) {
        await steps.step('purge all', () => p.transaction(() => p.trash.purge()), () => pgTx(() => pg.trash.purge()));
      } else {
        await steps.step('list', () => p.trash.list().map(entryOf), async () => (await pg.trash.list()).map(entryOf));
      }
      if (step % 10 === 9) {
        const diff = await differences();
        if (diff.length) steps.mismatches.push(`after step ${step}: ${diff.join('\n')}`);
      }
    }
    expect(steps.mismatches).toEqual([]);
    expect(await differences()).toEqual([]);
    // The library order: restored documents keep their place on both.
    expect((await pg.documents.list()).map((d) => d.id)).toEqual(p.documents.list().map((d) => d.id));
    expect(steps.refusals).toEqual(expect.any(Set));
    console.log(`${steps.errors} refusals: ${[...steps.refusals].join('; ')}; met: ${[...kinds].join(', ')}; dropped tables: ${[...droppedSeen].join(', ')}`);
  }, 300_000);

  it('leave out the same rows when a label, relation type, proposition, entity and collection go while the document is in the trash', async () => {
    const p = w.project;
    const doc = w.documents.find((d) => p.documents.list().some((x) => x.id === d.id))!;
    const labelId = crypto.randomUUID();
    const label = { ...p.labels.list()[0]!, name: 'Scenario', hotkey: null, position: 200 };
    await on(() => p.labels.create(label, labelId), () => pg.labels.create(label, labelId));
    const typeId = crypto.randomUUID();
    const type = { name: 'Scenario relation', color: '#111111', symmetric: false, fromKinds: [], toKinds: [], fromLabelIds: [], toLabelIds: [] };
    await on(() => p.relations.createType(type, typeId), () => pg.relations.createType(type, typeId));
    const propositionId = crypto.randomUUID();
    await on(() => p.propositions.create({ text: 'A scenario proposition' }, { id: propositionId }), () => pg.propositions.create({ text: 'A scenario proposition' }, { id: propositionId }));
    const entityId = crypto.randomUUID();
    const entity = { name: 'Scenario entity', type: 'org', aliases: [], externalId: null, description: '' };
    await on(() => p.entities.create(entity, { id: entityId }), () => pg.entities.create(entity, { id: entityId }));
    const collectionId = crypto.randomUUID();
    await on(() => p.collections.create('Scenario', { id: collectionId, documentIds: [doc.id] }), () => pg.collections.create('Scenario', { id: collectionId, documentIds: [doc.id] }));
    // Three annotations under the label that will go, and one under a label that stays.
    const ids: string[] = [];
    for (const [i, at] of [0.1, 0.3, 0.5, 0.7].entries()) {
      const input = { id: crypto.randomUUID(), documentId: doc.id, ranges: [wordsAt(doc.text, at)], labelId: i < 3 ? labelId : p.labels.list()[0]!.id, annotator: 'ana' };
      await on(() => p.annotations.create(input, doc.text), () => pg.annotations.create(input, doc.text));
      ids.push(input.id);
    }
    // Rows broken twice over (their own target gone, and their annotation's label) and rows broken once.
    const relation = (from: string, to: string, t: string) => {
      const options = { id: crypto.randomUUID(), allowDuplicate: true, allowAnyEnds: true };
      const f = { typeId: t, fromAnnotationId: from, toAnnotationId: to, note: '' };
      return on(() => p.relations.create(f, options), () => pg.relations.create(f, options));
    };
    await relation(ids[0]!, ids[1]!, typeId);
    await relation(ids[3]!, ids[0]!, p.relations.listTypes()[0]!.id);
    await relation(ids[3]!, ids[3] === ids[2] ? ids[1]! : ids[2]!, typeId);
    const stance = p.claims.stanceSet().values[0]!;
    for (const annotationId of [ids[0]!, ids[3]!]) {
      const f = { annotationId, propositionId, stance, attribution: { entityId: annotationId === ids[3] ? entityId : null, text: '' }, hedged: false, reported: false, note: '' };
      const id = crypto.randomUUID();
      await on(() => p.claims.add(f, { id }), () => pg.claims.add(f, { id }));
    }
    const links = [{ annotationId: ids[1]!, entityId }, { annotationId: ids[3]!, entityId }];
    await on(() => p.entities.link(links), () => pg.entities.link(links));
    const stanceFields = { documentId: doc.id, propositionId, stance, justification: 'scenario' };
    const stanceId = crypto.randomUUID();
    await on(() => p.claims.setDocumentStance(stanceFields, { id: stanceId }), () => pg.claims.setDocumentStance(stanceFields, { id: stanceId }));

    const a = p.transaction(() => p.trash.trashDocument(doc.id));
    const b = await pgTx(() => pg.trash.trashDocument(doc.id));
    await w.client.query('UPDATE trash SET id = $1 WHERE id = $2', [a.id, b.id]);
    expect(entryOf(b)).toEqual(entryOf(a));
    await on(() => p.transaction(() => p.labels.delete(labelId)), () => pgTx(() => pg.labels.delete(labelId)));
    await on(() => p.transaction(() => p.relations.deleteType(typeId)), () => pgTx(() => pg.relations.deleteType(typeId)));
    await on(() => p.transaction(() => p.propositions.delete(propositionId)), () => pgTx(() => pg.propositions.delete(propositionId)));
    await on(() => p.transaction(() => p.entities.delete(entityId)), () => pgTx(() => pg.entities.delete(entityId)));
    await on(() => p.transaction(() => p.collections.delete(collectionId)), () => pgTx(() => pg.collections.delete(collectionId)));
    const sqlite = p.transaction(() => p.trash.restore(a.id));
    const postgres = await pgTx(() => pg.trash.restore(a.id));
    // A row broken on its own whose annotation goes too (with its label) is counted once, with the annotation,
    // on PostgreSQL: parents first. SQLite deletes what PRAGMA foreign_key_check lists in the order it walks its
    // schema's hash of table names, which happens to reach annotation_entities before annotations (counting the
    // mention of ids[1] as well) and claim_links and relations after (not counting those of ids[0]).
    expect(postgres.dropped).toEqual({ annotations: 3, annotation_entities: 1, claim_links: 1, document_stances: 1, collection_documents: 1 });
    expect({ ...sqlite, dropped: { ...sqlite.dropped, annotation_entities: 1 } }).toEqual(postgres);
    expect(sqlite.dropped.annotation_entities).toBe(2);
    expect(await differences()).toEqual([]);
    expect((await pg.documents.list()).map((d) => d.id)).toEqual(p.documents.list().map((d) => d.id));
  });

  it('restores a document that full-text search finds again, at its place in the library', async () => {
    const doc = (await pg.documents.list()).find((d) => /[a-z]{5}/iu.test(d.title))!;
    const word = doc.title.match(/[a-z]{5,}/giu)!.sort((a, b) => b.length - a.length)[0]!;
    const hits = async () => (await pg.documents.search(word)).map((h) => h.document.id);
    const vector = async () => (await w.client.query('SELECT search::text AS search, search_words FROM documents WHERE id = $1', [doc.id])).rows[0] as unknown;
    expect(await hits()).toContain(doc.id);
    const order = (await pg.documents.list()).map((d) => d.id);
    const before = await vector();
    const entry = await pgTx(() => pg.trash.trashDocument(doc.id));
    expect(await hits()).not.toContain(doc.id);
    await pgTx(() => pg.trash.restore(entry.id));
    expect(await hits()).toContain(doc.id);
    expect(await vector()).toEqual(before);
    expect((await pg.documents.list()).map((d) => d.id)).toEqual(order);
  });

  it('gives a restored row a new seq when its own was taken, and keeps later plain inserts clear of kept ones', async () => {
    // The document with the most annotations.
    const { rows: top } = await w.client.query<{ id: string }>('SELECT document_id AS id FROM annotations GROUP BY document_id ORDER BY count(*) DESC LIMIT 1');
    const doc = { id: top[0]!.id };
    const seqOf = async (id: string) => (await w.client.query<{ seq: string }>('SELECT seq FROM documents WHERE id = $1', [id])).rows[0]!.seq;
    const before = await seqOf(doc.id);
    const entry = await pgTx(() => pg.trash.trashDocument(doc.id));
    // Another document takes the old number meanwhile.
    await w.client.query("INSERT INTO documents (id, seq, name, title, text, blocks, metadata, content_hash, created_at, modified_at) OVERRIDING SYSTEM VALUE VALUES ('squatter', $1, 's', 's', 's', '[]', '{}', 'h', 't', 't')", [before]);
    await pgTx(() => pg.trash.restore(entry.id));
    expect(BigInt(await seqOf(doc.id))).toBeGreaterThan(BigInt(before));
    await w.client.query("DELETE FROM documents WHERE id = 'squatter'");
    // A payload whose numbers are past the sequence (saved before a reset): kept, and the sequence moved past them.
    const again = await pgTx(() => pg.trash.trashDocument(doc.id));
    const { rows } = await w.client.query<{ payload: string }>('SELECT payload FROM trash WHERE id = $1', [again.id]);
    const payload = JSON.parse(rows[0]!.payload) as { table: string; row: Record<string, string | null> }[];
    for (const [i, r] of payload.entries()) if (r.table === 'annotations') r.row.seq = String(900_000 + i);
    payload[0]!.row.seq = '900000';
    await w.client.query('UPDATE trash SET payload = $1 WHERE id = $2', [JSON.stringify(payload), again.id]);
    await pgTx(() => pg.trash.restore(again.id));
    expect(await seqOf(doc.id)).toBe('900000');
    await pg.documents.insert({ id: 'after-restore', name: 'a', title: 'a', text: 'a', blocks: [], metadata: {}, contentHash: 'a' });
    expect(BigInt(await seqOf('after-restore'))).toBeGreaterThan(900_000n);
    const text = w.documents.find((d) => d.id === doc.id)!.text;
    const annotation = await pg.annotations.create({ id: crypto.randomUUID(), documentId: doc.id, ranges: [wordsAt(text, 0.5)], labelId: (await pg.labels.list())[0]!.id, annotator: 'ana' }, text);
    const { rows: seqs } = await w.client.query<{ seq: string }>('SELECT seq FROM annotations WHERE id = $1', [annotation.id]);
    expect(BigInt(seqs[0]!.seq)).toBeGreaterThan(900_000n);
    await w.client.query("DELETE FROM documents WHERE id = 'after-restore'");
  });

  it('covers a table added later (bytea, jsonb, json, timestamptz, an always-generated identity, a composite key) and anchors on several documents', async () => {
    await w.client.query(`CREATE TABLE scratch_parts (
      document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      n integer NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      bytes bytea, doc jsonb, raw json, at timestamptz, tags text[], twice integer GENERATED ALWAYS AS (n * 2) STORED,
      PRIMARY KEY (document_id, n))`);
    await w.client.query(`CREATE TABLE scratch_notes (
      document_id text NOT NULL, n integer NOT NULL, note text NOT NULL,
      FOREIGN KEY (document_id, n) REFERENCES scratch_parts(document_id, n) ON DELETE CASCADE)`);
    try {
      const docs = (await pg.documents.list()).slice(0, 2).map((d) => d.id);
      for (const [i, id] of docs.entries()) {
        await w.client.query("INSERT INTO scratch_parts (document_id, n, bytes, doc, raw, at, tags) VALUES ($1, 1, $2, $3, $4, '2026-01-02 03:04:05.123456+05:30', ARRAY['a,b', 'c\"d', NULL])", [
          id,
          Buffer.from([0, 1, 2, 255, i]),
          JSON.stringify({ b: [1, { x: null }], a: 'é👍🏽' }),
          '{"b": 1,  "a": [2]}',
        ]);
        await w.client.query("INSERT INTO scratch_notes VALUES ($1, 1, 'one'), ($1, 1, 'two')", [id]);
        // Text versions and anchors on both documents with the same version numbers: each keeps its own.
        const d = await pg.documents.get(id);
        for (const version of [7, 8]) await pg.versions.insert({ documentId: id, version, title: d.title, text: d.text, blocks: d.blocks, summary: 's', annotator: 'ana', source: 'edit', createdAt: 't' });
        const own = (await pg.annotations.listByDocument(id)).slice(0, 2);
        await pg.versions.recordAnchors(id, 8, own.map((a) => ({ annotationId: a.id, status: 'kept' as const, oldRanges: a.ranges, newRanges: a.ranges, oldQuote: a.quote, newQuote: a.quote })));
      }
      const dump = async () =>
        (await w.client.query("SELECT (SELECT json_agg(p ORDER BY document_id) FROM (SELECT document_id, n, id, encode(bytes, 'hex') AS bytes, doc, raw::text AS raw, at, tags, twice FROM scratch_parts) p)::text AS parts, (SELECT json_agg(x ORDER BY document_id, note) FROM scratch_notes x)::text AS notes, (SELECT json_agg(a ORDER BY annotation_id, version) FROM annotation_anchors a)::text AS anchors, (SELECT json_agg(v ORDER BY document_id, version) FROM document_versions v)::text AS versions")).rows[0] as Record<string, string>;
      const before = await dump();
      // A new instance: the catalog is read afresh, with the new tables.
      const trash = new PgTrashStore(w.client);
      const entry = await pgTx(() => trash.trashDocument(docs[0]!));
      const { rows } = await w.client.query<{ n: number }>('SELECT count(*)::int AS n FROM scratch_parts');
      expect(rows[0]!.n).toBe(1);
      const saved = JSON.parse((await w.client.query<{ payload: string }>('SELECT payload FROM trash WHERE id = $1', [entry.id])).rows[0]!.payload) as { table: string; row: Record<string, string> }[];
      expect(saved.filter((r) => r.table === 'annotation_anchors').every((r) => r.row.document_id === docs[0])).toBe(true);
      expect(saved.filter((r) => r.table === 'scratch_notes')).toHaveLength(2);
      expect(await pgTx(() => trash.restore(entry.id))).toEqual({ documentId: docs[0], dropped: {} });
      expect(await dump()).toEqual(before);
    } finally {
      await w.client.query('DROP TABLE scratch_notes; DROP TABLE scratch_parts');
    }
  });

  it('is on both engines\' repositories, in their transactions', async () => {
    const engines = [sqliteEngine(w.project), await openPostgres(w.server.url)];
    try {
      const results: unknown[] = [];
      for (const engine of engines) {
        const documentId = (await engine.read((r) => r.documents.list()))[0]!.id;
        const entry = await engine.withTransaction((r) => r.trash.trashDocument(documentId));
        expect((await engine.read((r) => r.trash.list())).map((e) => e.id)).toContain(entry.id);
        // A failed restore inside the transaction leaves the entry where it was.
        await expect(engine.withTransaction((r) => r.trash.restore('missing-entry'))).rejects.toMatchObject({ kind: 'not_found' });
        results.push(await engine.withTransaction((r) => r.trash.restore(entry.id)));
        expect(await engine.read((r) => r.documents.list())).toContainEqual(expect.objectContaining({ id: documentId }));
      }
      expect(results[1]).toEqual(results[0]);
    } finally {
      // The SQLite engine's close would close the shared project: only PostgreSQL's pool is closed here.
      await engines[1]!.close();
    }
  });
});
