// The `gloss` command as a user runs it: a real process on a real project file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { Annotation, DocumentSummary } from '../../shared/index.ts';
import { CORPUS_DIR, GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'project.gloss');
});
afterAll(() => cleanup());

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gloss ARGS` with no stdin; the user's own data folder and GLOSS_DB are never touched. */
function gloss(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused-default.gloss'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failed run: non-zero exit, nothing on stdout and exactly one line on stderr, which is returned. */
function expectOneLineError(r: Run): string {
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^gloss: [^\n]+\n$/);
  return r.stderr;
}

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

// Each case starts one to three Node processes; a busy two-core machine needs more than the default 5 s.
describe('gloss CLI', { timeout: 60_000 }, () => {
  it('imports the corpus folder and prints exactly one JSON value', () => {
    const r = gloss(['import', CORPUS_DIR, '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const docs = JSON.parse(r.stdout) as DocumentSummary[];
    expect(docs.map((d) => d.name)).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    expect(docs.every((d) => d.annotationCount === 0 && d.length > 1000)).toBe(true);
  });

  it('lists documents as JSON', () => {
    const r = gloss(['list', '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const docs = JSON.parse(r.stdout) as DocumentSummary[];
    expect(Array.isArray(docs)).toBe(true);
    expect(docs).toHaveLength(3);
    for (const d of docs) {
      expect(d).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), name: expect.any(String), annotationCount: 0 }));
    }
    expect(docs[1]!.title).toBe('Pakistan on the Sidelines of US Mineral Diplomacy');
  });

  it('exports JSONL with code point offsets, one line per document', async () => {
    const text = 'Deal 👍🏽 signed for 🇵🇰 Pakistan by e\u0301lites in قال\n';
    const r = gloss(['import', write('emoji.txt', text), '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const [imported] = JSON.parse(r.stdout) as DocumentSummary[];

    // An annotation made through the backend's API, as the app makes it (UTF-16 offsets).
    const project = await Project.open(db);
    let annotation: Annotation;
    try {
      const dispatch = createDispatcher(project);
      const location = project.labels.findByName('Location')!;
      const start = text.indexOf('Pakistan');
      const created = await dispatch('annotations.create', { documentId: imported!.id, labelId: location.id, ranges: [{ start, end: start + 8 }] });
      expect(created.ok).toBe(true);
      annotation = (created as { ok: true; result: Annotation }).result;
    } finally {
      project.close();
    }

    const out = path.join(dir, 'export.jsonl');
    const e = gloss(['export', '--format', 'jsonl', '--out', out, '--db', db]);
    expect(e.status, e.stderr).toBe(0);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    const lines = fs.readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    const records = lines.map((l) => JSON.parse(l) as { id: string; text: string; annotations: { id: string; start: number; end: number; label: string; quote: string }[] });
    const rec = records.find((x) => x.id === imported!.id)!;
    expect(rec.text).toBe(text);
    expect(rec.annotations).toHaveLength(1);
    const a = rec.annotations[0]!;
    expect(a).toMatchObject({ id: annotation.id, label: 'Location', quote: 'Pakistan' });
    const cpStart = Array.from(text.slice(0, text.indexOf('Pakistan'))).length;
    expect([a.start, a.end]).toEqual([cpStart, cpStart + 8]);
    expect(a.start).toBeLessThan(text.indexOf('Pakistan')); // not UTF-16
    expect(Array.from(text).slice(a.start, a.end).join('')).toBe('Pakistan');
  });

  it('--docs exports only the named documents', () => {
    const out = path.join(dir, 'one.jsonl');
    const r = gloss(['export', '--format', 'jsonl', '--out', out, '--docs', 'pakistan-on-the-sidelines', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { name: string }).name)).toEqual(['pakistan-on-the-sidelines']);
  });

  describe('errors: non-zero exit, one line on stderr, nothing on stdout, nothing stored', () => {
    const count = () => (JSON.parse(gloss(['list', '--json', '--db', db]).stdout) as unknown[]).length;

    it('a missing file', () => {
      const before = count();
      const missing = path.join(dir, 'no-such-file.txt');
      expect(expectOneLineError(gloss(['import', missing, '--db', db]))).toContain(missing);
      expect(count()).toBe(before);
    });

    it('a file in a bad encoding, among good ones', () => {
      const before = count();
      const good = write('good.txt', 'Fine text\n');
      const bad = write('latin1.txt', new Uint8Array([...Buffer.from('Title\ncaf'), 0xe9, 0x0a]));
      const line = expectOneLineError(gloss(['import', good, bad, '--json', '--db', db]));
      expect(line).toContain(`${bad}: line 2`);
      expect(count()).toBe(before);
    });

    it('a file of an unknown format', () => {
      const rtf = write('notes.rtf', '{\\rtf1 hello}');
      expect(expectOneLineError(gloss(['import', rtf, '--db', db]))).toContain(rtf);
    });

    it('an unknown export format', () => {
      const out = path.join(dir, 'never.xml');
      expect(expectOneLineError(gloss(['export', '--format', 'xml', '--out', out, '--db', db]))).toContain('"xml"');
      expect(fs.existsSync(out)).toBe(false);
    });

    it('an unknown command', () => {
      expect(expectOneLineError(gloss(['frobnicate', '--db', db]))).toContain('"frobnicate"');
    });

    it('a project file that is not a database', () => {
      const notDb = write('notes.gloss', 'just some notes\n'.repeat(10));
      expect(expectOneLineError(gloss(['list', '--db', notDb]))).toContain(notDb);
      expect(fs.readFileSync(notDb, 'utf8')).toBe('just some notes\n'.repeat(10));
    });
  });

  it('GLOSS_DB selects the project file when --db is not given', () => {
    const envDb = path.join(dir, 'from-env.gloss');
    const r = gloss(['import', write('env.txt', 'From the environment\n'), '--json'], { GLOSS_DB: envDb });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.existsSync(envDb)).toBe(true);
    const listed = JSON.parse(gloss(['list', '--json'], { GLOSS_DB: envDb }).stdout) as DocumentSummary[];
    expect(listed.map((d) => d.title)).toEqual(['From the environment']);
    // --db still wins over GLOSS_DB.
    expect((JSON.parse(gloss(['list', '--json', '--db', db], { GLOSS_DB: envDb }).stdout) as unknown[]).length).toBe(4);
  });
});
