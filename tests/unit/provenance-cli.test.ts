// `gloss history DOC` as a user runs it: a real process on a real project
// file. One line per change, newest first (time, actor, op, kind, summary,
// method or command), control characters escaped, --json, --limit, a deleted
// document by its id, and the CLI's own writes logged as `gloss COMMAND`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { ChangeEntry } from '../../shared/index.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;
let docId: string;
let annotationId: string;
const TEXT = 'Evil\u001b]52;c;aGk=\u0007 title \u202Eabc\nThe minister met 🇵🇰 officials in واشنطن.\n';

function gloss(args: string[]) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], {
    cwd: REPO_ROOT, encoding: 'utf8', input: '', timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss'), GLOSS_ANNOTATOR: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'p.gloss');
  const file = path.join(dir, 'talks.txt');
  fs.writeFileSync(file, TEXT);
  const r = gloss(['import', file, '--annotator', 'ines', '--json']);
  expect(r.status, r.stderr).toBe(0);
  docId = JSON.parse(r.stdout)[0].id;
  const p = await Project.open(db);
  try {
    p.useAnnotator('jon');
    const dispatch = createDispatcher(p);
    const label = p.labels.list().find((l) => l.kind === 'claim')!;
    const start = TEXT.indexOf('The minister');
    const made = await dispatch('annotations.create', { documentId: docId, ranges: [{ start, end: start + 12 }], labelId: label.id });
    if (!made.ok) throw new Error(made.error.message);
    annotationId = (made.result as { id: string }).id;
    const noted = await dispatch('annotations.update', { id: annotationId, note: 'bell\u0007 here' });
    expect(noted.ok).toBe(true);
  } finally {
    p.close();
  }
});
afterAll(() => cleanup());

describe('gloss history', () => {
  it('prints one line per change, newest first, with escaped control characters', () => {
    const r = gloss(['history', 'talks']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const fields = lines.map((l) => l.split('\t'));
    expect(fields.map((f) => f.slice(1, 4))).toEqual([
      ['jon', 'update', 'annotation'],
      ['jon', 'insert', 'annotation'],
      ['ines', 'insert', 'document'],
    ]);
    for (const f of fields) expect(f[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fields[0]![4]).toBe('note: "" → "bell\\x07 here"');
    expect(fields[0]![5]).toBe('annotations.update');
    expect(fields[1]![4]).toBe('quote "The minister"');
    expect(fields[2]![4]).toBe('title "Evil\\x1B]52;c;aGk=\\x07 title \\u202Eabc"');
    expect(fields[2]![5]).toBe('gloss import');
    // Nothing raw reaches the terminal.
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(r.stderr).toBe('3 change(s)\n');
  });

  it('--json gives every field; --limit cuts the newest N and says older ones remain', () => {
    const r = gloss(['history', docId, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const entries = JSON.parse(r.stdout) as ChangeEntry[];
    expect(entries.map((e) => [e.actor, e.op, e.kind, e.via])).toEqual([
      ['jon', 'update', 'annotation', 'annotations.update'],
      ['jon', 'insert', 'annotation', 'annotations.create'],
      ['ines', 'insert', 'document', 'gloss import'],
    ]);
    expect(entries[0]).toMatchObject({ documentId: docId, objectId: annotationId, before: { note: '' }, after: { note: 'bell\u0007 here' } });
    const limited = gloss(['history', docId, '--limit', '1']);
    expect(limited.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(limited.stderr).toMatch(/^1 change\(s\); older ones with --limit 10\n$/);
    expect(gloss(['history', docId, '--limit', '0'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--limit must be a number from 1/) });
  });

  it('finds a deleted document by id; an unknown one is an error; the usage is in gloss help', async () => {
    const p = await Project.open(db);
    try {
      p.useAnnotator('kim');
      const r = await createDispatcher(p)('documents.delete', { id: docId });
      expect(r.ok).toBe(true);
    } finally {
      p.close();
    }
    const r = gloss(['history', docId]);
    expect(r.status, r.stderr).toBe(0);
    const first = r.stdout.split('\n')[0]!.split('\t');
    expect(first.slice(1, 4)).toEqual(['kim', 'delete', 'document']);
    expect(gloss(['history', 'no-such-document'])).toMatchObject({ status: 1, stderr: expect.stringContaining('no document with id, name or title "no-such-document"') });
    expect(gloss(['history'])).toMatchObject({ status: 2, stderr: expect.stringContaining('give one document') });
    expect(gloss(['help']).stdout).toContain('history DOC [--limit N] [--json]');
  });
});
