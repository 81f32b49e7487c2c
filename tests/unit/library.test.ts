// The library half of issue 15 on a real SQLite file with the real corpus,
// through the dispatcher: editable metadata, collections, the trash (delete
// and restore with everything attached), annotation search and search.locate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args, ErrorKind, Method, Result } from '../../shared/index.ts';
import { openCorpusProject, type CorpusProject } from '../support/corpus-project.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let corpus: CorpusProject;
beforeEach(async () => {
  tmp = tempDir();
  corpus = await openCorpusProject(tmp.dir);
});
afterEach(() => {
  corpus.close();
  tmp.cleanup();
});

const call = <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => corpus.call(method, args);
async function failure(method: Method, args: unknown): Promise<{ kind: ErrorKind; message: string }> {
  const r = await corpus.dispatch(method, args);
  if (r.ok) throw new Error(`${method} succeeded`);
  return r.error;
}
const label = async (name: string) => (await call('labels.list', {})).find((l) => l.name === name)!;
const docId = (name: string) => corpus.docs[name]!.id;

async function tag(doc: string, phrase: string, labelName: string, note = '') {
  return call('annotations.create', { documentId: docId(doc), ranges: [corpus.rangeOf(docId(doc), phrase)], labelId: (await label(labelName)).id, note });
}

describe('document metadata', () => {
  it('edits title and metadata, removes a field given as empty, and answers before and after for undo', async () => {
    const id = docId('pakistan-on-the-sidelines');
    const { before, after } = await call('documents.update', { id, title: ' Sidelines ', metadata: { outlet: 'Dawn', author: 'A. Writer', published: '2025-09-30', url: 'https://example.org/a', language: 'en' } });
    expect(after.title).toBe('Sidelines');
    expect(after.metadata).toMatchObject({ outlet: 'Dawn', author: 'A. Writer', published: '2025-09-30', url: 'https://example.org/a', language: 'en' });
    expect(before.title).toBe(corpus.docs['pakistan-on-the-sidelines']!.title);
    // The search index follows the title.
    expect((await call('documents.search', { query: 'title:sidelines' })).map((h) => h.document.id)).toEqual([id]);
    const cleared = await call('documents.update', { id, metadata: { author: '' } });
    expect(cleared.after.metadata.author).toBeUndefined();
    expect(cleared.after.metadata.outlet).toBe('Dawn');
    // Undo is an update with the previous values.
    await call('documents.update', { id, title: before.title, metadata: { outlet: '', author: '', published: '', url: '', language: '' } });
    expect((await call('documents.get', { id })).title).toBe(before.title);
    expect((await failure('documents.update', { id, title: '   ' })).kind).toBe('validation');
    expect((await failure('documents.update', { id: 'nope', title: 'x' })).kind).toBe('not_found');
  });
});

describe('collections', () => {
  it('create, fill, rename, remove, delete; names are unique regardless of case; members follow library order', async () => {
    const a = docId('pakistan-among-key-partners');
    const b = docId('pakistan-on-the-sidelines');
    const c = await call('collections.create', { name: 'Pakistan', documentIds: [b] });
    expect(c.documentIds).toEqual([b]);
    const added = await call('collections.addDocuments', { id: c.id, documentIds: [a, b] });
    expect(added.added).toEqual([a]);
    expect(added.collection.documentIds).toEqual([a, b].sort((x, y) => Object.values(corpus.docs).findIndex((d) => d.id === x) - Object.values(corpus.docs).findIndex((d) => d.id === y)));
    expect((await failure('collections.create', { name: 'pakistan' })).kind).toBe('conflict');
    expect((await call('collections.rename', { id: c.id, name: 'South Asia' })).name).toBe('South Asia');
    expect((await call('collections.removeDocuments', { id: c.id, documentIds: [a, 'x'] })).removed).toEqual([a]);
    expect((await failure('collections.addDocuments', { id: c.id, documentIds: ['missing'] })).kind).toBe('not_found');
    const deleted = await call('collections.delete', { id: c.id });
    expect(deleted.documentIds).toEqual([b]);
    // Undo of a delete: the same id, the same members.
    const back = await call('collections.create', { id: c.id, name: deleted.name, documentIds: deleted.documentIds });
    expect(back).toMatchObject({ id: c.id, name: 'South Asia', documentIds: [b] });
  });
});

