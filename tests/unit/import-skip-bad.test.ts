// A batch that meets a bad file: all or nothing by default; with skipBad the
// good files are stored and the bad ones listed; a dry run stores nothing and
// says what would be. On a real SQLite file, through the dispatcher and jobs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { Project } from '../../electron/backend/project.ts';
import type { ImportFile, JobStatus } from '../../shared/index.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let project: Project;
beforeEach(async () => {
  tmp = tempDir();
  project = await Project.open(path.join(tmp.dir, 'p.gloss'));
});
afterEach(() => {
  project.close();
  tmp.cleanup();
});

const good = () => fs.readdirSync(CORPUS_DIR).sort().map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, f))) }));
const binary = { name: 'broken.txt', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]) };
const empty = { name: 'empty.md', bytes: new TextEncoder().encode('   \n') };
const badJsonl = { name: 'corpus.jsonl', bytes: new TextEncoder().encode('{"text": "ok"}\n{not json\n') };

describe('an import batch with bad files', () => {
  it('stores nothing by default, naming the bad file', async () => {
    await expect(importFiles(project, [...good(), binary])).rejects.toThrow(/broken\.txt/);
    expect(project.documents.list()).toEqual([]);
  });

  it('with skipBad stores the good files and lists each bad one with its reason', async () => {
    const result = await importFiles(project, [...good(), binary, empty, badJsonl], 'auto', { skipBad: true });
    expect(result.documents.map((d) => d.name).sort()).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    expect(result.skipped.map((s) => s.file).sort()).toEqual(['broken.txt', 'corpus.jsonl', 'empty.md']);
    expect(result.skipped.find((s) => s.file === 'empty.md')!.message).toMatch(/empty\.md: the file holds no text/);
    expect(result.skipped.find((s) => s.file === 'corpus.jsonl')!.message).toMatch(/corpus\.jsonl: line \d+/);
    expect(project.documents.list()).toHaveLength(3);
  });

  it('a dry run stores nothing and answers what would be imported and skipped', async () => {
    const result = await importFiles(project, [...good(), binary], 'auto', { skipBad: true, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.documents).toHaveLength(3);
    expect(result.skipped.map((s) => s.file)).toEqual(['broken.txt']);
    expect(project.documents.list()).toEqual([]);
    expect(project.documents.search('pakistan')).toEqual([]);
  });

  it('through a job: skipped files and the dry-run flag are in the final status', async () => {
    const dispatch = createDispatcher(project);
    const files: ImportFile[] = [...good(), binary].map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') }));
    const run = async (args: { skipBad?: boolean; dryRun?: boolean }): Promise<JobStatus> => {
      const started = await dispatch('jobs.startImport', { files, ...args });
      if (!started.ok) throw new Error(started.error.message);
      for (;;) {
        const s = await dispatch('jobs.status', { jobId: (started.result as { jobId: string }).jobId });
        if (!s.ok) throw new Error(s.error.message);
        const status = s.result as JobStatus;
        if (status.state !== 'running') return status;
        await new Promise((r) => setImmediate(r));
      }
    };
    const failed = await run({});
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/broken\.txt/);
    const dry = await run({ skipBad: true, dryRun: true });
    expect(dry).toMatchObject({ state: 'done', dryRun: true, skipped: [{ file: 'broken.txt' }] });
    expect(dry.kind === 'import' && dry.result?.length).toBe(3);
    expect(project.documents.list()).toEqual([]);
    const done = await run({ skipBad: true });
    expect(done).toMatchObject({ state: 'done', dryRun: false, skipped: [{ file: 'broken.txt' }] });
    expect(project.documents.list()).toHaveLength(3);
  });
});
