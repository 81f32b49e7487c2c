// The research model on a real SQLite file and the real corpus, through the
// API dispatcher (so arguments are validated against the contract): entities
// and propagation, propositions with claims and stances, relations, undo by
// inverse operations, and errors that change nothing.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import type { Args, DocumentSummary, ErrorKind, Method, Result } from '../../shared/index.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let file: string;
let project: Project;
let dispatch: Dispatch;
let docs: Record<'partners' | 'sidelines' | 'whiteHouse', DocumentSummary>;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'project.gloss');
  project = await Project.open(file);
  dispatch = createDispatcher(project);
  const imported = await importSources(project, readSources([CORPUS_DIR]));
  const byName = (n: string) => imported.find((d) => d.name === n)!;
  docs = { partners: byName('pakistan-among-key-partners'), sidelines: byName('pakistan-on-the-sidelines'), whiteHouse: byName('rare-earth-diplomacy-white-house') };
});
afterEach(() => {
  project.close();
  cleanup();
});

/** Calls an API method as a transport does; throws the error envelope as an Error with `kind`. */
async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const r = await dispatch(method, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.result as Result<M>;
}

/** The error kind and message of a failing call. */
async function failure<M extends Method>(method: M, args: Args<M>): Promise<{ kind: ErrorKind; message: string }> {
  const r = await dispatch(method, args);
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

function text(documentId: string): string {
  return project.documents.text(documentId);
}

/** The range of the `nth` occurrence of `phrase` in a document. */
function rangeOf(documentId: string, phrase: string, nth = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text(documentId).indexOf(phrase, start + 1);
  if (start < 0) throw new Error(`"${phrase}" not found`);
  return { start, end: start + phrase.length };
}

function labelId(name: string): string {
  return project.labels.findByName(name)!.id;
}

async function annotate(documentId: string, phrase: string, label: string, nth = 0) {
  return call('annotations.create', { documentId, ranges: [rangeOf(documentId, phrase, nth)], labelId: labelId(label) });
}

/** Whole-word occurrences of `word`, counted independently of the matcher under test. */
function wholeWordCount(documentId: string, word: string): number {
  const t = text(documentId);
  let n = 0;
  for (let i = t.indexOf(word); i >= 0; i = t.indexOf(word, i + 1)) {
    const before = t.slice(0, i).at(-1) ?? ' ';
    const after = t[i + word.length] ?? ' ';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) n++;
  }
  return n;
}

