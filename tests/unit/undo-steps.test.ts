// Undo recorded in the backend (issue 16): a client names an undo step for
// each undoable call; history.undo / history.redo put every row the step
// changed back, refuse when a row was changed since or when putting it back
// would change anything else, and refuse another annotator's step. Runs on a
// project file and, in the unit-postgres project, on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import type { Project } from '../../electron/backend/project.ts';
import type { Annotation, Caller, DocumentSummary, Label } from '../../shared/index.ts';
import { freshProjectPerTest } from '../support/project.ts';

let project: Project;
let dispatch: Dispatch;
freshProjectPerTest((p) => {
  project = p;
  dispatch = createDispatcher(p);
});

/** Calls a method, as a client naming `step` when given; throws the backend's error as `kind: message`. */
async function call<T>(method: string, args: unknown, options: { step?: string; caller?: Caller; client?: string } = {}): Promise<T> {
  const answer = await dispatch(method, args, options.caller, { step: options.step, client: options.client ?? 'tab-test' });
  if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
  return answer.result as T;
}

const newStep = () => randomUUID();
// Emoji with a skin tone and ZWJ, a flag, a combining mark and Arabic: offsets in code units must come back exactly.
const TEXT = 'Rubio 👩🏽‍🔬 met 🇵🇰 officials in Cafe\u0301 Islamabad.\nمرحبا بالعالم said the minister.\nA second paragraph.';

async function importDoc(title = 'Article'): Promise<DocumentSummary> {
  const [doc] = await call<DocumentSummary[]>('documents.import', { files: [{ name: `${title}.txt`, base64: Buffer.from(TEXT).toString('base64') }] });
  return doc!;
}

async function label(name: string): Promise<Label> {
  return (await call<Label[]>('labels.list', {})).find((l) => l.name === name)!;
}

const annotations = (documentId: string) => call<Annotation[]>('annotations.list', { documentId });

/** Everything the rows of a document add up to, as the API reads it. */
async function state(documentId: string): Promise<unknown> {
  return {
    annotations: await annotations(documentId),
    claims: await call('claims.listByDocument', { documentId }),
    relations: await call('relations.listByDocument', { documentId }),
    entities: await call('entities.linksByDocument', { documentId }),
  };
}

