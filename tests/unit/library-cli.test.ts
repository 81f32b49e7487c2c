// `gloss search` and `gloss import --skip-bad` as a user runs them: a real
// process (the compiled CLI) on a real project file with the real corpus.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { CORPUS_DIR, GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;

function gloss(args: string[], dbPath = db) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', dbPath], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'project.gloss');
  const project = await Project.open(db);
  try {
    const docs = await importSources(project, readSources([CORPUS_DIR]));
    const partners = docs.find((d) => d.name === 'pakistan-among-key-partners')!;
    const text = project.documents.text(partners.id);
    const tag = (phrase: string, label: string, note = '') => {
      const start = text.indexOf(phrase);
      return project.annotations.create({ documentId: partners.id, ranges: [{ start, end: start + phrase.length }], labelId: project.labels.findByName(label)!.id, annotator: 't', note }, text);
    };
    tag('Pakistan', 'Location');
    const claim = tag('Pakistan has emerged as a notable partner in the US strategy', 'Claim', 'strong wording on mining');
    project.claims.insert({ annotationId: claim.id, propositionId: project.propositions.create({ text: 'Pakistan is a key partner' }).id, stance: 'favor', attribution: { entityId: null, text: '' }, hedged: false, reported: false, note: '' });
  } finally {
    project.close();
  }
});
afterAll(() => cleanup());

describe('gloss search', () => {
  it('searches documents with phrases, OR and NOT, as JSON', () => {
    const r = gloss(['search', '("rare earth" OR lithium)', '-sidelines', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { document: { name: string } }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.document.name)).not.toContain('pakistan-on-the-sidelines');
  });

  it('searches annotations by note within a label, and lists every span of a label', () => {
    const r = gloss(['search', 'note:mining', '--annotations', '--label', 'Claim', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { total: number; hits: { label: { name: string }; propositions: { text: string }[] }[] };
    expect(result.total).toBe(1);
    expect(result.hits[0]!.propositions[0]!.text).toBe('Pakistan is a key partner');
    const all = gloss(['search', '--label', 'Location']);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(1);
    expect(all.stdout).toContain('\tLocation\tPakistan');
    expect(all.stderr).toBe('1 annotation(s)\n');
  });

  it('a malformed query is one clear line and exit code 2; unknown options are refused', () => {
    const r = gloss(['search', '"rare earth']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('gloss: search: the quote opened at character 1 is not closed; close it, or remove it to search for the words\n');
    const o = gloss(['search', 'x', '--labels', 'Claim']);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/unknown option --labels; usage: gloss search QUERY/);
  });
});

describe('gloss import --skip-bad', () => {
  it('all or nothing by default; with --skip-bad the good files are imported and the bad ones listed', () => {
    const folder = path.join(dir, 'batch');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt'), path.join(folder, 'good.txt'));
    fs.writeFileSync(path.join(folder, 'bad.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 1, 2]));
    const target = path.join(dir, 'batch.gloss');
    const strict = gloss(['import', folder], target);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/bad\.txt/);
    expect(JSON.parse(gloss(['list', '--json'], target).stdout)).toEqual([]);
    const lenient = gloss(['import', folder, '--skip-bad', '--json'], target);
    expect(lenient.status, lenient.stderr).toBe(0);
    const out = JSON.parse(lenient.stdout) as { documents: { name: string }[]; skipped: { file: string; message: string }[] };
    expect(out.documents.map((d) => d.name)).toEqual(['good']);
    expect(out.skipped).toHaveLength(1);
    expect(out.skipped[0]!.file).toMatch(/bad\.txt$/);
    expect(lenient.stderr).toMatch(/^skipped: .*bad\.txt/m);
  });
});
