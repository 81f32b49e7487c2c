// Import and export jobs through the dispatcher, on a real SQLite file: progress, cancel, results.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { ApiErrorShape, Args, ImportFile, JobStatus, Method, Result } from '../../shared/index.ts';
import { openCorpusProject, type CorpusProject } from '../support/corpus-project.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { newProjectLocation } from '../support/project.ts';
import { tempDir } from '../support/tmp.ts';

/** Lets the job run a little: it yields with setImmediate between files and documents. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function callerOf(dispatch: Dispatch) {
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.kind}: ${r.error.message}`);
    return r.result as Result<M>;
  };
  const fail = async (method: string, args: unknown): Promise<ApiErrorShape> => {
    const r = await dispatch(method, args);
    if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.result).slice(0, 200)}`);
    return r.error;
  };
  /** Polls until the job ends; every status seen while it ran is kept. */
  const follow = async (jobId: string, seen: JobStatus[] = []): Promise<JobStatus> => {
    for (;;) {
      const status = await call('jobs.status', { jobId });
      if (status.state !== 'running') return status;
      seen.push(status);
      await tick();
    }
  };
  /** Polls until the running job has reported `done` units of work, then cancels it. */
  const cancelAfter = async (jobId: string, done: number): Promise<JobStatus> => {
    for (;;) {
      const status = await call('jobs.status', { jobId });
      expect(status.state, 'the job ended before it could be cancelled').toBe('running');
      if ((status.progress?.done ?? 0) >= done) return call('jobs.cancel', { jobId });
      await tick();
    }
  };
  return { call, fail, follow, cancelAfter };
}

const corpusFiles = (): ImportFile[] =>
  fs
    .readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => ({ name, base64: fs.readFileSync(path.join(CORPUS_DIR, name)).toString('base64') }));

/** `n` small text files, distinct so that none is a duplicate of another. */
const manyFiles = (n: number, prefix = 'note'): ImportFile[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `${prefix}-${String(i).padStart(4, '0')}.txt`,
    base64: Buffer.from(`Note ${i}\n\nA short text numbered ${i}, about ${i % 7} things.\n`).toString('base64'),
  }));

describe('jobs on an empty project', () => {
  let tmp: ReturnType<typeof tempDir>;
  let project: Project;
  let api: ReturnType<typeof callerOf>;

  beforeEach(async () => {
    tmp = tempDir();
    project = await Project.open(await newProjectLocation(tmp.dir));
    api = callerOf(createDispatcher(project));
  });
  afterEach(() => {
    project.close();
    tmp.cleanup();
  });

  it('an import job of the corpus reaches done with its 3 documents, reporting progress', async () => {
    const { jobId } = await api.call('jobs.startImport', { files: corpusFiles() });
    const seen: JobStatus[] = [];
    const final = await api.follow(jobId, seen);
    expect(final).toMatchObject({ jobId, kind: 'import', state: 'done' });
    expect(final.error).toBeUndefined();
    if (final.kind !== 'import' || !final.result) throw new Error('no import result');
    expect(final.result.map((d) => d.name)).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    // Status polls got through while it ran, and saw it parse the files.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((s) => s.progress?.phase === 'parse' && s.progress.total === 3)).toBe(true);
    expect(final.progress).not.toBeNull();
    expect((await api.call('documents.list', {})).map((d) => d.id).sort()).toEqual(final.result.map((d) => d.id).sort());
    // A finished job is answered once, then forgotten.
    expect((await api.fail('jobs.status', { jobId })).kind).toBe('not_found');
  });

  it('a cancelled import stores nothing', async () => {
    const { jobId } = await api.call('jobs.startImport', { files: manyFiles(300) });
    const final = await api.cancelAfter(jobId, 10);
    expect(final).toMatchObject({ jobId, kind: 'import', state: 'cancelled' });
    expect(final.result).toBeUndefined();
    expect(final.error).toBeUndefined();
    for (let i = 0; i < 20; i++) await tick();
    expect(await api.call('documents.list', {})).toEqual([]);
    expect((await api.fail('jobs.status', { jobId })).kind).toBe('not_found');
  });

  it('a job cancelled before it starts stores nothing either', async () => {
    const { jobId } = await api.call('jobs.startImport', { files: corpusFiles() });
    expect((await api.call('jobs.cancel', { jobId })).state).toBe('cancelled');
    expect(await api.call('documents.list', {})).toEqual([]);
  });

  it('a failed import job says which file failed and stores nothing', async () => {
    const files = [...corpusFiles(), { name: 'empty.txt', base64: Buffer.from('   \n').toString('base64') }];
    const { jobId } = await api.call('jobs.startImport', { files });
    const final = await api.follow(jobId);
    expect(final.state).toBe('failed');
    expect(final.error?.kind).toBe('import');
    expect(final.error?.message).toContain('empty.txt');
    expect(await api.call('documents.list', {})).toEqual([]);
  });

  it('validates arguments and names unknown jobs and documents', async () => {
    expect((await api.fail('jobs.status', { jobId: 'no-such-job' })).kind).toBe('not_found');
    expect((await api.fail('jobs.cancel', { jobId: 'no-such-job' })).kind).toBe('not_found');
    expect((await api.fail('jobs.status', {})).kind).toBe('validation');
    expect((await api.fail('jobs.status', { jobId: 'x', extra: 1 })).kind).toBe('validation');
    expect((await api.fail('jobs.startImport', { files: [] })).kind).toBe('validation');
    expect((await api.fail('jobs.startImport', { files: [{ name: 'a.txt', base64: 'not base64!' }] })).kind).toBe('validation');
    expect((await api.fail('jobs.startExport', { format: 'docx' })).kind).toBe('validation');
    expect((await api.fail('jobs.startExport', { format: 'w3c', documentIds: [] })).kind).toBe('validation');
    const missing = await api.fail('jobs.startExport', { format: 'w3c', documentIds: ['no-such-document'] });
    expect(missing).toMatchObject({ kind: 'not_found', message: expect.stringContaining('no-such-document') });
  });

  it('a cancelled export ends cancelled, without a result', async () => {
    const imported = await api.follow((await api.call('jobs.startImport', { files: manyFiles(800, 'doc') })).jobId);
    expect(imported.result).toHaveLength(800);
    const { jobId } = await api.call('jobs.startExport', { format: 'w3c' });
    const final = await api.cancelAfter(jobId, 5);
    expect(final).toMatchObject({ jobId, kind: 'export', state: 'cancelled' });
    expect(final.progress?.phase).toBe('export');
    expect(final.result).toBeUndefined();
  });
});

