// Text from imported files on the terminal: a hostile title, entity name,
// proposition and quote (escape sequences that clear the screen and recolour,
// OSC 8 links, OSC 52 clipboard writes, C1 controls, DEL, bidi overrides and
// isolates) is printed as visible escapes by every human-readable command of
// the real `gloss` process, while --json gives back the exact text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { printable, terminalSafeJson } from '../../electron/cli/escape.ts';
import type { DocumentSummary } from '../../shared/index.ts';
import { GLOSS_BIN } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const ESC = '\u001b';
const BEL = '\u0007';
const HOSTILE_TITLE = `${ESC}[2J${ESC}[31mRed${ESC}[0m ${ESC}]8;;https://evil.example/${BEL}click${ESC}]8;;${BEL} ${ESC}]52;c;ZXZpbA==${BEL}\u202Eevil.exe\u202C tab\there \u009b31m del\u007f \u2066iso\u2069 \u200Fmark`;
const HOSTILE_ENTITY = `Acme\u202E${ESC}[1mCorp`;
const HOSTILE_PROPOSITION = `Exports ${ESC}]52;c;cGF5bG9hZA==${BEL}rose\u2067`;

/** No character a terminal acts on, nor a bidi control, anywhere in the output. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let cleanup: () => void;
let db: string;

function gloss(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], { encoding: 'utf8', input: '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'p.gloss');
  const file = path.join(dir, 'hostile.txt');
  fs.writeFileSync(file, `${HOSTILE_TITLE}\n\nAcme Corp said that exports rose.\n`);
  const r = gloss(['import', file]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).not.toMatch(UNSAFE);
  // An entity and a proposition with hostile names, linked to the document (as a tagset or JSONL import could bring them).
  const project = await Project.open(db);
  try {
    const dispatch = createDispatcher(project);
    const doc = project.documents.list()[0]!;
    const labels = project.labels.list();
    const org = labels.find((l) => l.kind === 'entity')!;
    const claim = labels.find((l) => l.kind === 'claim')!;
    const text = project.documents.text(doc.id);
    const at = text.indexOf('Acme');
    const mention = await dispatch('annotations.create', { documentId: doc.id, labelId: org.id, ranges: [{ start: at, end: at + 9 }] });
    expect(mention.ok).toBe(true);
    const entity = await dispatch('entities.create', { name: HOSTILE_ENTITY, type: `T\u202Eype`, annotationId: (mention as { result: { id: string } }).result.id });
    expect(entity.ok, JSON.stringify(entity)).toBe(true);
    const said = await dispatch('annotations.create', { documentId: doc.id, labelId: claim.id, ranges: [{ start: text.indexOf('exports'), end: text.indexOf('rose') + 4 }] });
    const linked = await dispatch('claims.link', { annotationId: (said as { result: { id: string } }).result.id, propositionText: HOSTILE_PROPOSITION });
    expect(linked.ok, JSON.stringify(linked)).toBe(true);
  } finally {
    project.close();
  }
});
afterAll(() => cleanup());

describe('human-readable CLI output escapes control and bidi characters', { timeout: 60_000 }, () => {
  for (const command of [['list'], ['entities'], ['propositions'], ['compare']]) {
    it(`gloss ${command.join(' ')}`, () => {
      const r = gloss(command);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(UNSAFE);
      expect(r.stderr).toBe('');
    });
  }

  it('shows the escapes, so the reader sees what the text holds', () => {
    const list = gloss(['list']).stdout;
    expect(list).toContain('\\x1B[2J\\x1B[31mRed\\x1B[0m \\x1B]8;;https://evil.example/\\x07click');
    expect(list).toContain('\\x1B]52;c;ZXZpbA==\\x07');
    expect(list).toContain('\\u202Eevil.exe\\u202C tab\\there \\x9B31m del\\x7F \\u2066iso\\u2069 \\u200Fmark');
    // Columns stay columns: exactly the three separating tabs.
    expect(list.trimEnd().split('\t')).toHaveLength(4);
    expect(gloss(['entities']).stdout).toContain('Acme\\u202E\\x1B[1mCorp');
    expect(gloss(['propositions']).stdout).toContain('Exports \\x1B]52;c;cGF5bG9hZA==\\x07rose\\u2067');
  });

  it('--json gives the exact text back, with the bidi and C1 controls as JSON escapes', () => {
    const r = gloss(['list', '--json']);
    expect(r.stdout).not.toMatch(UNSAFE);
    const docs = JSON.parse(r.stdout) as DocumentSummary[];
    expect(docs[0]!.title).toBe(HOSTILE_TITLE);
    const entities = JSON.parse(gloss(['entities', '--json']).stdout) as { name: string }[];
    expect(entities.map((e) => e.name)).toContain(HOSTILE_ENTITY);
  });

  it('error lines are escaped too', () => {
    const r = gloss(['compare', `no such ${ESC}[2J\u202Edocument`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('gloss: no document with id, name or title "no such \\x1B[2J\\u202Edocument"\n');
  });
});

describe('printable and terminalSafeJson', () => {
  it('keep ordinary text, emoji, right-to-left script and combining marks as they are', () => {
    const text = 'Café 👍🏽 🇵🇰 مرحبا שלום e\u0301 “quoted” \\ back\\slash';
    expect(printable(text)).toBe(text);
    expect(terminalSafeJson(JSON.stringify(text))).toBe(JSON.stringify(text));
  });

  it('JSON with escapes parses to the same value', () => {
    const value = { t: HOSTILE_TITLE, n: [HOSTILE_ENTITY, '\u2028\u2029'] };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toEqual(value);
  });
});
