// Import and export as users reach them: the `gloss` command (a real process
// on a real project file, progress on stderr) and the API the app calls
// (project.export returning base64 for .qdpx and a zip for brat).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { DocumentSummary } from '../../shared/index.ts';
import { normalizeAnn } from '../support/brat-normalize.ts';
import { GLOSS_BIN, REPO_ROOT, SHARED_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const TUTORIAL = path.join(SHARED_DIR, 'interop', 'brat', 'tutorial-news');

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'project.gloss');
});
afterAll(() => cleanup());

function gloss(args: string[]) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gloss import and export', { timeout: 60_000 }, () => {
  it('imports a brat folder with progress on stderr, and exports it back as a brat folder', () => {
    const r = gloss(['import', TUTORIAL, '--progress']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^parsing \d+\/\d+/m);
    expect(r.stderr).toMatch(/^storing 13\/13$/m);
    expect(r.stderr).toMatch(/imported 13 document\(s\) with 119 annotation\(s\), 8 relation\(s\), 23 event\(s\)/);
    expect(r.stdout.trim().split('\n')).toHaveLength(13);

    const out = path.join(dir, 'brat-out');
    const e = gloss(['export', '--format', 'brat', '--out', out]);
    expect(e.status, e.stderr).toBe(0);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    for (const f of fs.readdirSync(TUTORIAL).filter((n) => n.endsWith('.ann'))) {
      expect(normalizeAnn(fs.readFileSync(path.join(out, f), 'utf8')), f).toEqual(normalizeAnn(fs.readFileSync(path.join(TUTORIAL, f), 'utf8')));
    }
    // A second export into the same, now full, folder is refused rather than mixed in.
    const again = gloss(['export', '--format', 'brat', '--out', out]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('exports every other format to a file, and --docs narrows it', () => {
    for (const [format, file] of [
      ['w3c', 'a.jsonld'],
      ['jsonl', 'a.jsonl'],
      ['conll', 'a.conll'],
      ['csv', 'a.csv'],
      ['qdpx', 'a.qdpx'],
      ['html', 'a.html'],
    ]) {
      const out = path.join(dir, file!);
      const r = gloss(['export', '--format', format!, '--out', out, '--docs', '080-event-annotation']);
      expect(r.status, r.stderr).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(100);
    }
    expect(fs.readFileSync(path.join(dir, 'a.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(Object.keys(unzipSync(fs.readFileSync(path.join(dir, 'a.qdpx'))))).toContain('project.qde');
  });

  it('re-imports its own W3C export with --format w3c', () => {
    const fresh = path.join(dir, 'fresh.gloss');
    const r = spawnSync(process.execPath, [GLOSS_BIN, 'import', path.join(dir, 'a.jsonld'), '--format', 'w3c', '--json', '--db', fresh], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const docs = JSON.parse(r.stdout) as DocumentSummary[];
    expect(docs.map((d) => [d.name, d.annotationCount])).toEqual([['080-event-annotation', 21]]);
  });

  it('a bad brat file: one line on stderr naming file and line, nothing stored', () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'x.txt'), 'Hello world\n');
    fs.writeFileSync(path.join(bad, 'x.ann'), 'T1\tPerson 0 5\tHello\nT2\tPerson 6 50\tworld\n');
    const before = gloss(['list', '--json']).stdout;
    const r = gloss(['import', bad]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gloss: [^\n]*x\.ann: line 2: T2: offset 50 is past the end of x\.txt[^\n]*\n$/);
    expect(gloss(['list', '--json']).stdout).toBe(before);
  });

  it('an unknown format is refused by name', () => {
    expect(gloss(['import', TUTORIAL, '--format', 'xml']).stderr).toMatch(/unknown format "xml"/);
    expect(gloss(['export', '--format', 'xml', '--out', path.join(dir, 'x.xml')]).stderr).toMatch(/unknown format "xml"/);
  });
});

describe('the API', () => {
  it('project.export returns text, base64 for .qdpx and a zip for brat; documents.import reads brat files sent by name', async () => {
    const project = await Project.open(path.join(dir, 'api.gloss'));
    try {
      const dispatch = createDispatcher(project);
      const files = fs.readdirSync(TUTORIAL).map((f) => ({ name: `tutorial-news/${f}`, base64: fs.readFileSync(path.join(TUTORIAL, f)).toString('base64') }));
      const imported = await dispatch('documents.import', { files, format: 'auto' });
      expect(imported.ok, JSON.stringify(imported)).toBe(true);
      expect((imported as { result: unknown[] }).result).toHaveLength(13);

      const csv = (await dispatch('project.export', { format: 'csv' })) as { ok: true; result: { content: string; base64?: boolean } };
      expect(csv.result.base64).toBeUndefined();
      expect(csv.result.content.startsWith('document,label,start,end')).toBe(true);

      const qdpx = (await dispatch('project.export', { format: 'qdpx' })) as { ok: true; result: { fileName: string; content: string; base64?: boolean } };
      expect(qdpx.result).toMatchObject({ fileName: 'gloss-project.qdpx', base64: true });
      expect(Object.keys(unzipSync(Buffer.from(qdpx.result.content, 'base64')))).toContain('project.qde');

      const brat = (await dispatch('project.export', { format: 'brat' })) as { ok: true; result: { fileName: string; mediaType: string; content: string; base64?: boolean } };
      expect(brat.result).toMatchObject({ fileName: 'gloss-brat.zip', mediaType: 'application/zip', base64: true });
      const zip = unzipSync(Buffer.from(brat.result.content, 'base64'));
      expect(Object.keys(zip)).toEqual(expect.arrayContaining(['gloss-brat/annotation.conf', 'gloss-brat/visual.conf', 'gloss-brat/090-event_structures.ann']));
      const ann = Buffer.from(zip['gloss-brat/090-event_structures.ann']!).toString('utf8');
      expect(normalizeAnn(ann)).toEqual(normalizeAnn(fs.readFileSync(path.join(TUTORIAL, '090-event_structures.ann'), 'utf8')));
    } finally {
      project.close();
    }
  });
});
