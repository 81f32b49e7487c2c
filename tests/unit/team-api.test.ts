// The team domain through the real dispatcher on a real project file:
// annotator, makers of links, statuses, disagreements, curation and merge.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { Args, Method, Result } from '../../shared/index.ts';
import { freshProjectPerTest } from '../support/project.ts';

let project: Project;
let dir: string;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const e = await createDispatcher(project)(method, args);
  if (!e.ok) throw new Error(`${e.error.kind}: ${e.error.message}`);
  return e.result as Result<M>;
}
async function fails(method: Method, args: unknown): Promise<string> {
  const e = await createDispatcher(project)(method, args);
  expect(e.ok).toBe(false);
  return e.ok ? '' : e.error.message;
}

const TEXT = 'Alice said that Bob left Paris for Rome.';
const HASH = createHash('sha256').update(TEXT).digest('hex');
function seed(): { doc: string; label: (n: string) => string } {
  const doc = 'd1';
  project.documents.insert({ id: doc, name: 'd', title: 'D', text: TEXT, blocks: [], metadata: {}, contentHash: HASH });
  const label = (n: string) => project.labels.findByName(n)!.id;
  return { doc, label };
}
const at = (phrase: string) => [{ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length }];

describe('team API', () => {
  it('saves the annotator; new work is recorded under it, links under who made them', async () => {
    expect((await call('team.info', {})).chosen).toBe(false);
    expect(await fails('team.setAnnotator', { name: 'bad\u0007name' })).toMatch(/control characters/);
    const info = await call('team.setAnnotator', { name: '  lead ' });
    expect(info).toMatchObject({ annotator: 'lead', chosen: true });
    const { doc, label } = seed();
    const mine = await call('annotations.create', { documentId: doc, ranges: at('Alice'), labelId: label('Person') });
    expect(mine.annotator).toBe('lead');
    // A claim by ann-b, linked by the lead: the link records the lead.
    const claim = await call('annotations.create', { documentId: doc, ranges: at('Bob left Paris for Rome'), labelId: label('Claim'), annotator: 'ann-b' });
    const linked = await call('claims.link', { annotationId: claim.id, propositionText: 'Bob left', stance: 'favor' });
    expect(linked.claim.annotator).toBe('lead');
    expect((await call('claims.forAnnotation', { annotationId: claim.id }))[0]!.annotator).toBe('lead');
    const says = project.relations.findTypeByName('Says')!;
    expect((await call('relations.create', { typeId: says.id, fromAnnotationId: mine.id, toAnnotationId: claim.id, note: '' })).annotator).toBe('lead');
    await call('stances.setDocument', { documentId: doc, propositionText: 'Bob left', stance: 'against', justification: '' });
    expect((await call('stances.listByDocument', { documentId: doc }))[0]!.annotator).toBe('lead');
  });

  it('sets and lists each annotator’s status per document', async () => {
    const { doc } = seed();
    project.setAnnotator('ana');
    expect(await call('team.setStatus', { documentId: doc, status: 'in_progress' })).toEqual({ previous: 'not_started' });
    expect(await call('team.setStatus', { documentId: doc, status: 'done' })).toEqual({ previous: 'in_progress' });
    await call('team.setStatus', { documentId: doc, status: 'in_progress', annotator: 'ben' });
    expect(await call('team.statuses', {})).toEqual([
      { documentId: doc, annotator: 'ana', status: 'done' },
      { documentId: doc, annotator: 'ben', status: 'in_progress' },
    ]);
    await call('team.setStatus', { documentId: doc, status: 'not_started' });
    expect((await call('team.statuses', {})).map((s) => s.annotator)).toEqual(['ben']);
    expect(await fails('team.setStatus', { documentId: 'nope', status: 'done' })).toMatch(/no document/);
  });

  it('lists disagreements by kind and curates versions into the curation layer once', async () => {
    const { doc, label } = seed();
    const add = (annotator: string, phrase: string, name: string) => call('annotations.create', { documentId: doc, ranges: at(phrase), labelId: label(name), annotator });
    const a1 = await add('a', 'Alice', 'Person');
    await add('b', 'Alice', 'Person');
    await add('a', 'Paris', 'Location');
    await add('b', 'Paris', 'Organization');
    await add('a', 'Rome', 'Location');
    await add('b', 'Rome.', 'Location');
    await add('a', 'Bob', 'Person');
    await add('b', 'said', 'Person');
    const diffs = await call('team.disagreements', { a: 'a', b: 'b' });
    expect(diffs.map((d) => [d.kind, d.a?.quote ?? null, d.b?.quote ?? null])).toEqual([
      ['missing', 'Bob', null],
      ['label', 'Paris', 'Paris'],
      ['boundary', 'Rome', 'Rome.'],
      ['extra', null, 'said'],
    ]);
    const copies = await call('team.curate', { annotationIds: [a1.id, diffs[1]!.a!.id] });
    expect(copies.annotations.map((c) => [c.annotator, c.quote])).toEqual([
      ['curation', 'Alice'],
      ['curation', 'Paris'],
    ]);
    expect(await call('team.curate', { annotationIds: [a1.id] })).toEqual({ annotations: [], links: [] });
    // The curated layer is a layer: agreement can name it.
    const report = await call('team.agreement', { annotators: ['a', 'curation'] });
    expect(report.spans!.micro).toMatchObject({ a: 4, b: 2, exact: { precision: 1, recall: 0.5 } });
  });

  it('curates claims: accepting both versions keeps both propositions, a stance given first stays, undo unlinks', async () => {
    const { doc, label } = seed();
    const claim = async (annotator: string, proposition: string, stance: string) => {
      const c = await call('annotations.create', { documentId: doc, ranges: at('Bob left Paris'), labelId: label('Claim'), annotator });
      await call('claims.link', { annotationId: c.id, propositionText: proposition, stance });
      return c;
    };
    const a = await claim('a', 'Bob left', 'favor');
    const b = await claim('b', 'Bob travelled', 'against');
    const c = await claim('c', 'Bob left', 'against');
    const both = await call('team.curate', { annotationIds: [a.id, b.id] });
    expect(both.annotations).toHaveLength(1);
    const curated = both.annotations[0]!;
    const links = async () => (await call('claims.forAnnotation', { annotationId: curated.id })).map((l) => `${l.propositionText}: ${l.stance} (${l.annotator})`).sort();
    expect(await links()).toEqual(['Bob left: favor (curation)', 'Bob travelled: against (curation)']);
    expect(both.links.map((l) => l.propositionText)).toEqual(['Bob left', 'Bob travelled']);
    // c's stance on a proposition the curated claim already has is not taken.
    expect(await call('team.curate', { annotationIds: [c.id] })).toEqual({ annotations: [], links: [] });
    // Undo of accepting b alone (after a): unlinking what it added leaves a's version.
    await call('claims.unlink', { id: both.links[1]!.id });
    const again = await call('team.curate', { annotationIds: [b.id] });
    expect(again.annotations).toEqual([]);
    expect(again.links.map((l) => l.annotationId)).toEqual([curated.id]);
    for (const l of again.links) await call('claims.unlink', { id: l.id });
    expect(await links()).toEqual(['Bob left: favor (curation)']);
  });

  it('merges projects sent as files, and refuses one that is not a Gloss project, naming it', async () => {
    const { doc, label } = seed();
    await call('annotations.create', { documentId: doc, ranges: at('Alice'), labelId: label('Person'), annotator: 'a' });
    const otherPath = path.join(dir, 'other.gloss');
    const other = await Project.open(otherPath);
    other.documents.insert({ id: 'x', name: 'd', title: 'D', text: TEXT, blocks: [], metadata: {}, contentHash: HASH });
    other.annotations.create({ documentId: 'x', ranges: at('Bob'), labelId: other.labels.findByName('Person')!.id, annotator: 'b' }, TEXT);
    other.close();
    const content = fs.readFileSync(otherPath).toString('base64');
    const result = await call('team.merge', { files: [{ name: 'ben.gloss', content }] });
    expect(result).toMatchObject({ files: ['ben.gloss'], documents: { created: 0, matched: 1 }, annotations: { b: 1 } });
    expect(project.annotations.listByDocument(doc).map((a) => a.annotator).sort()).toEqual(['a', 'b']);
    expect((await call('team.merge', { files: [{ name: 'ben.gloss', content }] })).counts.annotations).toBe(0);
    expect(await fails('team.merge', { files: [{ name: 'notes.gloss', content: Buffer.from('hello').toString('base64') }] })).toMatch(/^notes\.gloss: not a Gloss project/);
  });
});
