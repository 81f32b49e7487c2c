// Document versions (issue 11) through the API on real SQLite files: history,
// diffs with the annotations each change touched, review and its undo, the
// edit mode's save, restores, "is this a new version?", rejected suggestions,
// bad input that changes nothing, and a crash in the middle of a save.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { mapBlocks } from '../../electron/backend/versions/index.ts';
import type { Args, Method, Result } from '../../shared/index.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { freshProjectPerTest, TEST_POSTGRES } from '../support/project.ts';

let project: Project;
let dir: string;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const r = await createDispatcher(project)(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as Result<M>;
}

async function failure<M extends Method>(method: M, args: Args<M>): Promise<{ kind: string; message: string }> {
  const r = await createDispatcher(project)(method, args);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

const file = (name: string, content: string | Uint8Array) => ({ name, base64: Buffer.from(content).toString('base64') });

const V1 = 'Ministers met atthe globalforum in Washington 🇺🇸.\n\nPakistan was not invited, which critics called a snub.\n\nIndia was given a seat at the table.\n';
const V2 = 'Ministers met at the global forum in Washington 🇺🇸.\n\nIndia was given a seat at the table.\n\nPakistan was not invited.\n';

async function setup() {
  const [doc] = await call('documents.import', { files: [file('forum.txt', V1)] });
  const labels = await call('labels.list', {});
  const id = (name: string) => labels.find((l) => l.name === name)!.id;
  const ann = async (needle: string, label: string) => {
    const start = V1.indexOf(needle);
    return call('annotations.create', { documentId: doc!.id, ranges: [{ start, end: start + needle.length }], labelId: id(label) });
  };
  return {
    doc: doc!,
    forum: await ann('globalforum', 'Event'),
    washington: await ann('Washington', 'Location'),
    snub: await ann('which critics called a snub', 'Claim'),
    india: await ann('India was given a seat', 'Claim'),
  };
}

describe('versions', () => {
  it('lists one version for a document never updated, then every version with its text', async () => {
    const { doc } = await setup();
    expect(await call('versions.list', { documentId: doc.id })).toEqual([expect.objectContaining({ version: 1, current: true, source: 'import', length: Array.from(V1).length })]);
    const report = await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2), summary: 'Spacing fixed, clause cut' });
    expect(report.version).toBe(2);
    const list = await call('versions.list', { documentId: doc.id });
    expect(list.map((v) => [v.version, v.source, v.current, v.summary])).toEqual([
      [1, 'import', false, 'Imported from forum.txt'],
      [2, 'file', true, 'Spacing fixed, clause cut'],
    ]);
    expect((await call('versions.get', { documentId: doc.id, version: 1 })).text).toBe(V1);
    expect((await call('versions.get', { documentId: doc.id, version: 2 })).text).toBe(V2);
    expect((await call('documents.get', { id: doc.id })).text).toBe(V2);
    expect((await failure('versions.get', { documentId: doc.id, version: 3 })).message).toMatch(/no version 3/);
  });

  it('diffs any two versions with insertions and deletions and the annotations each change touched', async () => {
    const { doc, forum, snub, washington } = await setup();
    await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    const diff = await call('versions.diff', { documentId: doc.id, from: 1, to: 2 });
    // The segments rebuild both texts exactly.
    expect(diff.segments.filter((s) => s.kind !== 'insert').map((s) => s.text).join('')).toBe(V1);
    expect(diff.segments.filter((s) => s.kind !== 'delete').map((s) => s.text).join('')).toBe(V2);
    const touching = (id: string) => diff.hunks.filter((h) => h.annotations.some((a) => a.id === id));
    expect(touching(forum.id).length).toBeGreaterThan(0);
    expect(touching(forum.id)[0]!.annotations.find((a) => a.id === forum.id)!.status).toBe('changed');
    expect(touching(snub.id)[0]!.deleted).toContain('which critics called a snub');
    expect(touching(snub.id)[0]!.annotations.find((a) => a.id === snub.id)!.status).toBe('orphaned');
    expect(touching(washington.id)).toEqual([]);
    // Backwards too.
    const back = await call('versions.diff', { documentId: doc.id, from: 2, to: 1 });
    expect(back.segments.filter((s) => s.kind !== 'delete').map((s) => s.text).join('')).toBe(V1);
  });

  it('lists changed and orphaned annotations for review; reviewing and re-placing are undoable', async () => {
    const { doc, forum, snub } = await setup();
    await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    const review = await call('versions.review', { documentId: doc.id });
    expect(review.map((r) => [r.annotationId, r.status, r.oldQuote, r.quote])).toEqual([
      [snub.id, 'orphaned', 'which critics called a snub', null],
      [forum.id, 'changed', 'globalforum', 'global forum'],
    ]);
    // Annotations list the drawn ones only: the changed one is marked, the orphan left out.
    const drawn = await call('annotations.list', { documentId: doc.id });
    expect(drawn.find((a) => a.id === forum.id)!.anchor).toBe('changed');
    expect(drawn.some((a) => a.id === snub.id)).toBe(false);

    const before = await call('versions.setAnchor', { annotationId: forum.id, anchor: 'placed' });
    expect(before.anchor).toBe('changed');
    expect((await call('versions.review', { documentId: doc.id })).map((r) => r.annotationId)).toEqual([snub.id]);
    await call('versions.setAnchor', { annotationId: forum.id, anchor: before.anchor }); // undo
    expect((await call('versions.review', { documentId: doc.id })).map((r) => r.annotationId)).toContain(forum.id);

    expect((await failure('versions.setAnchor', { annotationId: snub.id, anchor: 'placed' })).message).toMatch(/ranges/);
    const at = V2.indexOf('Pakistan was not invited');
    const old = await call('versions.setAnchor', { annotationId: snub.id, anchor: 'placed', ranges: [{ start: at, end: at + 24 }] });
    expect(old.anchor).toBe('orphaned');
    expect((await call('annotations.list', { documentId: doc.id })).find((a) => a.id === snub.id)!.quote).toBe('Pakistan was not invited');
    await call('versions.setAnchor', { annotationId: snub.id, anchor: 'orphaned', ranges: old.ranges }); // undo: ranges back, orphaned again
    expect((await call('annotations.list', { documentId: doc.id })).some((a) => a.id === snub.id)).toBe(false);
  });

  it('saves text edited in the reader with the editor’s offsets, recording changed and orphaned ones', async () => {
    const { doc, forum, washington, snub, india } = await setup();
    const text = V1.replace('globalforum', 'global forum').replace(', which critics called a snub', '');
    const shift = (s: number) => (s > V1.indexOf('globalforum') ? s + 1 : s);
    const w = V1.indexOf('Washington');
    const f = V1.indexOf('globalforum');
    const report = await call('versions.saveEdited', {
      documentId: doc.id,
      baseVersion: 1,
      text,
      annotations: [
        { id: forum.id, ranges: [{ start: f, end: f + 12 }] },
        { id: washington.id, ranges: [{ start: shift(w), end: shift(w) + 10 }] },
        { id: snub.id, ranges: null },
      ],
    });
    const status = new Map(report.annotations.map((a) => [a.id, a.status]));
    expect(status.get(forum.id)).toBe('changed');
    expect(status.get(washington.id)).toBe('kept');
    expect(status.get(snub.id)).toBe('orphaned');
    expect(status.get(india.id)).toBe('kept'); // not listed by the editor: re-anchored here
    expect((await call('versions.list', { documentId: doc.id })).at(-1)).toMatchObject({ version: 2, source: 'edit' });
    // An edit based on an old version is refused, and so are ranges past the end; nothing changes.
    expect((await failure('versions.saveEdited', { documentId: doc.id, baseVersion: 1, text: 'x', annotations: [] })).kind).toBe('conflict');
    const bad = await failure('versions.saveEdited', { documentId: doc.id, text: text + 'more', annotations: [{ id: forum.id, ranges: [{ start: 0, end: 10_000 }] }] });
    expect(bad.message).toMatch(/past the end/);
    expect((await call('documents.get', { id: doc.id })).text).toBe(text);
    expect(await call('versions.list', { documentId: doc.id })).toHaveLength(2);
  });

  it('restores an older version as a new one, placing its annotations back', async () => {
    const { doc, forum, snub } = await setup();
    await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    const report = await call('versions.restore', { documentId: doc.id, version: 1 });
    expect(report.version).toBe(3);
    expect((await call('documents.get', { id: doc.id })).text).toBe(V1);
    // The orphan's text came back: found again by its quote and context.
    expect(report.annotations.find((a) => a.id === snub.id)).toMatchObject({ status: 'moved', newQuote: 'which critics called a snub' });
    expect(report.annotations.find((a) => a.id === forum.id)!.newQuote).toBe('globalforum');
  });

  it('finds the document a file may be a new version of, by name or by title', async () => {
    const { doc } = await setup();
    const hits = await call('versions.candidates', { files: [file('forum.txt', V2), file('other.txt', 'Something else entirely.\n'), file('same.txt', V1)] });
    expect(hits).toEqual([{ file: 'forum.txt', documentId: doc.id, name: 'forum', title: doc.title, by: 'name' }]);
    const byTitle = await call('versions.candidates', { files: [file('renamed.txt', V1.replace('snub', 'rebuff'))] });
    expect(byTitle).toEqual([expect.objectContaining({ documentId: doc.id, by: 'title' })]);
  });

  // Reads and writes the suggestion_rejections table of the project file itself.
  it.skipIf(TEST_POSTGRES)('moves rejected suggestions with the text, dropping those whose text is gone', async () => {
    const { doc } = await setup();
    const label = (await call('labels.list', {})).find((l) => l.name === 'Location')!.id;
    const ins = project.db.prepare("INSERT INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at) VALUES (?, ?, ?, ?, ?, 'now')");
    const w = V1.indexOf('Washington');
    const c = V1.indexOf('critics');
    ins.run(doc.id, label, w, w + 10, 'Washington');
    ins.run(doc.id, label, c, c + 7, 'critics');
    await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    const rows = project.db.prepare('SELECT start_offset AS s, quote FROM suggestion_rejections').all();
    expect(rows).toEqual([{ s: V2.indexOf('Washington'), quote: 'Washington' }]);
  });

  it('leaves orphans and what refers to them out of every export and of the comparison, with a warning', async () => {
    const { doc, snub, india } = await setup();
    await call('claims.link', { annotationId: snub.id, propositionText: 'Pakistan was snubbed', stance: 'favor' });
    await call('claims.link', { annotationId: india.id, propositionText: 'India was welcomed', stance: 'favor' });
    project.standoff.addNormalization({ documentId: doc.id, targetId: snub.id, type: 'Reference', resource: 'Wikidata', externalId: 'Q1', text: 'snub' });
    await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    for (const format of ['jsonl', 'w3c', 'csv', 'qdpx', 'brat'] as const) {
      const out = exportDocuments(project, format);
      expect(out.warnings.join(' '), format).toMatch(/1 orphaned annotation\(s\) were not exported as spans/);
      const body = out.kind === 'folder' ? out.files.map((f) => String(f.data)).join('\n') : typeof out.data === 'string' ? out.data : '';
      expect(body.includes(snub.id) || body.includes('which critics called a snub'), format).toBe(false);
    }
    const matrix = await call('compare.run', { documentIds: [doc.id] });
    expect(matrix.propositions.map((p) => p.text)).toEqual(['India was welcomed']);
  });

  it('maps blocks through an edit when the editor sends none', () => {
    const blocks = mapBlocks([{ type: 'paragraph', start: 0, end: 5 }, { type: 'paragraph', start: 7, end: 12 }], 'Hello\n\nWorld', 'Hello\n\nbig World');
    expect(blocks).toEqual([{ type: 'paragraph', start: 0, end: 5 }, { type: 'paragraph', start: 7, end: 16 }]);
  });

  it('refuses bad input and changes nothing: empty, binary, non-UTF-8, annotated formats, unknown documents, same text', async () => {
    const { doc, forum } = await setup();
    const cases: [string, Args<'versions.update'>][] = [
      ['empty.txt', { documentId: doc.id, file: file('empty.txt', '') }],
      ['blank.txt', { documentId: doc.id, file: file('blank.txt', '  \n\n') }],
      ['binary.txt', { documentId: doc.id, file: file('binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0])) }],
      ['latin1.txt', { documentId: doc.id, file: file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])) }],
      ['broken.pdf', { documentId: doc.id, file: file('broken.pdf', '%PDF-1.7 this is not really a PDF') }],
      ['notes.ann', { documentId: doc.id, file: file('notes.ann', 'T1\tPerson 0 5\tHello\n') }],
      ['forum.txt', { documentId: doc.id, file: file('forum.txt', V1) }],
    ];
    for (const [name, args] of cases) {
      const err = await failure('versions.update', args);
      expect(err.message, name).toContain(name);
    }
    expect((await failure('versions.update', { documentId: 'nope', file: file('v2.txt', V2) })).kind).toBe('not_found');
    expect((await call('documents.get', { id: doc.id })).text).toBe(V1);
    expect((await call('annotations.list', { documentId: doc.id })).find((a) => a.id === forum.id)!.ranges).toEqual(forum.ranges);
    expect(await call('versions.list', { documentId: doc.id })).toHaveLength(1);
    // No version row was written (the project file's own table).
    if (project.engine === 'sqlite') expect(project.db.prepare('SELECT count(*) AS n FROM document_versions').get()).toEqual({ n: 0 });
  });

  // SQLite's own crash safety, checked on the file (PostgreSQL's is the kill -9 load test's).
  it.skipIf(TEST_POSTGRES)('a process killed (SIGKILL) inside the save leaves the previous version whole', async () => {
    const { doc, forum, snub } = await setup();
    const v2 = path.join(dir, 'forum-v2.txt');
    fs.writeFileSync(v2, V2);
    const db = project.path;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tests/support/versions-crash-child.mjs'), db, doc.id, v2], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('written') && resolve());
      child.on('exit', (code) => reject(new Error(`the child exited (${code}) before writing: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // A fresh connection sees the previous version whole: text, offsets, search index, no version row.
    project.close();
    project = await Project.open(db);
    expect(project.documents.get(doc.id).text).toBe(V1);
    expect(project.annotations.get(forum.id)).toMatchObject({ ranges: forum.ranges, quote: 'globalforum' });
    expect(project.annotations.get(snub.id).anchor).toBeUndefined();
    expect(project.db.prepare('SELECT count(*) AS n FROM document_versions').get()).toEqual({ n: 0 });
    expect(project.db.prepare('SELECT count(*) AS n FROM annotation_anchors').get()).toEqual({ n: 0 });
    expect(project.documents.search('globalforum').map((h) => h.document.id)).toEqual([doc.id]);
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // And the update then goes through.
    const report = await call('versions.update', { documentId: doc.id, file: file('forum-v2.txt', V2) });
    expect(report.version).toBe(2);
    // The title follows the text's first line.
    expect(project.documents.search('globalforum')).toEqual([]);
    expect(project.documents.get(doc.id).title).toBe('Ministers met at the global forum in Washington 🇺🇸.');
  });
});
