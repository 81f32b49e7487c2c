// The team flow through the compiled CLI, as it is checked: several
// annotators' brat sets of the same texts imported with --annotator, then
// `gloss agreement --json` against an independent computation from the brat
// files themselves; the same sets in separate .gloss files merged with
// `gloss merge` give the same figures, and merging twice adds nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../shared/index.ts';
import { expectReport, rng } from '../support/agreement.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { runPython } from '../support/python.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('gloss-team-')));
afterAll(() => cleanup());

function gloss(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss'), GLOSS_ANNOTATOR: '', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[], env?: Record<string, string>): string {
  const r = gloss(args, env);
  expect(r.stderr === '' || r.status === 0 ? r.status : r.stderr, args.join(' ')).toBe(0);
  return r.stdout;
}

const LABELS = ['Person', 'Organization', 'Location', 'Claim'];
const WORDS = ['Pakistan', 'was', 'not', 'invited', 'to', 'the', 'summit', '👍🏽', 'de\u0301ja\u0300', 'مرحبا', '𝐀𝐁', '🇵🇰', '42%', 'minerals', ',', '.', 'lithium', 'Islamabad'];
const PROPOSITIONS: Record<string, string> = { P1: 'Pakistan was left out of the summit', P2: 'Critical minerals are scarce', P3: 'The deal favours the US' };

interface PySpan { annotator: string; label: string; ranges: number[][] }
interface PyDoc { id: string; text: string; spans: PySpan[]; claims: { annotator: string; proposition: string; stance: string }[] }

/**
 * Writes one brat folder per annotator with the same texts and noisy copies of
 * shared spans (dropped, relabelled, shifted, discontinuous), claims linked to
 * propositions with stances. Returns the folders and the same data in code
 * points for the independent computation.
 */
function bratSets(seed: number, annotators: string[], docs: number, identical = false): { folders: string[]; py: PyDoc[] } {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const root = fs.mkdtempSync(path.join(dir, 'brat-'));
  const folders = annotators.map((a) => path.join(root, a));
  for (const f of folders) fs.mkdirSync(f);
  const py: PyDoc[] = [];
  for (let d = 0; d < docs; d++) {
    const name = `doc${String(d).padStart(2, '0')}`;
    const text = Array.from({ length: 30 + Math.floor(next() * 40) }, () => pick(WORDS)).join(' ') + '\n';
    const cps = [...text];
    const base = Array.from({ length: 6 }, () => {
      const start = Math.floor(next() * (cps.length - 12));
      const ranges = [[start, start + 1 + Math.floor(next() * 8)]];
      if (next() < 0.2) ranges.push([ranges[0]![1]! + 2, ranges[0]![1]! + 4]);
      return { label: pick(LABELS), ranges, proposition: pick(Object.keys(PROPOSITIONS)), stance: pick(['Favor', 'Against', 'Neutral']) };
    });
    const doc: PyDoc = { id: name, text, spans: [], claims: [] };
    annotators.forEach((annotator, ai) => {
      const lines: string[] = [];
      let t = 0;
      let n = 0;
      let a = 0;
      for (const s of base) {
        const noisy = !identical;
        if (noisy && next() < 0.15) continue;
        const label = noisy && next() < 0.15 ? pick(LABELS) : s.label;
        const shift = noisy && next() < 0.25 ? Math.floor(next() * 3) - 1 : 0;
        const ranges = s.ranges.map(([x, y]) => [Math.max(0, x! + shift), Math.min(cps.length - 1, y! + shift)]).filter(([x, y]) => y! > x! && !/^\s|\s$/.test(cps.slice(x, y).join('')));
        if (!ranges.length || ranges.some(([x, y]) => /\n/.test(cps.slice(x, y).join('')))) continue;
        const id = `T${++t}`;
        lines.push(`${id}\t${label} ${ranges.map(([x, y]) => `${x} ${y}`).join(';')}\t${ranges.map(([x, y]) => cps.slice(x, y).join('')).join(' ')}`);
        doc.spans.push({ annotator, label, ranges });
        if (label === 'Claim') {
          const stance = noisy && next() < 0.2 ? pick(['Favor', 'Against', 'Neutral']) : s.stance;
          lines.push(`A${++a}\tStance ${id} ${stance}`);
          lines.push(`N${++n}\tReference ${id} propositions:${s.proposition}\t${PROPOSITIONS[s.proposition]}`);
          doc.claims.push({ annotator, proposition: s.proposition, stance: stance.toLowerCase() });
        }
      }
      fs.writeFileSync(path.join(folders[ai]!, `${name}.txt`), text);
      fs.writeFileSync(path.join(folders[ai]!, `${name}.ann`), lines.join('\n') + (lines.length ? '\n' : ''));
    });
    py.push(doc);
  }
  return { folders, py };
}

