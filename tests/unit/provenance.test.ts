// Provenance (issue 16, item 4) on real SQLite files, through the API
// dispatcher as every transport calls it: each kind of change writes exactly
// the expected change-log entries (who, what, before and after, through
// which method), in the same transaction (a failing change logs nothing),
// undo logs entries of its own, and history.document pages newest first.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import type { Args, ChangeEntry, Method, Result } from '../../shared/index.ts';
import { describeChange } from '../../shared/index.ts';
import { newProjectLocation, TEST_POSTGRES } from '../support/project.ts';
import { tempDir } from '../support/tmp.ts';

const TEXT = 'Pakistan said 👍🏽 the minister met in واشنطن on Monday. Officials disagreed.';

let dir: string;
let cleanup: () => void;
let project: Project;
let dispatch: Dispatch;
let doc: string;
let claimLabel: string;
let personLabel: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  project = await Project.open(await newProjectLocation(dir));
  project.useAnnotator('alice');
  dispatch = createDispatcher(project);
  doc = (await call('documents.import', { files: [{ name: 'talks.txt', base64: Buffer.from(TEXT).toString('base64') }] }))[0]!.id;
  const labels = await call('labels.list', {});
  claimLabel = labels.find((l) => l.kind === 'claim')!.id;
  personLabel = labels.find((l) => l.kind === 'entity')!.id;
});
afterEach(() => {
  project.close();
  cleanup();
});

async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const r = await dispatch(method, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
  return r.result as Result<M>;
}

/** The entries `fn` logged, oldest first. */
async function logged(fn: () => Promise<unknown>): Promise<ChangeEntry[]> {
  const mark = project.changeLog.lastId();
  await fn();
  return project.changeLog.since(mark);
}

function range(phrase: string): { start: number; end: number } {
  const start = TEXT.indexOf(phrase);
  return { start, end: start + phrase.length };
}

async function annotate(phrase: string, labelId = claimLabel) {
  return call('annotations.create', { documentId: doc, ranges: [range(phrase)], labelId });
}

const byAlice = (via: string) => ({ actor: 'alice', via });