describe('undo steps', () => {
  it('undoes and redoes a created annotation, keeping its id and offsets, and logs both', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const step = newStep();
    const emojiAt = TEXT.indexOf('👩');
    const created = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: emojiAt, end: emojiAt + '👩🏽‍🔬'.length }], labelId: person.id }, { step });
    expect(await annotations(doc.id)).toHaveLength(1);

    const undone = await call<{ changes: number; documentIds: string[] | null }>('history.undo', { steps: [step] });
    expect(undone.changes).toBeGreaterThan(0);
    expect(undone.documentIds).toEqual([doc.id]);
    expect(await annotations(doc.id)).toEqual([]);

    await call('history.redo', { steps: [step] });
    expect(await annotations(doc.id)).toEqual([created]);

    const log = await call<{ entries: { via: string | null; op: string; kind: string }[] }>('history.document', { documentId: doc.id });
    const vias = log.entries.filter((e) => e.kind === 'annotation').map((e) => `${e.via}:${e.op}`);
    expect(vias).toEqual(['history.redo:insert', 'history.undo:delete', 'annotations.create:insert']);

    const { steps } = await call<{ steps: { id: string; via: string; state: string; client: string }[] }>('history.steps', {});
    expect(steps.find((s) => s.id === step)).toMatchObject({ via: 'annotations.create', state: 'done', client: 'tab-test' });
  });

  it('puts back a deleted annotation with its claim link, relation and entity link', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const claim = await label('Claim');
    const a = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id });
    const c = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: TEXT.indexOf('said'), end: TEXT.indexOf('minister') + 8 }], labelId: claim.id });
    const entity = await call<{ id: string }>('entities.create', { name: 'Marco Rubio', annotationId: a.id });
    const proposition = await call<{ id: string }>('propositions.create', { text: 'The minister spoke.' });
    await call('claims.link', { annotationId: c.id, propositionId: proposition.id, stance: 'favor' });
    const types = await call<{ id: string; name: string }[]>('relationTypes.list', {});
    const org = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: TEXT.indexOf('officials'), end: TEXT.indexOf('officials') + 9 }], labelId: (await label('Organization')).id });
    await call('relations.create', { fromAnnotationId: a.id, toAnnotationId: org.id, typeId: types[0]!.id });
    const before = await state(doc.id);
    expect(entity.id).toBeTruthy();

    const step = newStep();
    await call('snapshots.deleteAnnotations', { annotationIds: [a.id, c.id] }, { step });
    expect((await annotations(doc.id)).map((x) => x.id)).toEqual([org.id]);
    await call('history.undo', { steps: [step] });
    expect(await state(doc.id)).toEqual(before);
    await call('history.redo', { steps: [step] });
    expect((await annotations(doc.id)).map((x) => x.id)).toEqual([org.id]);
  });

  it('refuses to undo over a later change, and changes nothing', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const step = newStep();
    const a = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id }, { step });
    // Another window (no step: nothing to undo there) edits the note.
    await call('annotations.update', { id: a.id, note: 'checked' }, { client: 'tab-other' });
    await expect(call('history.undo', { steps: [step] })).rejects.toThrow(/^conflict: .*annotation.*changed since/);
    expect((await annotations(doc.id)).map((x) => x.note)).toEqual(['checked']);
    const { steps } = await call<{ steps: { id: string; state: string }[] }>('history.steps', {});
    expect(steps.find((s) => s.id === step)?.state).toBe('done');
  });

  it('refuses an undo that would take later work with it (a cascade), and changes nothing', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const step = newStep();
    const entity = await call<{ id: string }>('entities.create', { name: 'Islamabad officials' }, { step });
    const a = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id });
    await call('entities.link', { links: [{ annotationId: a.id, entityId: entity.id }] });
    await expect(call('history.undo', { steps: [step] })).rejects.toThrow(/^conflict: /);
    const links = await call<{ links: { entityId: string }[] }>('entities.linksByDocument', { documentId: doc.id });
    expect(links.links.map((l) => l.entityId)).toEqual([entity.id]);
  });

  it("refuses another annotator's step, an unknown step and a step id used twice", async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const step = newStep();
    await call('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id }, { step });
    await expect(call('history.undo', { steps: [step] }, { caller: { name: 'someone-else', role: 'curator' } })).rejects.toThrow(/^forbidden: .*only who made a change can undo it/);
    await expect(call('history.undo', { steps: [newStep()] })).rejects.toThrow(/^not_found: /);
    await expect(call('annotations.create', { documentId: doc.id, ranges: [{ start: 6, end: 9 }], labelId: person.id }, { step })).rejects.toThrow(/^validation: .*used already/);
    await expect(call('history.redo', { steps: [step] })).rejects.toThrow(/^conflict: .*not undone/);
    expect(await annotations(doc.id)).toHaveLength(1);
  });

  it('undoes a document moved to the trash: text, annotations and search come back', async () => {
    const doc = await importDoc('Minerals report');
    const person = await label('Person');
    await call('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id });
    const before = await state(doc.id);
    const step = newStep();
    await call('documents.delete', { id: doc.id }, { step });
    expect(await call<DocumentSummary[]>('documents.list', {})).toEqual([]);
    await call('history.undo', { steps: [step] });
    const listed = await call<DocumentSummary[]>('documents.list', {});
    expect(listed.map((d) => d.id)).toEqual([doc.id]);
    expect(await state(doc.id)).toEqual(before);
    expect(await call<unknown[]>('trash.list', {})).toEqual([]);
    const hits = await call<{ documentId?: string; id?: string }[]>('documents.search', { query: 'Islamabad' });
    expect(JSON.stringify(hits)).toContain(doc.id);
  });

  it('undoes a title change, and the search index follows', async () => {
    const doc = await importDoc();
    const step = newStep();
    await call('documents.update', { id: doc.id, title: 'Zanzibar wording', metadata: { outlet: 'Dawn' } }, { step });
    expect(JSON.stringify(await call('documents.search', { query: 'Zanzibar' }))).toContain(doc.id);
    await call('history.undo', { steps: [step] });
    const [after] = await call<DocumentSummary[]>('documents.list', {});
    expect(after).toEqual(doc);
    expect(JSON.stringify(await call('documents.search', { query: 'Zanzibar' }))).not.toContain(doc.id);
  });

  it('undoes several steps of one action at once, newest first', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const location = await label('Location');
    const s1 = newStep();
    const s2 = newStep();
    const a = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id }, { step: s1 });
    await call('annotations.update', { id: a.id, labelId: location.id }, { step: s2 });
    await call('history.undo', { steps: [s1, s2] });
    expect(await annotations(doc.id)).toEqual([]);
    await call('history.redo', { steps: [s1, s2] });
    expect((await annotations(doc.id)).map((x) => x.labelId)).toEqual([location.id]);
  });

  it('refuses to put back a deleted annotation once the text has a new version', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const a = await call<Annotation>('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id });
    const step = newStep();
    await call('snapshots.deleteAnnotations', { annotationIds: [a.id] }, { step });
    await call('versions.update', { documentId: doc.id, file: { name: 'Article.txt', base64: Buffer.from(`Breaking: ${TEXT}`).toString('base64') } });
    await expect(call('history.undo', { steps: [step] })).rejects.toThrow(/^conflict: .*new version since/);
    expect(await annotations(doc.id)).toEqual([]);
  });

  it("prunes each annotator's oldest steps past what it keeps, with their journal", async () => {
    const doc = await importDoc();
    const person = await label('Person');
    const steps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const step = newStep();
      steps.push(step);
      await call('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: i + 1 }], labelId: person.id }, { step });
    }
    expect(project.transaction(() => project.undoJournal.prune(2, 0))).toBe(3);
    const kept = await call<{ steps: { id: string; changes: number }[] }>('history.steps', {});
    expect(kept.steps.map((s) => s.id)).toEqual([steps[4], steps[3]]);
    await expect(call('history.undo', { steps: [steps[0]!] })).rejects.toThrow(/^not_found: /);
    // Older than the cut-off goes too, whatever the count.
    expect(project.transaction(() => project.undoJournal.prune(100, Date.now() + 1000))).toBe(2);
    expect((await call<{ steps: unknown[] }>('history.steps', {})).steps).toEqual([]);
    expect(await annotations(doc.id)).toHaveLength(5);
  });

  it('journals nothing for a call without a step or a method that is not undoable', async () => {
    const doc = await importDoc();
    const person = await label('Person');
    await call('annotations.create', { documentId: doc.id, ranges: [{ start: 0, end: 5 }], labelId: person.id });
    await call('documents.import', { files: [{ name: 'b.txt', base64: Buffer.from('Another text.').toString('base64') }] }, { step: newStep() });
    expect((await call<{ steps: unknown[] }>('history.steps', {})).steps).toEqual([]);
  });
});