describe('trash', () => {
  it('deleting moves a document with its annotations, links, claims, stances, relations and collections to the trash; restoring puts all back under the same ids', async () => {
    const id = docId('pakistan-on-the-sidelines');
    const other = docId('pakistan-among-key-partners');
    const mention = await tag('pakistan-on-the-sidelines', 'Pakistan', 'Location', 'the country');
    const claim = await tag('pakistan-on-the-sidelines', corpus.project.documents.text(id).slice(0, 40).trim(), 'Claim');
    const otherClaim = await tag('pakistan-among-key-partners', 'Pakistan', 'Claim');
    const entity = await call('entities.create', { name: 'Pakistan', annotationId: mention.id });
    const linked = await call('claims.link', { annotationId: claim.id, propositionText: 'Pakistan was left out', stance: 'favor', note: 'headline' });
    await call('stances.setDocument', { documentId: id, propositionId: linked.proposition.id, stance: 'favor' });
    const contradicts = (await call('relationTypes.list', {})).find((t) => t.name === 'Contradicts')!;
    const relation = await call('relations.create', { typeId: contradicts.id, fromAnnotationId: claim.id, toAnnotationId: otherClaim.id });
    const coll = await call('collections.create', { name: 'Both', documentIds: [id, other] });
    const before = corpus.project.documents.get(id);

    const { trashId } = await call('documents.delete', { id });
    expect((await failure('documents.get', { id })).kind).toBe('not_found');
    expect(await call('documents.search', { query: 'sidelines' })).toEqual([]);
    expect((await call('collections.list', {}))[0]!.documentIds).toEqual([other]);
    expect(await call('relations.listByDocument', { documentId: other })).toEqual([]);
    const [entry] = await call('trash.list', {});
    expect(entry).toMatchObject({ id: trashId, documentId: id, title: before.title, annotationCount: 2 });

    const restored = await call('trash.restore', { id: trashId });
    expect(restored).toEqual({ documentId: id, dropped: {} });
    expect(corpus.project.documents.get(id)).toEqual(before);
    expect((await call('annotations.list', { documentId: id })).map((a) => a.id).sort()).toEqual([mention.id, claim.id].sort());
    expect((await call('annotations.list', { documentId: id })).find((a) => a.id === mention.id)!.note).toBe('the country');
    expect((await call('entities.mentions', { entityId: entity.id })).map((m) => m.annotation.id)).toEqual([mention.id]);
    expect((await call('claims.forAnnotation', { annotationId: claim.id }))[0]).toMatchObject({ id: linked.claim.id, stance: 'favor', note: 'headline' });
    expect((await call('stances.listByDocument', { documentId: id }))[0]!.stance).toBe('favor');
    expect((await call('relations.listByDocument', { documentId: other })).map((r) => r.id)).toEqual([relation.id]);
    expect((await call('collections.list', {}))[0]!.documentIds.sort()).toEqual([id, other].sort());
    expect((await call('documents.search', { query: 'sidelines' })).map((h) => h.document.id)).toEqual([id]);
    expect(await call('trash.list', {})).toEqual([]);
    expect(coll.id).toBeTruthy();
  });

  it('what can no longer be restored is left out and counted; purge deletes for good', async () => {
    const id = docId('pakistan-on-the-sidelines');
    const claim = await tag('pakistan-on-the-sidelines', 'Pakistan', 'Claim');
    const linked = await call('claims.link', { annotationId: claim.id, propositionText: 'Gone soon', stance: 'against' });
    const { trashId } = await call('documents.delete', { id });
    await call('propositions.delete', { id: linked.proposition.id });
    const restored = await call('trash.restore', { id: trashId });
    expect(restored.dropped).toEqual({ claim_links: 1 });
    expect(await call('claims.forAnnotation', { annotationId: claim.id })).toEqual([]);
    expect((await call('annotations.list', { documentId: id })).map((a) => a.id)).toEqual([claim.id]);
    expect((await failure('trash.restore', { id: trashId })).kind).toBe('not_found');

    const again = await call('documents.delete', { id });
    expect(await call('trash.purge', { id: again.trashId })).toEqual({ purged: 1 });
    expect(await call('trash.list', {})).toEqual([]);
    expect((await failure('trash.restore', { id: again.trashId })).kind).toBe('not_found');
  });
});