describe('every kind of change is logged with actor, before and after', () => {
  it('annotations: create, spans, label, attributes, note, delete', async () => {
    let id = '';
    const created = await logged(async () => (id = (await annotate('the minister')).id));
    expect(created).toEqual([
      expect.objectContaining({ ...byAlice('annotations.create'), documentId: doc, kind: 'annotation', objectId: id, op: 'insert', before: null }),
    ]);
    expect(created[0]!.after).toMatchObject({ label_id: claimLabel, quote: 'the minister', annotator: 'alice', note: '' });
    // What the entry holds already (the id, the document) and what derives from the ranges and text (offsets, context) is left out.
    for (const derived of ['id', 'document_id', 'start_offset', 'end_offset', 'prefix', 'suffix']) expect(created[0]!.after).not.toHaveProperty(derived);
    expect(created[0]!.at).toBeGreaterThan(Date.now() - 60_000);
    expect(created[0]!.at).toBeLessThanOrEqual(Date.now() + 5);

    const note = await logged(() => call('annotations.update', { id, note: 'who? 🇵🇰' }));
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ op: 'update', kind: 'annotation', objectId: id, documentId: doc, ...byAlice('annotations.update') });
    expect(Object.keys(note[0]!.before!).sort()).toEqual(['modified_at', 'note']);
    expect(note[0]!.before!.note).toBe('');
    expect(note[0]!.after!.note).toBe('who? 🇵🇰');
    expect(describeChange(note[0]!)).toBe('note: "" → "who? 🇵🇰"');

    const spans = await logged(() => call('annotations.update', { id, ranges: [range('Pakistan'), range('the minister')] }));
    expect(spans).toHaveLength(1);
    expect(JSON.parse(spans[0]!.before!.ranges as string)).toEqual([range('the minister')]);
    expect(JSON.parse(spans[0]!.after!.ranges as string)).toEqual([range('Pakistan'), range('the minister')]);
    expect(spans[0]!.after).toHaveProperty('quote');

    const label = await logged(() => call('annotations.update', { id, labelId: personLabel }));
    expect(label).toHaveLength(1);
    expect(label[0]!.before).toMatchObject({ label_id: claimLabel });
    expect(label[0]!.after).toMatchObject({ label_id: personLabel });

    const attributes = await logged(() => call('annotations.update', { id, attributes: { certainty: 'high' } }));
    expect(attributes).toHaveLength(1);
    expect(attributes[0]!.before).toMatchObject({ attributes: '{}' });
    expect(JSON.parse(attributes[0]!.after!.attributes as string)).toEqual({ certainty: 'high' });

    const removed = await logged(() => call('annotations.delete', { id }));
    expect(removed).toEqual([expect.objectContaining({ op: 'delete', kind: 'annotation', objectId: id, documentId: doc, after: null, ...byAlice('annotations.delete') })]);
    expect(removed[0]!.before).toMatchObject({ quote: 'Pakistan … the minister', label_id: personLabel, note: 'who? 🇵🇰' });
  });

  it('claim links: link (with a new proposition), stance, hedged, reported, attribution, note, unlink', async () => {
    const claim = await annotate('Officials disagreed');
    let linkId = '';
    let propositionId = '';
    const linked = await logged(async () => {
      const r = await call('claims.link', { annotationId: claim.id, propositionText: 'The talks failed', stance: 'favor' });
      linkId = r.claim.id;
      propositionId = r.proposition.id;
    });
    expect(linked.map((e) => [e.op, e.kind, e.documentId, e.via])).toEqual([
      ['insert', 'proposition', null, 'claims.link'],
      ['insert', 'claim_link', doc, 'claims.link'],
    ]);
    expect(linked[0]!.objectId).toBe(propositionId);
    expect(linked[0]!.after).toMatchObject({ text: 'The talks failed' });
    // The annotator filled in from the annotation is in the insert, and its filling is not a change of its own.
    expect(linked[1]!.objectId).toBe(linkId);
    expect(linked[1]!.after).toMatchObject({ annotation_id: claim.id, proposition_id: propositionId, stance: 'favor', annotator: 'alice', hedged: 0 });

    const updated = await logged(() => call('claims.update', { id: linkId, stance: 'against', hedged: true, reported: true, note: 'quoted', attribution: { entityId: null, text: 'a former envoy' } }));
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ op: 'update', kind: 'claim_link', objectId: linkId, documentId: doc, ...byAlice('claims.update') });
    expect(updated[0]!.before).toMatchObject({ stance: 'favor', hedged: 0, reported: 0, note: '', attribution_text: '' });
    expect(updated[0]!.after).toMatchObject({ stance: 'against', hedged: 1, reported: 1, note: 'quoted', attribution_text: 'a former envoy' });

    const other = await call('propositions.create', { text: 'The talks went well' });
    const moved = await logged(() => call('claims.update', { id: linkId, propositionId: other.id }));
    expect(moved[0]!.before).toMatchObject({ proposition_id: propositionId });
    expect(moved[0]!.after).toMatchObject({ proposition_id: other.id });

    const unlinked = await logged(() => call('claims.unlink', { id: linkId }));
    expect(unlinked).toEqual([expect.objectContaining({ op: 'delete', kind: 'claim_link', objectId: linkId, documentId: doc, after: null, ...byAlice('claims.unlink') })]);
  });

  it('relations, document stances, entity links, entities and propositions', async () => {
    const from = await annotate('Pakistan', personLabel);
    const to = await annotate('Officials disagreed');
    const type = (await call('relationTypes.list', {})).find((t) => t.name === 'Says')!;
    let relationId = '';
    const created = await logged(async () => (relationId = (await call('relations.create', { typeId: type.id, fromAnnotationId: from.id, toAnnotationId: to.id })).id));
    expect(created).toEqual([expect.objectContaining({ op: 'insert', kind: 'relation', objectId: relationId, documentId: doc, ...byAlice('relations.create') })]);
    expect(created[0]!.after).toMatchObject({ type_id: type.id, from_annotation_id: from.id, to_annotation_id: to.id, annotator: 'alice' });
    const noted = await logged(() => call('relations.update', { id: relationId, note: 'as reported' }));
    expect(noted).toHaveLength(1);
    expect(noted[0]!.after).toMatchObject({ note: 'as reported' });
    const gone = await logged(() => call('relations.delete', { id: relationId }));
    expect(gone.map((e) => [e.op, e.kind, e.documentId])).toEqual([['delete', 'relation', doc]]);

    const stance = await logged(() => call('stances.setDocument', { documentId: doc, propositionText: 'Pakistan matters', stance: 'favor' }));
    expect(stance.map((e) => [e.op, e.kind, e.documentId])).toEqual([
      ['insert', 'proposition', null],
      ['insert', 'document_stance', doc],
    ]);
    const propositionId = stance[0]!.objectId;
    const restanced = await logged(() => call('stances.setDocument', { documentId: doc, propositionId, stance: 'against', justification: 'the last paragraph' }));
    expect(restanced).toHaveLength(1);
    expect(restanced[0]).toMatchObject({ op: 'update', kind: 'document_stance' });
    expect(restanced[0]!.before).toMatchObject({ stance: 'favor', justification: '' });
    expect(restanced[0]!.after).toMatchObject({ stance: 'against', justification: 'the last paragraph' });
    const cleared = await logged(() => call('stances.clearDocument', { documentId: doc, propositionId }));
    expect(cleared.map((e) => [e.op, e.kind, e.documentId])).toEqual([['delete', 'document_stance', doc]]);

    const renamed = await logged(() => call('propositions.update', { id: propositionId, text: 'Pakistan matters a lot' }));
    expect(renamed).toEqual([expect.objectContaining({ op: 'update', kind: 'proposition', documentId: null, before: expect.objectContaining({ text: 'Pakistan matters' }) })]);

    let entityId = '';
    const entity = await logged(async () => (entityId = (await call('entities.create', { name: 'Pakistan', type: 'GPE' })).id));
    expect(entity).toEqual([expect.objectContaining({ op: 'insert', kind: 'entity', objectId: entityId, documentId: null, ...byAlice('entities.create') })]);
    const link = await logged(() => call('entities.link', { links: [{ annotationId: from.id, entityId }] }));
    expect(link).toEqual([expect.objectContaining({ op: 'insert', kind: 'annotation_entity', objectId: from.id, documentId: doc, ...byAlice('entities.link') })]);
    expect(link[0]!.after).toMatchObject({ annotation_id: from.id, entity_id: entityId, annotator: 'alice' });
    const edited = await logged(() => call('entities.update', { id: entityId, aliases: ['Islamic Republic of Pakistan'] }));
    expect(edited).toHaveLength(1);
    expect(edited[0]!.after).toMatchObject({ aliases: JSON.stringify(['Islamic Republic of Pakistan']) });
    const unlinked = await logged(() => call('entities.link', { links: [{ annotationId: from.id, entityId: null }] }));
    expect(unlinked.map((e) => [e.op, e.kind, e.documentId])).toEqual([['delete', 'annotation_entity', doc]]);
  });

  it('document status, title and metadata, text versions', async () => {
    const status = await logged(() => call('team.setStatus', { documentId: doc, status: 'in_progress' }));
    expect(status).toEqual([expect.objectContaining({ op: 'insert', kind: 'document_status', objectId: `${doc}/alice`, documentId: doc, ...byAlice('team.setStatus') })]);
    const done = await logged(() => call('team.setStatus', { documentId: doc, status: 'done' }));
    expect(done[0]).toMatchObject({ op: 'update', before: { status: 'in_progress' }, after: { status: 'done' } });

    const meta = await logged(() => call('documents.update', { id: doc, title: 'Talks in Washington', metadata: { outlet: 'Dawn' } }));
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatchObject({ op: 'update', kind: 'document', objectId: doc, documentId: doc, ...byAlice('documents.update') });
    expect(meta[0]!.before!.title).toBe(TEXT);
    expect(meta[0]!.after!.title).toBe('Talks in Washington');
    expect(JSON.parse(meta[0]!.after!.metadata as string)).toMatchObject({ outlet: 'Dawn' });

    const a = await annotate('Officials disagreed');
    const next = TEXT.replace('Pakistan said', 'Pakistan firmly said');
    const version = await logged(() => call('versions.update', { documentId: doc, file: { name: 'talks.txt', base64: Buffer.from(next).toString('base64') }, summary: 'fixed a quote' }));
    expect(version.every((e) => e.via === 'versions.update' && e.actor === 'alice' && e.documentId === doc)).toBe(true);
    expect(version.filter((e) => e.kind === 'document_version').map((e) => [e.op, e.objectId])).toEqual([
      ['insert', `${doc}/1`],
      ['insert', `${doc}/2`],
    ]);
    expect(version.find((e) => e.objectId === `${doc}/2`)!.after).toMatchObject({ summary: 'fixed a quote', source: 'file', annotator: 'alice' });
    // The text itself is kept by the versions, not copied into the log: the document's entry shows its hash change.
    const docChange = version.find((e) => e.kind === 'document')!;
    expect(docChange.op).toBe('update');
    expect(Object.keys(docChange.after!)).toContain('content_hash');
    expect(docChange.after).not.toHaveProperty('text');
    const moved = version.find((e) => e.kind === 'annotation' && e.objectId === a.id)!;
    const shifted = (r: { start: number; end: number }) => ({ start: r.start + 'firmly '.length, end: r.end + 'firmly '.length });
    expect(JSON.parse(moved.before!.ranges as string)).toEqual([range('Officials disagreed')]);
    expect(JSON.parse(moved.after!.ranges as string)).toEqual([shifted(range('Officials disagreed'))]);
  });

  it('imports, deletion to the trash (with what cascades) and restore; the history outlives the document', async () => {
    const brat = await logged(() =>
      call('documents.import', { files: [{ name: 'other.txt', base64: Buffer.from('A different text about Lahore.').toString('base64') }] }),
    );
    expect(brat).toEqual([expect.objectContaining({ op: 'insert', kind: 'document', ...byAlice('documents.import') })]);
    expect(brat[0]!.after).toMatchObject({ title: 'A different text about Lahore.' });
    expect(brat[0]!.after).not.toHaveProperty('text');

    const claim = await annotate('Officials disagreed');
    const link = await call('claims.link', { annotationId: claim.id, propositionText: 'Disagreement', stance: 'favor' });
    const deleted = await logged(() => call('documents.delete', { id: doc }));
    expect(deleted.every((e) => e.documentId === doc && e.via === 'documents.delete' && e.actor === 'alice')).toBe(true);
    expect(deleted.map((e) => [e.op, e.kind, e.objectId])).toEqual(
      expect.arrayContaining([
        ['insert', 'trash', expect.any(String)],
        ['delete', 'claim_link', link.claim.id],
        ['delete', 'annotation', claim.id],
        ['delete', 'document', doc],
      ]),
    );
    expect(deleted.find((e) => e.kind === 'trash')!.after).not.toHaveProperty('payload');
    const trashId = deleted.find((e) => e.kind === 'trash')!.objectId;
    const restored = await logged(() => call('trash.restore', { id: trashId }));
    expect(restored.map((e) => [e.op, e.kind])).toEqual(
      expect.arrayContaining([
        ['insert', 'document'],
        ['insert', 'annotation'],
        ['insert', 'claim_link'],
        ['delete', 'trash'],
      ]),
    );
    expect(restored.every((e) => e.documentId === doc && e.via === 'trash.restore')).toBe(true);
    const history = await call('history.document', { documentId: doc, limit: 500 });
    expect(history.entries.map((e) => e.via)).toEqual(expect.arrayContaining(['documents.import', 'documents.delete', 'trash.restore']));
  });

  it('merges: the merged rows under the actor who merged, keeping their own annotators', async () => {
    const otherFile = path.join(dir, 'ben.gloss');
    const other = await Project.open(otherFile);
    other.useAnnotator('ben');
    const otherDispatch = createDispatcher(other);
    const imported = await otherDispatch('documents.import', { files: [{ name: 'talks.txt', base64: Buffer.from(TEXT).toString('base64') }] });
    if (!imported.ok) throw new Error(imported.error.message);
    const label = other.labels.list().find((l) => l.kind === 'claim')!;
    const made = await otherDispatch('annotations.create', { documentId: (imported.result as { id: string }[])[0]!.id, ranges: [range('Officials disagreed')], labelId: label.id });
    expect(made.ok).toBe(true);
    other.close();
    const merged = await logged(() => call('team.merge', { files: [{ name: 'ben.gloss', content: fs.readFileSync(otherFile).toString('base64') }] }));
    const annotation = merged.find((e) => e.kind === 'annotation')!;
    expect(annotation).toMatchObject({ op: 'insert', actor: 'alice', via: 'team.merge', documentId: doc });
    expect(annotation.after).toMatchObject({ annotator: 'ben', quote: 'Officials disagreed' });
  });
});