function count(table: string): number {
  return (project.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every table the research model writes, counted: "nothing changed" means these stay equal. */
function counts() {
  return Object.fromEntries(
    ['annotations', 'entities', 'annotation_entities', 'propositions', 'claim_links', 'document_stances', 'relations', 'relation_types', 'labels'].map((t) => [t, count(t)]),
  );
}

describe('entities', () => {
  it('tags "Pakistan" as an entity and propagates it to every mention in the three articles', async () => {
    const first = await annotate(docs.partners.id, 'Pakistan', 'Location');
    const pakistan = await call('entities.create', { name: 'Pakistan', externalId: 'Q843', description: 'Country in South Asia', annotationId: first.id });
    expect(pakistan.type).toBe('Location'); // taken from the mention's label
    expect(await call('entities.linksByDocument', { documentId: docs.partners.id })).toEqual({ links: [{ annotationId: first.id, entityId: pakistan.id }], entities: [pakistan] });

    // In the document first, then across the corpus.
    const inDoc = await call('entities.propagationCandidates', { annotationId: first.id, scope: 'document' });
    expect(inDoc.candidates).toHaveLength(wholeWordCount(docs.partners.id, 'Pakistan') - 1);
    const found = await call('entities.propagationCandidates', { annotationId: first.id, scope: 'corpus' });
    expect(found.entityId).toBe(pakistan.id);
    expect(found.labelId).toBe(labelId('Location'));
    const expected = {
      [docs.partners.id]: wholeWordCount(docs.partners.id, 'Pakistan') - 1,
      [docs.sidelines.id]: wholeWordCount(docs.sidelines.id, 'Pakistan'),
      [docs.whiteHouse.id]: wholeWordCount(docs.whiteHouse.id, 'Pakistan'),
    };
    const perDoc: Record<string, number> = {};
    for (const c of found.candidates) perDoc[c.document.id] = (perDoc[c.document.id] ?? 0) + 1;
    expect(perDoc).toEqual(expected);
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    for (const c of found.candidates) {
      expect(c.text).toBe('Pakistan');
      expect(text(c.document.id).slice(c.start, c.end)).toBe('Pakistan');
      expect(c.prefix + c.text + c.suffix).toBe(text(c.document.id).slice(c.start - c.prefix.length, c.end + c.suffix.length));
      expect(c.annotationId).toBeNull();
    }
    // "Pakistani" is another word; "US-Pakistan" and "Pakistan’s" hold the name.
    expect(found.candidates.some((c) => c.suffix.startsWith('i'))).toBe(false);
    expect(found.candidates.some((c) => c.prefix.endsWith('US-'))).toBe(true);

    // Accept all.
    const done = await call('entities.propagate', {
      entityId: pakistan.id,
      labelId: found.labelId,
      candidates: found.candidates.map((c) => ({ documentId: c.document.id, start: c.start, end: c.end })),
    });
    expect(done.created).toHaveLength(found.candidates.length);
    expect(done.skipped).toBe(0);
    const total = found.candidates.length + 1;
    const summary = await call('entities.get', { id: pakistan.id });
    expect(summary.mentionCount).toBe(total);
    expect(summary.documents.map((d) => [d.document.name, d.count])).toEqual([
      ['pakistan-among-key-partners', expected[docs.partners.id]! + 1],
      ['pakistan-on-the-sidelines', expected[docs.sidelines.id]],
      ['rare-earth-diplomacy-white-house', expected[docs.whiteHouse.id]],
    ]);
    const mentions = await call('entities.mentions', { entityId: pakistan.id });
    expect(mentions).toHaveLength(total);
    expect(mentions.every((m) => m.annotation.quote === 'Pakistan')).toBe(true);
    expect((await call('entities.list', { documentId: docs.whiteHouse.id })).map((s) => s.entity.name)).toEqual(['Pakistan']);

    // Nothing left to propagate; propagating again changes nothing.
    expect((await call('entities.propagationCandidates', { entityId: pakistan.id, scope: 'corpus' })).candidates).toEqual([]);
    const again = await call('entities.propagate', { entityId: pakistan.id, labelId: found.labelId, candidates: [{ documentId: docs.sidelines.id, ...rangeOf(docs.sidelines.id, 'Pakistan') }] });
    expect(again).toEqual({ created: [], linked: [], skipped: 1 });

    // Undo the propagation, then redo it: the same annotations come back with their links.
    const before = counts();
    const removed = await call('snapshots.deleteAnnotations', { annotationIds: done.created.map((a) => a.id) });
    expect((await call('entities.get', { id: pakistan.id })).mentionCount).toBe(1);
    await call('snapshots.restore', { snapshots: removed });
    expect(counts()).toEqual(before);
    expect((await call('entities.get', { id: pakistan.id })).mentionCount).toBe(total);
  });

  it('offers an existing annotation with the label for linking, and a selected subset only is tagged', async () => {
    const tagged = await annotate(docs.whiteHouse.id, 'Pakistan', 'Location');
    const untagged = await annotate(docs.whiteHouse.id, 'Pakistan', 'Location', 1);
    const entity = await call('entities.create', { name: 'Pakistan', aliases: ['Islamabad'], annotationId: tagged.id });
    const { candidates } = await call('entities.propagationCandidates', { annotationId: tagged.id, scope: 'document' });
    const existing = candidates.find((c) => c.start === untagged.ranges[0]!.start)!;
    expect(existing.annotationId).toBe(untagged.id);
    const result = await call('entities.propagate', {
      entityId: entity.id,
      labelId: labelId('Location'),
      candidates: [existing, candidates.find((c) => c.annotationId === null)!].map((c) => ({ documentId: c.document.id, start: c.start, end: c.end, annotationId: c.annotationId })),
    });
    expect(result.linked).toEqual([{ annotationId: untagged.id, entityId: entity.id, previousEntityId: null }]);
    expect(result.created).toHaveLength(1);
    expect((await call('entities.get', { id: entity.id })).mentionCount).toBe(3);

    // Aliases count as matches ("Islamabad" appears in the sidelines article).
    const corpus = await call('entities.propagationCandidates', { entityId: entity.id, scope: 'corpus' });
    expect(corpus.candidates.filter((c) => c.form === 'Islamabad').length).toBe(wholeWordCount(docs.sidelines.id, 'Islamabad') + wholeWordCount(docs.partners.id, 'Islamabad') + wholeWordCount(docs.whiteHouse.id, 'Islamabad'));
  });

  it('searches names and aliases ignoring case and accents, by prefix, word and small typos', async () => {
    await call('entities.create', { name: 'Pakistan', type: 'Location' });
    await call('entities.create', { name: 'Shehbaz Sharif', type: 'Person', aliases: ['Prime Minister Sharif'] });
    await call('entities.create', { name: 'Asim Munir', type: 'Person', aliases: ['Field Marshal Asim Munir'] });
    await call('entities.create', { name: 'Kinshasa Ministère des Mines', type: 'Organization' });
    const top = async (query: string) => (await call('entities.search', { query }))[0]?.entity.entity.name;
    expect(await top('pakistan')).toBe('Pakistan');
    expect(await top('PAK')).toBe('Pakistan');
    expect(await top('pakstan')).toBe('Pakistan'); // one letter missing
    expect(await top('Paksitan')).toBe('Pakistan'); // two letters swapped
    expect(await top('sharif')).toBe('Shehbaz Sharif');
    expect(await top('field marshal')).toBe('Asim Munir');
    expect(await top('ministere')).toBe('Kinshasa Ministère des Mines');
    const hits = await call('entities.search', { query: 'field marshal' });
    expect(hits[0]!.matched).toBe('Field Marshal Asim Munir');
    expect(await call('entities.search', { query: 'zzzz' })).toEqual([]);
    expect((await call('entities.search', { query: '' })).length).toBe(4);
  });

  it('deletes, restores and merges entities without losing mentions', async () => {
    const a1 = await annotate(docs.whiteHouse.id, 'Asim Munir', 'Person');
    const a2 = await annotate(docs.sidelines.id, 'Asim Munir', 'Person');
    const munir = await call('entities.create', { name: 'Asim Munir', annotationId: a1.id });
    const dup = await call('entities.create', { name: 'Field Marshal Munir', externalId: 'Q7805938', annotationId: a2.id });

    const snap = await call('entities.delete', { id: dup.id });
    expect(snap.annotationIds).toEqual([a2.id]);
    expect(project.entities.entityOf(a2.id)).toBeNull();
    expect(project.annotations.get(a2.id).id).toBe(a2.id); // the mention stays
    await call('entities.restore', { snapshot: snap });
    expect(project.entities.entityOf(a2.id)).toBe(dup.id);

    const merged = await call('entities.merge', { targetId: munir.id, sourceIds: [dup.id] });
    expect(merged.entity.aliases).toEqual(['Field Marshal Munir']);
    expect(merged.entity.externalId).toBe('Q7805938');
    expect((await call('entities.get', { id: munir.id })).mentionCount).toBe(2);
    expect((await failure('entities.get', { id: dup.id })).kind).toBe('not_found');
    // Undo the merge.
    const { id: _id, createdAt: _c, modifiedAt: _m, ...previous } = merged.previous;
    await call('entities.update', { id: munir.id, ...previous });
    for (const s of merged.merged) await call('entities.restore', { snapshot: s });
    expect(project.entities.entityOf(a2.id)).toBe(dup.id);
    expect((await call('entities.get', { id: munir.id })).entity.aliases).toEqual([]);

    // Linking many at once, and undoing it with the previous links.
    const changes = await call('entities.link', { links: [{ annotationId: a1.id, entityId: dup.id }, { annotationId: a2.id, entityId: null }] });
    expect(changes).toEqual([
      { annotationId: a1.id, entityId: dup.id, previousEntityId: munir.id },
      { annotationId: a2.id, entityId: null, previousEntityId: dup.id },
    ]);
    await call('entities.link', { links: changes.map((c) => ({ annotationId: c.annotationId, entityId: c.previousEntityId })) });
    expect([project.entities.entityOf(a1.id), project.entities.entityOf(a2.id)]).toEqual([munir.id, dup.id]);
  });

  it('rejects bad input with a clear error and changes nothing', async () => {
    const a = await annotate(docs.partners.id, 'Pakistan', 'Location');
    const entity = await call('entities.create', { name: 'Pakistan' });
    const before = counts();
    expect(await failure('entities.create', { name: '   ' })).toMatchObject({ kind: 'validation' });
    expect(await failure('entities.create', { name: 'X', annotationId: 'nope' })).toMatchObject({ kind: 'not_found' });
    // One bad link in a batch: none is applied.
    expect(await failure('entities.link', { links: [{ annotationId: a.id, entityId: entity.id }, { annotationId: a.id, entityId: 'missing' }] })).toMatchObject({
      kind: 'not_found',
      message: 'no entity with id missing',
    });
    expect(project.entities.entityOf(a.id)).toBeNull();
    // An unknown label, and a range past the end in the middle of a batch: no annotation is created.
    const range = rangeOf(docs.sidelines.id, 'Pakistan');
    expect(await failure('entities.propagate', { entityId: entity.id, labelId: 'no-such-label', candidates: [{ documentId: docs.sidelines.id, ...range }] })).toMatchObject({ kind: 'not_found' });
    expect(
      await failure('entities.propagate', {
        entityId: entity.id,
        labelId: labelId('Location'),
        candidates: [
          { documentId: docs.sidelines.id, ...range },
          { documentId: docs.sidelines.id, start: 10_000_000, end: 10_000_008 },
        ],
      }),
    ).toMatchObject({ kind: 'validation' });
    expect(await failure('entities.propagationCandidates', { entityId: entity.id, scope: 'corpus' })).toMatchObject({ kind: 'validation' }); // no label known yet
    expect(counts()).toEqual(before);
  });
});

describe('propositions, claims and stances', () => {
  const PROPOSITION = 'Pakistan takes part in the 2026 Critical Minerals Ministerial';

  /** A claim in "among key partners" in favour, one in "on the sidelines" against, as the issue describes. */
  async function twoClaims() {
    const favor = await annotate(docs.partners.id, 'Pakistan has emerged as a notable partner in the US strategy', 'Claim');
    const against = await annotate(docs.sidelines.id, 'Pakistan was not invited to the Global Minerals Conference', 'Claim');
    const first = await call('claims.link', { annotationId: favor.id, propositionText: PROPOSITION, stance: 'favor' });
    expect(first.createdProposition).toBe(true);
    // Typed again with other case and a full stop: the same proposition.
    const second = await call('claims.link', {
      annotationId: against.id,
      propositionText: `  ${PROPOSITION.toLowerCase()}. `,
      stance: 'against',
      attribution: { text: 'Former Pakistani envoy Abdul Basit' },
      reported: true,
    });
    expect(second.createdProposition).toBe(false);
    expect(second.proposition.id).toBe(first.proposition.id);
    return { favor, against, proposition: first.proposition, claims: [first.claim, second.claim] };
  }

  it('links claims in two articles to one proposition with opposite stances, and the overview shows both', async () => {
    const { favor, against, proposition, claims } = await twoClaims();
    expect(claims[0]).toMatchObject({ stance: 'favor', documentId: docs.partners.id, propositionText: PROPOSITION, hedged: false, reported: false });
    expect(claims[1]).toMatchObject({ stance: 'against', attribution: { entityId: null, text: 'Former Pakistani envoy Abdul Basit' }, reported: true });
    const neutral = await call('stances.setDocument', { documentId: docs.whiteHouse.id, propositionId: proposition.id, stance: 'neutral', justification: 'Reports the White House meeting only.' });
    expect(neutral.previous).toBeNull();

    const [overview] = await call('propositions.overview', {});
    expect(overview).toMatchObject({ proposition: { id: proposition.id, text: PROPOSITION }, claimCount: 2, documentCount: 3, stanceCounts: { favor: 1, against: 1 } });
    expect(overview!.documents.map((d) => [d.document.name, d.claims.map((c) => [c.claim.stance, c.quote]), d.documentStance?.stance ?? null])).toEqual([
      ['pakistan-among-key-partners', [['favor', favor.quote]], null],
      ['pakistan-on-the-sidelines', [['against', against.quote]], null],
      ['rare-earth-diplomacy-white-house', [], 'neutral'],
    ]);
    expect((await call('propositions.list', {}))[0]).toMatchObject({ claimCount: 2, documentCount: 3 });
    expect((await call('propositions.search', { query: 'critical minerals pakistan' }))[0]!.proposition.id).toBe(proposition.id);
    expect((await call('propositions.search', { query: 'ministeral' }))[0]!.proposition.id).toBe(proposition.id); // a typo
    expect(await call('claims.listByDocument', { documentId: docs.sidelines.id })).toEqual([claims[1]]);
    expect(await call('stances.listByDocument', { documentId: docs.whiteHouse.id })).toEqual([neutral.stance]);

    // A passage may bear on several propositions.
    const more = await call('claims.link', { annotationId: against.id, propositionText: 'The US treats Pakistan as a central strategic partner', stance: 'against', hedged: true });
    expect(more.createdProposition).toBe(true);
    expect((await call('claims.forAnnotation', { annotationId: against.id })).map((c) => c.propositionText)).toEqual([PROPOSITION, 'The US treats Pakistan as a central strategic partner']);

    // Saved at once: a fresh process sees it all.
    const other = await Project.open(file);
    try {
      expect(other.propositions.overview()).toEqual(await call('propositions.overview', {}));
    } finally {
      other.close();
    }
  });

  it('updates, unlinks and restores claims, stances and propositions (undo)', async () => {
    const { against, proposition, claims } = await twoClaims();
    const basit = await call('entities.create', { name: 'Abdul Basit', type: 'Person' });
    const updated = await call('claims.update', { id: claims[1]!.id, attribution: { entityId: basit.id, text: '' }, hedged: true, note: 'quoted' });
    expect(updated).toMatchObject({ attribution: { entityId: basit.id, text: '' }, hedged: true, note: 'quoted', stance: 'against' });

    // Unlink, then link again under the old id with the old fields.
    const unlinked = await call('claims.unlink', { id: updated.id });
    expect(await call('claims.forAnnotation', { annotationId: against.id })).toEqual([]);
    const { claim: back } = await call('claims.link', {
      id: unlinked.id,
      annotationId: unlinked.annotationId,
      propositionId: unlinked.propositionId,
      stance: unlinked.stance,
      attribution: unlinked.attribution,
      hedged: unlinked.hedged,
      reported: unlinked.reported,
      note: unlinked.note,
    });
    expect({ ...back, createdAt: '', modifiedAt: '' }).toEqual({ ...unlinked, createdAt: '', modifiedAt: '' });

    // Document stance: set, change (previous returned), clear.
    const set = await call('stances.setDocument', { documentId: docs.sidelines.id, propositionId: proposition.id, stance: 'against' });
    const changed = await call('stances.setDocument', { documentId: docs.sidelines.id, propositionId: proposition.id, stance: 'neutral', justification: 'hedges' });
    expect(changed.previous).toEqual(set.stance);
    expect(changed.stance.id).toBe(set.stance.id);
    expect(await call('stances.clearDocument', { documentId: docs.sidelines.id, propositionId: proposition.id })).toEqual(changed.stance);
    expect(await failure('stances.clearDocument', { documentId: docs.sidelines.id, propositionId: proposition.id })).toMatchObject({ kind: 'not_found' });
    await call('stances.setDocument', { documentId: docs.sidelines.id, propositionId: proposition.id, stance: 'against' });

    // Deleting a proposition takes its claims and stances; restoring brings them back.
    const overview = await call('propositions.overview', {});
    const before = counts();
    const snapshot = await call('propositions.delete', { id: proposition.id });
    expect(snapshot.claims).toHaveLength(2);
    expect(snapshot.documentStances).toHaveLength(1);
    expect(count('claim_links')).toBe(0);
    await call('propositions.restore', { snapshot });
    expect(counts()).toEqual(before);
    expect(await call('propositions.overview', {})).toEqual(overview);

    // Deleting the entity clears the attribution; restoring it puts it back.
    const entitySnap = await call('entities.delete', { id: basit.id });
    expect(entitySnap.attributedClaimIds).toEqual([updated.id]);
    expect(project.claims.get(updated.id).attribution.entityId).toBeNull();
    await call('entities.restore', { snapshot: entitySnap });
    expect(project.claims.get(updated.id).attribution.entityId).toBe(basit.id);
  });

  it('merges two wordings of one proposition', async () => {
    const { favor, proposition } = await twoClaims();
    const other = await annotate(docs.whiteHouse.id, 'presenting a box of rare earth minerals', 'Claim');
    const { proposition: wording } = await call('claims.link', { annotationId: other.id, propositionText: 'Pakistan participates in the Washington minerals ministerial', stance: 'favor' });
    await call('claims.link', { annotationId: favor.id, propositionId: wording.id, stance: 'favor' }); // a duplicate after the merge
    const before = await call('propositions.overview', {});
    const merged = await call('propositions.merge', { targetId: proposition.id, sourceIds: [wording.id] });
    const [after] = await call('propositions.overview', {});
    expect(after).toMatchObject({ claimCount: 3, documentCount: 3, stanceCounts: { favor: 2, against: 1 } });
    for (const s of merged.merged) await call('propositions.restore', { snapshot: s });
    expect(await call('propositions.overview', {})).toEqual(before);
  });

  it('uses the project stance set: another tagset, renames, and values in use', async () => {
    const { claims } = await twoClaims();
    const tagset = await call('tagset.get', {});
    expect(tagset.stances).toEqual({ values: ['favor', 'against', 'neutral'], defaultValue: 'neutral' });
    expect(await failure('claims.update', { id: claims[0]!.id, stance: 'agree' })).toMatchObject({ kind: 'validation', message: 'unknown stance "agree"; the project\'s stances are favor, against, neutral' });

    // Removing a value still in use is refused and changes nothing.
    expect(await failure('tagset.setStanceValues', { values: ['agree', 'disagree', 'discuss'], rename: { favor: 'agree' } })).toMatchObject({ kind: 'conflict' });
    expect(project.claims.get(claims[0]!.id).stance).toBe('favor');
    const { stances, previous } = await call('tagset.setStanceValues', {
      values: ['agree', 'disagree', 'discuss', 'unrelated'],
      defaultValue: 'discuss',
      rename: { favor: 'agree', against: 'disagree', neutral: 'discuss' },
    });
    expect(stances).toEqual({ values: ['agree', 'disagree', 'discuss', 'unrelated'], defaultValue: 'discuss' });
    expect(previous.values).toEqual(['favor', 'against', 'neutral']);
    expect(project.claims.get(claims[0]!.id).stance).toBe('agree');
    expect(project.claims.get(claims[1]!.id).stance).toBe('disagree');
    // New claims take the default.
    const c = await annotate(docs.whiteHouse.id, 'presenting a box of rare earth minerals', 'Claim');
    expect((await call('claims.link', { annotationId: c.id, propositionId: claims[0]!.propositionId })).claim.stance).toBe('discuss');
    expect(await failure('tagset.setStanceValues', { values: ['a', 'A'] })).toMatchObject({ kind: 'validation' });
  });

  it('rejects bad input with a clear error and changes nothing', async () => {
    const { favor, proposition } = await twoClaims();
    const entityMention = await annotate(docs.partners.id, 'Pakistan', 'Location');
    const before = counts();
    expect(await failure('propositions.create', { text: '   ' })).toMatchObject({ kind: 'validation', message: 'text: a proposition cannot be empty' });
    expect(await failure('claims.link', { annotationId: favor.id, propositionText: '' })).toMatchObject({ kind: 'validation' });
    expect(await failure('claims.link', { annotationId: favor.id })).toMatchObject({ kind: 'validation' });
    expect(await failure('propositions.create', { text: PROPOSITION.toUpperCase() })).toMatchObject({ kind: 'conflict' });
    expect(await failure('claims.link', { annotationId: favor.id, propositionId: proposition.id })).toMatchObject({ kind: 'conflict' }); // already linked
    expect(await failure('claims.link', { annotationId: favor.id, propositionId: 'nope' })).toMatchObject({ kind: 'not_found' });
    // A new proposition typed with a bad stance is not created either.
    expect(await failure('claims.link', { annotationId: favor.id, propositionText: 'Something new', stance: 'maybe' })).toMatchObject({ kind: 'validation' });
    expect(await failure('claims.link', { annotationId: entityMention.id, propositionText: 'Something new' })).toMatchObject({ kind: 'validation' });
    expect(await failure('claims.link', { annotationId: favor.id, propositionText: 'Something new', attribution: { entityId: 'ghost' } })).toMatchObject({ kind: 'not_found' });
    expect(await failure('stances.setDocument', { documentId: 'nope', propositionId: proposition.id, stance: 'favor' })).toMatchObject({ kind: 'not_found' });
    expect(await failure('annotations.create', { documentId: docs.partners.id, ranges: [{ start: 0, end: 8 }], labelId: 'unknown-label' })).toMatchObject({
      kind: 'not_found',
      message: 'no label with id unknown-label',
    });
    expect(counts()).toEqual(before);
  });
});

describe('relations', () => {
  it('relates annotations across documents, checks types and ends, and survives undo of a deletion', async () => {
    const favor = await annotate(docs.partners.id, 'Pakistan has emerged as a notable partner in the US strategy', 'Claim');
    const against = await annotate(docs.sidelines.id, 'Pakistan was not invited to the Global Minerals Conference', 'Claim');
    const basit = await annotate(docs.sidelines.id, 'Abdul Basit', 'Person');
    await call('claims.link', { annotationId: against.id, propositionText: 'Pakistan takes part in the ministerial', stance: 'against' });
    const types = await call('relationTypes.list', {});
    expect(types.map((t) => t.name)).toEqual(['Represents', 'Says', 'Supports', 'Contradicts']);
    const type = (name: string) => types.find((t) => t.name === name)!.id;

    const contradicts = await call('relations.create', { typeId: type('Contradicts'), fromAnnotationId: favor.id, toAnnotationId: against.id });
    expect(contradicts).toMatchObject({ fromDocumentId: docs.partners.id, toDocumentId: docs.sidelines.id });
    const says = await call('relations.create', { typeId: type('Says'), fromAnnotationId: basit.id, toAnnotationId: against.id, note: 'quoted' });
    expect((await call('relations.listByDocument', { documentId: docs.sidelines.id })).map((r) => r.id).sort()).toEqual([contradicts.id, says.id].sort());
    expect((await call('relations.listByDocument', { documentId: docs.partners.id })).map((r) => r.id)).toEqual([contradicts.id]);

    const before = counts();
    // Symmetric: the reverse is the same relation.
    expect(await failure('relations.create', { typeId: type('Contradicts'), fromAnnotationId: against.id, toAnnotationId: favor.id })).toMatchObject({ kind: 'conflict' });
    // Says goes from an entity to a claim.
    expect(await failure('relations.create', { typeId: type('Says'), fromAnnotationId: against.id, toAnnotationId: basit.id })).toMatchObject({ kind: 'validation' });
    expect(await failure('relations.create', { typeId: type('Supports'), fromAnnotationId: favor.id, toAnnotationId: favor.id })).toMatchObject({ kind: 'validation' });
    expect(await failure('relations.create', { typeId: 'nope', fromAnnotationId: favor.id, toAnnotationId: against.id })).toMatchObject({ kind: 'not_found' });
    expect(await failure('relationTypes.delete', { id: type('Says') })).toMatchObject({ kind: 'conflict' });
    expect(await failure('relationTypes.create', { name: 'says', color: '#000000' })).toMatchObject({ kind: 'conflict' });
    expect(counts()).toEqual(before);

    // Delete the claim with everything attached, then undo.
    const [snapshot] = await call('snapshots.deleteAnnotations', { annotationIds: [against.id] });
    expect(snapshot!.claims).toHaveLength(1);
    expect(snapshot!.relations.map((r) => r.id).sort()).toEqual([contradicts.id, says.id].sort());
    expect(count('relations')).toBe(0);
    // A relation to the deleted annotation: not found, nothing changes.
    const afterDelete = counts();
    expect(await failure('relations.create', { typeId: type('Supports'), fromAnnotationId: favor.id, toAnnotationId: against.id })).toMatchObject({
      kind: 'not_found',
      message: `no annotation with id ${against.id}`,
    });
    expect(await failure('relations.update', { id: contradicts.id, note: 'x' })).toMatchObject({ kind: 'not_found' });
    expect(counts()).toEqual(afterDelete);
    await call('snapshots.restore', { snapshots: [snapshot!] });
    expect(counts()).toEqual(before);
    expect(await call('relations.forAnnotation', { annotationId: against.id })).toEqual(snapshot!.relations);
    expect(await call('snapshots.take', { annotationIds: [against.id] })).toEqual([snapshot]);

    // Update and delete return records for undo; custom types with label constraints.
    const updated = await call('relations.update', { id: says.id, note: 'in an interview' });
    expect(updated.note).toBe('in an interview');
    const quotes = await call('relationTypes.create', { name: 'Quotes', color: '#123456', fromLabelIds: [labelId('Person')], toKinds: ['claim'] });
    expect(await failure('relations.create', { typeId: quotes.id, fromAnnotationId: favor.id, toAnnotationId: against.id })).toMatchObject({ kind: 'validation' });
    const deleted = await call('relations.delete', { id: says.id });
    await call('relations.create', { id: deleted.id, typeId: deleted.typeId, fromAnnotationId: deleted.fromAnnotationId, toAnnotationId: deleted.toAnnotationId, note: deleted.note });
    expect((await call('relations.forAnnotation', { annotationId: basit.id })).map((r) => r.id)).toEqual([says.id]);
  });
});