describe('export jobs on the annotated corpus', () => {
  let tmp: ReturnType<typeof tempDir>;
  let corpus: CorpusProject;
  let api: ReturnType<typeof callerOf>;

  beforeEach(async () => {
    tmp = tempDir();
    corpus = await openCorpusProject(tmp.dir);
    api = callerOf(corpus.dispatch);
    const labels = await api.call('labels.list', {});
    const label = (name: string) => labels.find((l) => l.name === name)!.id;
    const sidelines = corpus.docs['pakistan-on-the-sidelines']!.id;
    const white = corpus.docs['rare-earth-diplomacy-white-house']!.id;
    await api.call('annotations.create', { documentId: sidelines, ranges: [corpus.rangeOf(sidelines, 'Marco Rubio')], labelId: label('Person') });
    await api.call('annotations.create', { documentId: sidelines, ranges: [corpus.rangeOf(sidelines, 'Pakistan')], labelId: label('Location'), note: 'a country' });
    await api.call('annotations.create', { documentId: white, ranges: [corpus.rangeOf(white, 'White House')], labelId: label('Organization') });
  });
  afterEach(() => {
    corpus.close();
    tmp.cleanup();
  });

  /** The W3C export without what differs between two runs: the collection's id and the time. */
  const stable = (content: string) => {
    const { id, generated } = JSON.parse(content) as { id: string; generated: string };
    return content.split(id).join('COLLECTION').split(generated).join('GENERATED');
  };

  it('a W3C export job returns what project.export returns', async () => {
    const direct = await api.call('project.export', { format: 'w3c' });
    const final = await api.follow((await api.call('jobs.startExport', { format: 'w3c' })).jobId);
    expect(final.state).toBe('done');
    if (final.kind !== 'export' || !final.result) throw new Error('no export result');
    expect({ ...final.result, content: stable(final.result.content) }).toEqual({ ...direct, content: stable(direct.content) });
    const collection = JSON.parse(final.result.content) as { type: string; total: number };
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 3 });
  });

  it('a brat export job returns the same zip as project.export, also for chosen documents', async () => {
    for (const documentIds of [undefined, [corpus.docs['pakistan-on-the-sidelines']!.id]]) {
      const args = { format: 'brat' as const, ...(documentIds ? { documentIds } : {}) };
      const direct = await api.call('project.export', args);
      const final = await api.follow((await api.call('jobs.startExport', args)).jobId);
      expect(final.state).toBe('done');
      expect(final.result).toEqual(direct);
      if (final.kind !== 'export' || !final.result) throw new Error('no export result');
      expect(final.result).toMatchObject({ fileName: 'gloss-brat.zip', mediaType: 'application/zip', base64: true });
      const files = Object.keys(unzipSync(Buffer.from(final.result.content, 'base64'))).filter((f) => f.endsWith('.ann'));
      expect(files).toHaveLength(documentIds ? 1 : 3);
    }
  });

  it('other calls are answered while an export job runs', async () => {
    const { jobId } = await api.call('jobs.startExport', { format: 'jsonl' });
    expect(await api.call('documents.list', {})).toHaveLength(3);
    const final = await api.follow(jobId);
    if (final.kind !== 'export' || !final.result) throw new Error('no export result');
    expect(final.result.content.trim().split('\n')).toHaveLength(3);
    expect(final.result).toEqual(await api.call('project.export', { format: 'jsonl' }));
  });
});