describe('all or nothing', () => {
  it("the team server's accounts and assignments, never a sign-in token or a session", async () => {
    const account = await logged(() => call('users.add', { name: 'dana', role: 'annotator' }));
    expect(account).toEqual([expect.objectContaining({ op: 'insert', kind: 'user', objectId: 'dana', documentId: null, ...byAlice('users.add') })]);
    expect(account[0]!.after).toMatchObject({ role: 'annotator' });
    expect(JSON.stringify(account)).not.toMatch(/token|hash/);
    const role = await logged(() => call('users.role', { name: 'dana', role: 'curator' }));
    expect(role[0]).toMatchObject({ op: 'update', kind: 'user', before: { role: 'annotator' }, after: { role: 'curator' } });
    const assigned = await logged(() => call('team.assign', { documentIds: [doc], to: 'dana' }));
    expect(assigned).toEqual([expect.objectContaining({ op: 'insert', kind: 'assignment', objectId: `dana/${doc}`, documentId: doc, ...byAlice('team.assign') })]);
    const unassigned = await logged(() => call('team.assign', { documentIds: [doc], to: 'dana', remove: true }));
    expect(unassigned[0]).toMatchObject({ op: 'delete', kind: 'assignment', documentId: doc });
  });

  it('a transaction that fails logs nothing', async () => {
    const before = project.changeLog.lastId();
    expect(() =>
      project.transaction(() => {
        project.annotations.create({ documentId: doc, labelId: claimLabel, ranges: [range('Monday')], annotator: 'alice' }, TEXT);
        project.collections.create('Half-made');
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(project.changeLog.lastId()).toBe(before);
    // Through the dispatcher: a claim link to a proposition that does not exist changes nothing and logs nothing.
    const claim = await annotate('Officials disagreed');
    const mark = project.changeLog.lastId();
    const r = await dispatch('claims.link', { annotationId: claim.id, propositionId: 'no-such-proposition', stance: 'favor' });
    expect(r.ok).toBe(false);
    expect(project.changeLog.since(mark)).toEqual([]);
  });
});

describe('undo and redo', () => {
  it('undoing a tag (the renderer sends the inverse call) and redoing it each log an entry of their own', async () => {
    const a = await annotate('the minister');
    const undo = await logged(() => call('snapshots.deleteAnnotations', { annotationIds: [a.id] }));
    expect(undo).toEqual([expect.objectContaining({ op: 'delete', kind: 'annotation', objectId: a.id, ...byAlice('snapshots.deleteAnnotations') })]);
    const redo = await logged(() => call('annotations.create', { id: a.id, documentId: doc, ranges: a.ranges, labelId: a.labelId }));
    expect(redo).toEqual([expect.objectContaining({ op: 'insert', kind: 'annotation', objectId: a.id, ...byAlice('annotations.create') })]);
    const snapshot = await call('snapshots.deleteAnnotations', { annotationIds: [a.id] });
    const restore = await logged(() => call('snapshots.restore', { snapshots: snapshot }));
    expect(restore).toEqual([expect.objectContaining({ op: 'insert', kind: 'annotation', objectId: a.id, via: 'snapshots.restore' })]);
    const history = await call('history.document', { documentId: doc });
    expect(history.entries.slice(0, 4).map((e) => [e.op, e.via])).toEqual([
      ['insert', 'snapshots.restore'],
      ['delete', 'snapshots.deleteAnnotations'],
      ['insert', 'annotations.create'],
      ['delete', 'snapshots.deleteAnnotations'],
    ]);
  });
});

describe('the actor', () => {
  it('is the project annotator by default, the saved name after a change, and a per-call actor when the transport gives one', async () => {
    const fresh = await Project.open(path.join(dir, 'fresh.gloss'));
    try {
      fresh.setAnnotator('carol');
      const d = createDispatcher(fresh);
      await d('documents.import', { files: [{ name: 'x.txt', base64: Buffer.from('Some text.').toString('base64') }] });
      expect(fresh.changeLog.since().map((e) => e.actor)).toEqual(['carol']);
    } finally {
      fresh.close();
    }
    // Two calls in flight at once, each under its own actor: neither takes the other's.
    const [x, y] = await Promise.all([
      project.withChanges({ actor: 'dana' }, async () => {
        await new Promise((r) => setTimeout(r, 20));
        return logged(() => annotate('Monday'));
      }),
      project.withChanges({ actor: 'eve' }, () => logged(() => annotate('Officials disagreed'))),
    ]);
    expect(x.filter((e) => e.kind === 'annotation' && e.after?.quote === 'Monday').map((e) => e.actor)).toEqual(['dana']);
    expect(y.filter((e) => e.kind === 'annotation' && e.after?.quote === 'Officials disagreed').map((e) => e.actor)).toEqual(['eve']);
    expect(project.actor).toBe('alice');
  });
});

// SQLite's TEMP triggers follow its live schema; PostgreSQL's are generated at open (store/pg/change-log-triggers.ts).
describe.skipIf(TEST_POSTGRES)('the schema of the day', () => {
  it('a column another migration adds is logged without touching the triggers; migrating logs nothing', async () => {
    const a = await annotate('Monday');
    project.close();
    // As a later migration would (run before the triggers exist, as every migration is).
    const raw = await openDatabase(path.join(dir, 'project.gloss'));
    raw.exec("ALTER TABLE annotations ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high'");
    raw.exec("UPDATE annotations SET confidence = 'low'");
    raw.close();
    project = await Project.open(path.join(dir, 'project.gloss'));
    project.useAnnotator('alice');
    dispatch = createDispatcher(project);
    expect(project.changeLog.since().some((e) => e.after?.confidence !== undefined || e.before?.confidence !== undefined)).toBe(false);
    const changed = await logged(async () => project.transaction(() => project.annotations.update(a.id, { note: 'sure?' }, () => TEXT)));
    expect(changed).toHaveLength(1);
    const deleted = await logged(() => call('annotations.delete', { id: a.id }));
    expect(deleted[0]!.before).toMatchObject({ confidence: 'low', note: 'sure?' });
  });
});

describe('history.document', () => {
  it('lists a document newest first, in pages with a cursor; other documents and project-wide records stay out', async () => {
    const other = (await call('documents.import', { files: [{ name: 'o.txt', base64: Buffer.from('Another one.').toString('base64') }] }))[0]!.id;
    const ids: string[] = [];
    for (const phrase of ['Pakistan', 'the minister', 'Monday', 'Officials']) ids.push((await annotate(phrase)).id);
    await call('entities.create', { name: 'Someone' });
    const first = await call('history.document', { documentId: doc, limit: 3 });
    expect(first.entries.map((e) => e.objectId)).toEqual([ids[3], ids[2], ids[1]]);
    expect(first.nextCursor).toBe(first.entries[2]!.id);
    const second = await call('history.document', { documentId: doc, limit: 3, cursor: first.nextCursor! });
    expect(second.entries.map((e) => [e.kind, e.objectId])).toEqual([
      ['annotation', ids[0]],
      ['document', doc],
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await call('history.document', { documentId: other })).entries.map((e) => e.kind)).toEqual(['document']);
    const bad = await dispatch('history.document', { documentId: doc, limit: 0 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