describe('annotation search', () => {
  it('finds by label alone, by note, entity, proposition and quote, with the query language and the label filter', async () => {
    const m1 = await tag('pakistan-on-the-sidelines', 'Pakistan', 'Location');
    const m2 = await tag('pakistan-among-key-partners', 'Pakistan', 'Location', 'mining ministry mentioned');
    const claim = await tag('pakistan-among-key-partners', 'United States', 'Claim');
    await call('entities.create', { name: 'Islamic Republic of Pakistan', aliases: ['Islamabad'], annotationId: m1.id });
    await call('claims.link', { annotationId: claim.id, propositionText: 'The United States courts Pakistan for minerals', stance: 'favor', note: 'cites the mining deal' });

    const ids = async (query: string, more: { label?: string } = {}) => (await call('search.annotations', { query, ...more })).hits.map((h) => h.annotation.id).sort();
    expect(await ids('', { label: 'location' })).toEqual([m1.id, m2.id].sort());
    expect(await ids('note:mining')).toEqual([m2.id, claim.id].sort());
    expect(await ids('note:mining', { label: 'Claim' })).toEqual([claim.id]);
    expect(await ids('entity:islamabad')).toEqual([m1.id]);
    expect(await ids('proposition:"courts pakistan"')).toEqual([claim.id]);
    expect(await ids('pakistan -note:mining')).toEqual([m1.id]);
    expect(await ids('label:Claim OR entity:Islamabad')).toEqual([m1.id, claim.id].sort());
    expect(await ids('quote:united')).toEqual([claim.id]);
    const hit = (await call('search.annotations', { query: 'states' })).hits[0]!;
    expect(hit).toMatchObject({ label: { name: 'Claim', kind: 'claim' }, document: { id: docId('pakistan-among-key-partners') }, quoteMatch: { start: 7, end: 13 } });
    expect(hit.propositions[0]).toMatchObject({ text: 'The United States courts Pakistan for minerals', stance: 'favor', note: 'cites the mining deal' });
    expect((await call('search.annotations', { query: 'pakistan', limit: 1 })).total).toBe(3);
    expect((await failure('search.annotations', { query: 'title:x' })).message).toMatch(/annotations have no "title:" field/);
    expect((await failure('search.annotations', { query: '' })).kind).toBe('validation');
    expect((await failure('search.annotations', { query: 'x', label: 'Nope' })).kind).toBe('not_found');
    expect((await failure('search.annotations', { query: '"open' })).message).toMatch(/^search: the quote opened/);
  });

  it('locates the first match of a document query in the text, for scrolling the reader to it', async () => {
    const id = docId('pakistan-on-the-sidelines');
    const text = corpus.project.documents.text(id);
    const at = await call('search.locate', { documentId: id, query: 'rare OR pakistan -zzz' });
    expect(at).not.toBeNull();
    expect(text.slice(at!.start, at!.end).toLowerCase()).toMatch(/^(rare|pakistan)$/);
    const phrase = await call('search.locate', { documentId: id, query: '"mineral diplomacy"' });
    expect(text.slice(phrase!.start, phrase!.end).toLowerCase()).toBe('mineral diplomacy');
    expect(await call('search.locate', { documentId: id, query: 'zzzz' })).toBeNull();
  });
});
