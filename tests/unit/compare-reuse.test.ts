// Reused passages on the real corpus: a paragraph copied into another text
// with spacing, punctuation, quote-style and one-word changes is found with
// exact ranges in both; the three unrelated articles share none.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReusedPassages } from '../../electron/backend/compare/reuse.ts';
import { foldWord } from '../../electron/backend/compare/words.ts';
import { importSources } from '../../electron/backend/import/index.ts';
import type { DocumentSummary } from '../../shared/index.ts';
import { openCorpusProject, type CorpusProject } from '../support/corpus-project.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const read = (name: string) => fs.readFileSync(path.join(CORPUS_DIR, `${name}.txt`), 'utf8');

// From pakistan-among-key-partners.
const FORGE =
  'Secretary Rubio also announced the creation of the Forum on Resource Geostrategic Engagement (FORGE), which will replace the Minerals Security Partnership. FORGE will be chaired initially by the Republic of Korea and will coordinate policy and project-level collaboration among partners to strengthen diversified and secure supply chains';
// The same, as another outlet might run it: spacing, punctuation, a line break, one word changed ("initially" → "first").
const FORGE_EDITED =
  'Secretary Rubio also announced the creation of the Forum on Resource Geostrategic  Engagement ( FORGE ) ,which will replace the Minerals Security Partnership;\nFORGE will be chaired first by the Republic of Korea and will coordinate policy and project level collaboration among partners to strengthen diversified and secure supply chains';
// From pakistan-on-the-sidelines, with curly quotes and an em dash …
const SEAT = 'At the same time, India’s External Affairs Minister was given a seat at the table—a contrast he described as “stark and telling';
// … and as plain ASCII.
const SEAT_ASCII = 'At the same time, India\'s External Affairs Minister was given a seat at the table - a contrast he described as "stark and telling';

let dir: string;
let cleanup: () => void;
let cp: CorpusProject;
let wire: DocumentSummary;
let wireText: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('gloss-reuse-'));
  cp = await openCorpusProject(dir);
  // A wire story that reuses both passages amid its own text, after an emoji (UTF-16 and code points differ).
  wireText = [
    '🇵🇰 Minerals roundup',
    '',
    `Officials met in Washington this week. ${FORGE_EDITED}. Analysts expect more announcements soon.`,
    '',
    `Reaction in Islamabad was swift. ${SEAT_ASCII}", one commentator wrote on Tuesday.`,
    '',
  ].join('\n');
  wire = (await importSources(cp.project, [{ name: 'wire-roundup.txt', bytes: new TextEncoder().encode(wireText) }]))[0]!;
});

afterAll(() => {
  cp?.close();
  cleanup?.();
});

describe('reused passages', () => {
  it('finds the three real articles share no passage of eight words or more', async () => {
    const { docs } = cp;
    const result = await cp.call('compare.run', { documentIds: Object.values(docs).map((d) => d.id) });
    expect(result.reusedPassages).toEqual([]);
  });

  it('the shorter phrases they do share are real: found at five words, and the ranges slice to the same words', () => {
    const names = ['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house'];
    const texts = new Map(names.map((n) => [n, read(n)]));
    const passages = findReusedPassages(
      names.map((id) => ({ id, text: texts.get(id)! })),
      { minWords: 5 },
    );
    const words = (s: string) => (s.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map(foldWord).join(' ');
    expect(passages.map((p) => words(p.occurrences[0]!.quote))).toEqual([
      'secretary of state marco rubio',
      'forum on resource geostrategic engagement forge',
    ]);
    for (const p of passages) {
      expect(p.similarity).toBe(1);
      const [x, y] = p.occurrences;
      expect(texts.get(x!.document)!.slice(x!.start, x!.end)).toBe(x!.quote);
      expect(texts.get(y!.document)!.slice(y!.start, y!.end)).toBe(y!.quote);
      expect(words(x!.quote)).toBe(words(y!.quote));
    }
  });

  it('finds a near-duplicate paragraph despite spacing, punctuation, quote styles and a changed word, with exact ranges', async () => {
    const { docs } = cp;
    const A = docs['pakistan-among-key-partners']!;
    const S = docs['pakistan-on-the-sidelines']!;
    const R = docs['rare-earth-diplomacy-white-house']!;
    const result = await cp.call('compare.run', { documentIds: [A.id, S.id, R.id, wire.id] });
    expect(result.reusedPassages).toHaveLength(2);
    const [forge, seat] = result.reusedPassages;

    const aText = cp.project.documents.text(A.id);
    expect(forge!.id).toBe('p1');
    expect(forge!.occurrences.map((o) => o.document)).toEqual([A.id, wire.id]);
    const [inA, inWire] = forge!.occurrences;
    expect([inA!.start, inA!.end]).toEqual([aText.indexOf(FORGE), aText.indexOf(FORGE) + FORGE.length]);
    expect(inA!.quote).toBe(FORGE);
    expect([inWire!.start, inWire!.end]).toEqual([wireText.indexOf(FORGE_EDITED), wireText.indexOf(FORGE_EDITED) + FORGE_EDITED.length]);
    expect(inWire!.quote).toBe(FORGE_EDITED);
    // One changed word: 47 of 48 aligned on each side.
    const n = FORGE.match(/[\p{L}\p{N}]+/gu)!.length;
    expect([inA!.words, inWire!.words]).toEqual([n, n]);
    expect(forge!.similarity).toBe(Math.round(((2 * (n - 1)) / (2 * n)) * 1000) / 1000);

    const sText = cp.project.documents.text(S.id);
    expect(seat!.occurrences.map((o) => o.document)).toEqual([S.id, wire.id]);
    const [inS, inWire2] = seat!.occurrences;
    expect([inS!.start, inS!.end]).toEqual([sText.indexOf(SEAT), sText.indexOf(SEAT) + SEAT.length]);
    expect([inWire2!.start, inWire2!.end]).toEqual([wireText.indexOf(SEAT_ASCII), wireText.indexOf(SEAT_ASCII) + SEAT_ASCII.length]);
    // Quote styles and dashes are not edits.
    expect(seat!.similarity).toBe(1);
  });

  it('links one passage across every document that reuses it', () => {
    const a = read('pakistan-among-key-partners');
    const docs = [
      { id: 'a', text: a },
      { id: 'b', text: `Intro words here. ${FORGE_EDITED}. More.` },
      { id: 'c', text: `${FORGE.toUpperCase()}!` },
      { id: 'd', text: read('rare-earth-diplomacy-white-house') },
    ];
    const passages = findReusedPassages(docs);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.occurrences.map((o) => o.document)).toEqual(['a', 'b', 'c']);
    expect(passages[0]!.occurrences[2]).toMatchObject({ start: 0, end: FORGE.length });
  });

  it('does not stretch a passage over a rewritten stretch: the copied sentence alone is reported', () => {
    const copied = 'The Department of Defense has added equity and debt commitments to domestic and international projects';
    const text = `${copied}, while critics in parliament argued that none of this money would ever reach the mines of Balochistan.`;
    const passages = findReusedPassages([
      { id: 'a', text: read('pakistan-among-key-partners') },
      { id: 'b', text },
    ]);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.occurrences[1]).toMatchObject({ start: 0, end: copied.length, quote: copied });
  });

  it('ignores text shorter than the minimum', () => {
    const passages = findReusedPassages([
      { id: 'a', text: 'Secretary of State Marco Rubio spoke.' },
      { id: 'b', text: 'Then Secretary of State Marco Rubio left.' },
    ]);
    expect(passages).toEqual([]);
  });
});
