// "How it will be checked" (issue 11): an annotated article and a second version
// of it (spacing fixed, a note inserted, a clause cut, a paragraph moved, a claim
// reworded). `gloss update --json`, then a brat export: every annotation lands on
// exactly the expected code points with the expected status, the cut clause's
// annotations are orphaned and not exported as spans, claims keep their
// propositions and stances, relations their ends. Real text from the
// critical-minerals corpus, with emoji and right-to-left additions.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import type { Args, Method, Result } from '../../shared/index.ts';
import { CORPUS_DIR, GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;

function gloss(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], {
    cwd: REPO_ROOT, encoding: 'utf8', input: '', timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Code point offsets of the `nth` occurrence of `needle` in `text`, counted independently of Gloss's converters. */
function cp(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (${nth}) is not in the text`);
  }
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

function utf16(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) !== -1) throw new Error(`"${needle}" must occur exactly once`);
  return { start: at, end: at + needle.length };
}

// Version 1: the corpus article with an emoji title, an Urdu (right-to-left) headline, and two glued words.
const original = fs.readFileSync(path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt'), 'utf8');
const TITLE = 'Pakistan on the Sidelines of US Mineral Diplomacy';
const URDU = 'Urdu papers headlined it «پاکستان نظرانداز» 👎🏽 the next morning.';
const v1 = original
  .replace(TITLE, `${TITLE} 🇵🇰⛏️`)
  .replace('[1] The summit was hosted by', `[1] ${URDU} The summit washosted by`)
  .replace('not invited to the Global Minerals Conference', 'not invited to the GlobalMinerals Conference');

const MOVED = original.slice(original.indexOf('Pakistan has also tried to position itself'), original.indexOf('This incident reveals'));
const CLAUSE = ', despite showcasing rare-earth minerals to President Trump,';
const CLAIM_OLD = 'The move deepened anxieties in Pakistan, particularly in the textile and garment sectors';
const CLAIM_NEW = 'The move heightened anxieties in Pakistan, especially in the textile and garment sectors';
const NOTE = '[Editor’s note 📝: this article was updated on 6 February 2026 to correct the list of attendees.]\n\n';

// Version 2: spacing fixed, a note inserted, a clause cut, a paragraph moved, a claim reworded.
const v2 = v1
  .replace('washosted', 'was hosted')
  .replace('GlobalMinerals', 'Global Minerals')
  .replace(`${TITLE} 🇵🇰⛏️\n\n`, `${TITLE} 🇵🇰⛏️\n\n${NOTE}`)
  .replace(CLAUSE, '')
  .replace(MOVED, '')
  .replace('The sense of betrayal in Islamabad', `${MOVED}The sense of betrayal in Islamabad`)
  .replace(CLAIM_OLD, CLAIM_NEW);

interface Spec {
  key: string;
  label: string;
  /** Text to annotate in version 1 (unique there). */
  v1: string;
  status: 'kept' | 'moved' | 'changed' | 'orphaned';
  /** The text it must cover in version 2 and its occurrence there; undefined for orphans. */
  v2?: string;
  nth?: number;
}

const SPECS: Spec[] = [
  { key: 'flag', label: 'Location', v1: '🇵🇰', status: 'kept', v2: '🇵🇰' },
  { key: 'urdu', label: 'Event', v1: '«پاکستان نظرانداز» 👎🏽', status: 'kept', v2: '«پاکستان نظرانداز» 👎🏽' },
  { key: 'rubio', label: 'Person', v1: 'Marco Rubio', status: 'kept', v2: 'Marco Rubio' },
  { key: 'hosted', label: 'Event', v1: 'The summit washosted by US Secretary of State', status: 'changed', v2: 'The summit was hosted by US Secretary of State' },
  { key: 'basit', label: 'Person', v1: 'Abdul Basit', status: 'kept', v2: 'Abdul Basit' },
  { key: 'space', label: 'Claim', v1: 'Pakistan’s “shrinking strategic space”', status: 'kept', v2: 'Pakistan’s “shrinking strategic space”' },
  { key: 'clause', label: 'Claim', v1: 'despite showcasing rare-earth minerals to President Trump', status: 'orphaned' },
  { key: 'trump', label: 'Person', v1: 'to President Trump', status: 'orphaned' },
  { key: 'conference', label: 'Event', v1: 'GlobalMinerals Conference', status: 'changed', v2: 'Global Minerals Conference' },
  { key: 'metals', label: 'Organization', v1: 'US Strategic Metals in September 2025', status: 'moved', v2: 'US Strategic Metals in September 2025' },
  { key: 'excluded', label: 'Claim', v1: 'it has been systematically and strategically excluded from this initiative', status: 'moved', v2: 'it has been systematically and strategically excluded from this initiative' },
  { key: 'anxieties', label: 'Claim', v1: CLAIM_OLD, status: 'changed', v2: CLAIM_NEW },
  { key: 'pakistanInClaim', label: 'Location', v1: 'anxieties in Pakistan', status: 'kept', v2: 'anxieties in Pakistan' },
  { key: 'pax', label: 'Event', v1: 'Pax Silica to secure supply chains', status: 'kept', v2: 'Pax Silica to secure supply chains' },
];

const ids = new Map<string, string>();
let documentId = '';
let report: {
  document: string;
  version: number;
  counts: Record<string, number>;
  annotations: { id: string; label: string; status: string; quote: string; newQuote: string | null; start: number | null; end: number | null }[];
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'flow.gloss');
  fs.writeFileSync(path.join(dir, 'sidelines.txt'), v1);
  fs.writeFileSync(path.join(dir, 'sidelines-v2.txt'), v2);
  const imp = gloss(['import', path.join(dir, 'sidelines.txt'), '--json']);
  expect(imp.status, imp.stderr).toBe(0);
  documentId = (JSON.parse(imp.stdout) as { id: string }[])[0]!.id;

  const project = await Project.open(db);
  const dispatch = createDispatcher(project);
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result as Result<M>;
  };
  const labels = await call('labels.list', {});
  const label = (name: string) => labels.find((l) => l.name === name)!.id;
  for (const s of SPECS) {
    const a = await call('annotations.create', { documentId, ranges: [utf16(v1, s.v1)], labelId: label(s.label), note: s.key === 'clause' ? 'cut in the update' : '' });
    ids.set(s.key, a.id);
  }
  const claim = (key: string, text: string, stance: 'favor' | 'against') => call('claims.link', { annotationId: ids.get(key)!, propositionText: text, stance });
  await claim('space', 'Pakistan is being sidelined by the United States', 'favor');
  await claim('excluded', 'Pakistan is being sidelined by the United States', 'favor');
  await claim('anxieties', 'The US–India trade deal hurts Pakistan’s exporters', 'favor');
  await claim('clause', 'Pakistan courted Trump with minerals', 'favor');
  const types = await call('relationTypes.list', {});
  const type = (name: string) => types.find((t) => t.name === name)!.id;
  await call('relations.create', { typeId: type('Says'), fromAnnotationId: ids.get('basit')!, toAnnotationId: ids.get('space')! });
  await call('relations.create', { typeId: type('Supports'), fromAnnotationId: ids.get('clause')!, toAnnotationId: ids.get('space')! });
  await call('relations.create', { typeId: type('Says'), fromAnnotationId: ids.get('rubio')!, toAnnotationId: ids.get('anxieties')! });
  await call('entities.create', { name: 'Donald Trump', annotationId: ids.get('trump')! });
  await call('entities.create', { name: 'Abdul Basit', annotationId: ids.get('basit')! });
  project.close();

  // DOC by its title (the document's name is its file's, "sidelines").
  const r = gloss(['update', `${TITLE} 🇵🇰⛏️`, path.join(dir, 'sidelines-v2.txt'), '--json']);
  expect(r.status, r.stderr).toBe(0);
  report = JSON.parse(r.stdout);
});
afterAll(() => cleanup());

describe('gloss update, then a brat export (issue 11: how it will be checked)', { timeout: 120_000 }, () => {
  it('prints exactly one object of the documented shape', () => {
    expect(Object.keys(report)).toEqual(['document', 'version', 'counts', 'annotations']);
    expect(report.document).toBe(documentId);
    expect(report.version).toBe(2);
    expect(Object.keys(report.counts)).toEqual(['kept', 'moved', 'changed', 'orphaned']);
    for (const a of report.annotations) expect(Object.keys(a)).toEqual(['id', 'label', 'status', 'quote', 'newQuote', 'start', 'end']);
    expect(report.annotations).toHaveLength(SPECS.length);
  });

  it('lands every annotation on exactly the expected code points with the expected status', () => {
    const byId = new Map(report.annotations.map((a) => [a.id, a]));
    const counts = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
    for (const s of SPECS) {
      const a = byId.get(ids.get(s.key)!)!;
      counts[s.status]++;
      expect({ key: s.key, status: a.status }).toEqual({ key: s.key, status: s.status });
      expect(a.quote).toBe(s.v1);
      expect(a.label).toBe(s.label);
      if (s.status === 'orphaned') {
        expect({ key: s.key, start: a.start, end: a.end, newQuote: a.newQuote }).toEqual({ key: s.key, start: null, end: null, newQuote: null });
      } else {
        expect({ key: s.key, ...cp(v2, s.v2!, s.nth) }).toEqual({ key: s.key, start: a.start, end: a.end });
        expect(a.newQuote).toBe(s.v2);
        // Code points, not UTF-16: the title's flag and pickaxe come before everything else.
        expect(Array.from(v2).slice(a.start!, a.end!).join('')).toBe(s.v2);
      }
    }
    expect(report.counts).toEqual(counts);
  });

  it('exports the current version to brat: spans on the new text, orphans left out with a warning, relations on their ends', () => {
    const out = path.join(dir, 'brat');
    const r = gloss(['export', '--format', 'brat', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { warnings } = JSON.parse(r.stdout) as { warnings: string[] };
    expect(warnings.join('\n')).toMatch(/2 orphaned annotation\(s\) were not exported as spans/);
    const txt = fs.readdirSync(out).find((f) => f.endsWith('.txt'))!;
    expect(fs.readFileSync(path.join(out, txt), 'utf8')).toBe(v2);
    const ann = fs.readFileSync(path.join(out, txt.replace(/\.txt$/, '.ann')), 'utf8').split('\n').filter(Boolean);
    const spans = new Map<string, { type: string; start: number; end: number; text: string }>();
    for (const line of ann.filter((l) => l.startsWith('T'))) {
      const [id, mid, text] = line.split('\t') as [string, string, string];
      const [type, s, e] = mid.split(' ') as [string, string, string];
      spans.set(id, { type, start: Number(s), end: Number(e), text });
    }
    const placed = SPECS.filter((s) => s.status !== 'orphaned');
    expect(spans.size).toBe(placed.length);
    const tOf = new Map<string, string>();
    for (const s of placed) {
      const want = cp(v2, s.v2!, s.nth);
      const hit = [...spans].find(([, t]) => t.start === want.start && t.end === want.end && t.type === s.label);
      expect(hit, `${s.key} exported at [${want.start}, ${want.end})`).toBeDefined();
      tOf.set(s.key, hit![0]);
    }
    // The cut clause is nowhere in the export.
    expect(ann.some((l) => l.includes('despite showcasing'))).toBe(false);
    const relations = ann.filter((l) => l.startsWith('R')).map((l) => l.split('\t')[1]!);
    expect(relations.sort()).toEqual([`Says Arg1:${tOf.get('basit')} Arg2:${tOf.get('space')}`, `Says Arg1:${tOf.get('rubio')} Arg2:${tOf.get('anxieties')}`].sort());
    // Claims keep their propositions and stances in the export.
    const norms = ann.filter((l) => l.startsWith('N')).map((l) => l.split('\t')[1]!);
    for (const key of ['space', 'excluded', 'anxieties']) expect(norms.some((n) => n.startsWith(`Reference ${tOf.get(key)} propositions:`))).toBe(true);
    const attrs = ann.filter((l) => l.startsWith('A')).map((l) => l.split('\t')[1]!);
    for (const key of ['space', 'excluded', 'anxieties']) expect(attrs).toContain(`Stance ${tOf.get(key)} Favor`);
  });

  it('keeps claims, stances, relations, entity links and notes on every annotation, orphans included', async () => {
    const project = await Project.open(db);
    try {
      const claims = project.claims.listByDocument(documentId);
      const byAnnotation = new Map(claims.map((c) => [c.annotationId, c]));
      for (const key of ['space', 'excluded', 'anxieties', 'clause']) {
        const c = byAnnotation.get(ids.get(key)!);
        expect(c, key).toBeDefined();
        expect(c!.stance).toBe('favor');
      }
      expect(byAnnotation.get(ids.get('space')!)!.propositionId).toBe(byAnnotation.get(ids.get('excluded')!)!.propositionId);
      const rel = project.db.prepare('SELECT from_annotation_id AS f, to_annotation_id AS t FROM relations').all() as { f: string; t: string }[];
      expect(rel).toEqual(expect.arrayContaining([
        { f: ids.get('basit'), t: ids.get('space') },
        { f: ids.get('clause'), t: ids.get('space') },
        { f: ids.get('rubio'), t: ids.get('anxieties') },
      ]));
      // The orphan keeps its quote, note and entity link, and is not on the text.
      const orphan = project.annotations.get(ids.get('clause')!);
      expect(orphan).toMatchObject({ quote: 'despite showcasing rare-earth minerals to President Trump', note: 'cut in the update', anchor: 'orphaned' });
      expect(project.annotations.listByDocument(documentId).map((a) => a.id)).not.toContain(ids.get('clause'));
      const trumpLink = project.db.prepare('SELECT count(*) AS n FROM annotation_entities WHERE annotation_id = ?').get(ids.get('trump')!) as { n: number };
      expect(trumpLink.n).toBe(1);
      // The search index has the new text.
      expect(project.documents.search('heightened').map((h) => h.document.id)).toEqual([documentId]);
      expect(project.documents.search('washosted')).toEqual([]);
    } finally {
      project.close();
    }
  });
});