function reference(annotators: string[], py: PyDoc[]): unknown {
  const labelKinds = Object.fromEntries(LABELS.map((l) => [l, l === 'Claim' ? 'claim' : 'entity']));
  return runPython('agreement-reference.py', { report: { annotators, labelKinds, documents: py } });
}

function counts(db: string): { documents: number; annotations: number; claims: number; byAnnotator: Record<string, number> } {
  const conn = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => (conn.prepare(sql).pluck().get() as number) ?? 0;
    const rows = conn.prepare('SELECT annotator, count(*) AS n FROM annotations GROUP BY annotator').all() as { annotator: string; n: number }[];
    return { documents: one('SELECT count(*) FROM documents'), annotations: one('SELECT count(*) FROM annotations'), claims: one('SELECT count(*) FROM claim_links'), byAnnotator: Object.fromEntries(rows.map((r) => [r.annotator, r.n])) };
  } finally {
    conn.close();
  }
}

function agreement(db: string, extra: string[] = []): AgreementReport {
  return JSON.parse(ok(['agreement', '--json', '--db', db, ...extra])) as AgreementReport;
}

describe('team annotation through the CLI', () => {
  for (const annotators of [['ann-a', 'ann-b'], ['ann-a', 'ann-b', 'ann-c']]) {
    it(`${annotators.length} annotators: import with --annotator, agreement, merge, merge again`, () => {
      const { folders, py } = bratSets(annotators.length * 101, annotators, 6);
      const db = path.join(dir, `together-${annotators.length}.gloss`);
      annotators.forEach((a, i) => ok(['import', folders[i]!, '--annotator', a, '--db', db]));
      const together = counts(db);
      // The same texts are the same documents; each annotator's layer is kept.
      expect(together.documents).toBe(6);
      expect(Object.keys(together.byAnnotator).sort()).toEqual(annotators);
      const report = agreement(db);
      expect(report.annotators).toEqual(annotators);
      expectReport(report, reference(annotators, py));

      // Importing the same annotations again as the same annotator adds nothing.
      ok(['import', folders[0]!, '--annotator', annotators[0]!, '--db', db]);
      expect(counts(db)).toEqual(together);

      // Each annotator in their own project, merged by a lead.
      const files = annotators.map((a, i) => {
        const f = path.join(dir, `${a}-${annotators.length}.gloss`);
        ok(['import', folders[i]!, '--db', f], { GLOSS_ANNOTATOR: a });
        return f;
      });
      const target = path.join(dir, `merged-${annotators.length}.gloss`);
      const merged = JSON.parse(ok(['merge', ...files, '--db', target, '--json'])) as { documents: { created: number }; annotations: Record<string, number> };
      expect(merged.documents.created).toBe(6);
      expect(merged.annotations).toEqual(together.byAnnotator);
      expect(counts(target)).toEqual(together);
      expect(agreement(target)).toEqual(report);

      // Merging the same files again adds nothing.
      const again = JSON.parse(ok(['merge', ...files, '--db', target, '--json'])) as { counts: { annotations: number; documents: number; claims: number } };
      expect(again.counts).toMatchObject({ annotations: 0, documents: 0, claims: 0 });
      expect(counts(target)).toEqual(together);
      expect(agreement(target)).toEqual(report);
      // The text output names what came in.
      expect(ok(['merge', files[0]!, '--db', target])).toMatch(/documents: 0 new, 6 matched by text\nannotations: 0\n/);
    });
  }

  it('gives exactly 1 on every measure for identical annotators', () => {
    const { folders } = bratSets(9, ['x', 'y', 'z'], 4, true);
    const db = path.join(dir, 'identical.gloss');
    ['x', 'y', 'z'].forEach((a, i) => ok(['import', folders[i]!, '--annotator', a, '--db', db]));
    for (const extra of [['--annotators', 'x,y'], []]) {
      const report = agreement(db, extra);
      const figures: number[] = [];
      const walk = (x: unknown, key: string) => {
        if (typeof x === 'number' && !['a', 'b', 'items', 'documents'].includes(key)) figures.push(x);
        else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
      };
      walk(report, '');
      expect(figures.length).toBeGreaterThan(10);
      expect(new Set(figures)).toEqual(new Set([1]));
    }
  });

  it('chooses annotators, labels and documents, and needs two annotators', () => {
    const { folders, py } = bratSets(31, ['p', 'q', 'r'], 3);
    const db = path.join(dir, 'choose.gloss');
    ['p', 'q', 'r'].forEach((a, i) => ok(['import', folders[i]!, '--annotator', a, '--db', db]));
    const report = agreement(db, ['--annotators', 'r,p', '--labels', 'Person,Claim', 'doc00', 'doc02']);
    expect(report.annotators).toEqual(['r', 'p']);
    expect(report.documents).toBe(2);
    const chosen = [py[0]!, py[2]!].map((d) => ({ ...d, spans: d.spans.filter((s) => s.label === 'Person' || s.label === 'Claim') }));
    const labelKinds = { Person: 'entity', Claim: 'claim' };
    expectReport(report, runPython('agreement-reference.py', { report: { annotators: ['r', 'p'], labelKinds, documents: chosen } }));
    const r = gloss(['agreement', '--annotators', 'p', '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/at least two annotators/);
  });

  it('exports one layer with --annotator, and formats that carry a creator keep it on import', () => {
    const { folders } = bratSets(53, ['ana', 'ben'], 2);
    const db = path.join(dir, 'layers.gloss');
    ok(['import', folders[0]!, '--annotator', 'ana', '--db', db]);
    ok(['import', folders[1]!, '--annotator', 'ben', '--db', db]);
    const before = counts(db);
    for (const format of ['w3c', 'jsonl', 'qdpx'] as const) {
      const out = path.join(dir, `ben-layer.${format}`);
      ok(['export', '--format', format, '--annotator', 'ben', '--out', out, '--db', db]);
      // Imported by someone else: the creators in the file are kept.
      const fresh = path.join(dir, `fresh-${format}.gloss`);
      ok(['import', out, '--format', format, '--annotator', 'carla', '--db', fresh]);
      expect(counts(fresh).byAnnotator, format).toEqual({ ben: before.byAnnotator.ben });
    }
    // The same texts come back as the same documents: re-importing ben's layer into the project adds nothing.
    ok(['import', path.join(dir, 'ben-layer.jsonl'), '--db', db]);
    expect(counts(db)).toEqual(before);
  });

  it('refuses to merge a file that is not a Gloss project or comes from a newer Gloss, leaving the target unchanged', () => {
    const { folders } = bratSets(41, ['solo'], 2);
    const target = path.join(dir, 'target.gloss');
    ok(['import', folders[0]!, '--annotator', 'solo', '--db', target]);
    const before = counts(target);
    const text = path.join(dir, 'notes.gloss');
    fs.writeFileSync(text, 'just some notes\n');
    let r = gloss(['merge', text, '--db', target]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/notes\.gloss: not a Gloss project/);
    const newer = path.join(dir, 'newer.gloss');
    fs.copyFileSync(target, newer);
    const conn = new Database(newer);
    conn.pragma('user_version = 999');
    conn.close();
    r = gloss(['merge', newer, '--db', target]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/newer\.gloss: this project was written by a newer version of Gloss/);
    expect(counts(target)).toEqual(before);
  });
});
