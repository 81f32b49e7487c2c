// `gloss update` as a user runs it: a real process on a real project file.
// Bad input gets one line naming the file, and nothing changes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;
let docId: string;
const V1 = 'Leaders met atthe forum 🇵🇰 in واشنطن.\n\nA second paragraph about Pax Silica.\n';

function gloss(args: string[]) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], {
    cwd: REPO_ROOT, encoding: 'utf8', input: '', timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string | Uint8Array): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

async function state() {
  const p = await Project.open(db);
  try {
    return {
      text: p.documents.get(docId).text,
      annotations: p.annotations.listByDocument(docId).map((a) => [a.id, a.ranges, a.quote]),
      versions: p.db.prepare('SELECT count(*) AS n FROM document_versions').get(),
    };
  } finally {
    p.close();
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'p.gloss');
  const r = gloss(['import', write('forum.txt', V1), '--json']);
  expect(r.status, r.stderr).toBe(0);
  docId = JSON.parse(r.stdout)[0].id;
  const p = await Project.open(db);
  const label = p.labels.list().find((l) => l.name === 'Location')!.id;
  const at = V1.indexOf('Pax Silica');
  p.annotations.create({ documentId: docId, ranges: [{ start: at, end: at + 10 }], labelId: label, annotator: 't' }, V1);
  p.close();
});
afterAll(() => cleanup());

describe('gloss update', { timeout: 120_000 }, () => {
  it('is listed in help with its options, and its options are strict', () => {
    expect(gloss(['help']).stdout).toMatch(/update DOC FILE \[--format auto\|txt\|md\|html\|pdf\|docx\] \[--summary TEXT\] \[--annotator NAME\] \[--json\]/);
    const r = gloss(['update', docId, write('x.txt', 'x'), '--force']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--force/);
  });

  it('refuses bad input with one line naming the file, and changes nothing', async () => {
    const before = await state();
    const cases: [string, string | Uint8Array][] = [
      ['empty.txt', ''],
      ['binary.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00])],
      ['latin1.txt', new Uint8Array([0x4c, 0x65, 0x61, 0x64, 0x65, 0x72, 0x73, 0x20, 0xe9, 0x0a])],
      ['broken.docx', 'PK this is not a zip'],
      ['annotations.jsonl', '{"text": "x"}\n'],
      ['same.txt', V1],
    ];
    for (const [name, content] of cases) {
      const f = write(name, content);
      const r = gloss(['update', docId, f, '--json']);
      expect(r.status, name).not.toBe(0);
      expect(r.stdout, name).toBe('');
      expect(r.stderr, name).toMatch(/^gloss: [^\n]+\n$/);
      expect(r.stderr, name).toContain(name);
    }
    const unknown = gloss(['update', 'no-such-document', write('v2.txt', 'New text.\n'), '--json']);
    expect(unknown.stderr).toMatch(/^gloss: .*v2\.txt: no document with id, name or title "no-such-document"/);
    const missing = gloss(['update', docId, path.join(dir, 'missing.txt')]);
    expect(missing.stderr).toMatch(/missing\.txt: no such file/);
    expect(await state()).toEqual(before);
  });

  it('updates by name from Markdown and reports in code points; a plain run prints what moved', async () => {
    const f = write('forum-v2.md', '# Leaders met at the forum 🇵🇰 in واشنطن.\n\nA new first line.\n\nA second paragraph about Pax Silica.\n');
    const r = gloss(['update', 'forum', f, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ document: docId, version: 2, counts: { kept: 1, moved: 0, changed: 0, orphaned: 0 } });
    const text = (await state()).text;
    const cpStart = Array.from(text.slice(0, text.indexOf('Pax Silica'))).length;
    expect(out.annotations).toEqual([{ id: expect.any(String), label: 'Location', status: 'kept', quote: 'Pax Silica', newQuote: 'Pax Silica', start: cpStart, end: cpStart + 10 }]);
    // The title changed with the first line; the paragraph about Pax Silica moves to the top.
    const plain = gloss(['update', 'forum', write('forum-v3.txt', 'About Pax Silica, a second paragraph about Pax Silica.\n\nLeaders met at the forum 🇵🇰 in واشنطن.\n\nA new first line.\n')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/version 3: 0 kept, 1 moved, 0 changed, 0 orphaned/);
    expect(plain.stdout).toMatch(/\tLocation\tmoved \[43, 53\)\tPax Silica\n/);
    // Where its context does not decide, a short quote is not guessed: orphaned.
    const lost = gloss(['update', 'forum', write('forum-v4.txt', 'Pax Silica first.\n\nLeaders met.\n')]);
    expect(lost.stderr).toMatch(/version 4: 0 kept, 0 moved, 0 changed, 1 orphaned/);
  });

  it('records the new version under --annotator, else $GLOSS_ANNOTATOR (update writes, like import)', async () => {
    const before = (await state()).text;
    const r = gloss(['update', 'forum', write('forum-by-ann.txt', `${before}A line added by a second annotator.\n`), '--annotator', 'ann-b', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { version } = JSON.parse(r.stdout) as { version: number };
    const p = await Project.open(db);
    try {
      expect(p.versions.list(docId).find((v) => v.version === version)?.annotator).toBe('ann-b');
    } finally {
      p.close();
    }
  });
});
