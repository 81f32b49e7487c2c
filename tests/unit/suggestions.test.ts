// Suggestions (issue 3 §6) on a real SQLite file and the real corpus:
// entity and claim candidates from the local engine, exact offsets, accept,
// reject (remembered across reopening), unreject, and migration 003.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { MIGRATIONS } from '../../electron/backend/store/migrations/index.ts';
import { chunks } from '../../electron/backend/suggest/compromise.ts';
import { findDatelinePlaces } from '../../electron/backend/suggest/datelines.ts';
import { findDates } from '../../electron/backend/suggest/dates.ts';
import { analyze } from '../../electron/backend/suggest/engine.ts';
import { findMoney } from '../../electron/backend/suggest/money.ts';
import { findPercentages } from '../../electron/backend/suggest/percent.ts';
import { sentences } from '../../electron/backend/suggest/sentences.ts';
import { DisjointSpans, RangeIndex } from '../../electron/backend/suggest/spans.ts';
import { findAppositivePeople, findTitledPeople } from '../../electron/backend/suggest/titles.ts';
import type { Annotation, Args, DocumentSummary, Envelope, ErrorKind, Method, Result, Suggestion } from '../../shared/index.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let file: string;
let project: Project;
let dispatch: Dispatch;
let docs: DocumentSummary[];

/** Calls the API through the dispatcher, as every transport does, and unwraps the result. */
async function call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
  const res = (await dispatch(method, args)) as Envelope<Result<M>>;
  if (!res.ok) throw new Error(`${method}: ${res.error.kind}: ${res.error.message}`);
  return res.result;
}

/** The error kind a call fails with. */
async function failure(method: string, args: unknown): Promise<ErrorKind> {
  const res = await dispatch(method, args);
  if (res.ok) throw new Error(`${method} should have failed`);
  return res.error.kind;
}

function doc(name: string): DocumentSummary {
  const d = docs.find((x) => x.name === name);
  if (!d) throw new Error(`no document ${name}`);
  return d;
}

async function reopen(): Promise<void> {
  project.close();
  project = await Project.open(file);
  dispatch = createDispatcher(project);
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'project.gloss');
  project = await Project.open(file);
  dispatch = createDispatcher(project);
  docs = await importSources(project, readSources([CORPUS_DIR]));
  // A tagset whose Claim label has a passage-level `reported` attribute, which accepted
  // claim suggestions set (the default tagset keeps reported on each claim link instead).
  const claimLabel = project.labels.findByName('Claim')!;
  project.labels.update(claimLabel.id, { attributes: [{ name: 'reported', type: 'boolean' }] });
});
afterEach(() => {
  project.close();
  cleanup();
});

const SIDELINES = 'pakistan-on-the-sidelines';
const PARTNERS = 'pakistan-among-key-partners';
const WHITE_HOUSE = 'rare-earth-diplomacy-white-house';

function find(list: Suggestion[], labelName: string, quote: string): Suggestion | undefined {
  return list.find((s) => s.labelName === labelName && s.quote === quote);
}

describe('suggestions.list on the critical-minerals corpus', () => {
  it('offers people, places, money, dates and claims, each quote the exact slice of the text', async () => {
    const all: Suggestion[] = [];
    for (const d of docs) {
      const text = project.documents.text(d.id);
      const list = await call('suggestions.list', { documentId: d.id });
      expect(list.length).toBeGreaterThan(10);
      for (const s of list) {
        expect(s.documentId).toBe(d.id);
        expect(s.end).toBeGreaterThan(s.start);
        expect(s.quote).toBe(text.slice(s.start, s.end));
        expect(s.quote).toBe(s.quote.trim());
        expect(project.labels.get(s.labelId).name).toBe(s.labelName);
      }
      expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
      all.push(...list);
    }
    // Marco Rubio is named after his title in two articles; the tagger alone reads "Marco" as a place.
    expect(find(all, 'Person', 'Marco Rubio')).toMatchObject({ kind: 'entity', source: 'person-rules' });
    expect(find(all, 'Person', 'Donald Trump')).toBeDefined();
    expect(find(all, 'Person', 'Asim Munir')).toBeDefined();
    expect(find(all, 'Location', 'Washington')).toMatchObject({ kind: 'entity', source: 'compromise' });
    expect(find(all, 'Location', 'Pakistan')).toBeDefined();
    expect(find(all, 'Location', 'United States')).toBeDefined();
    expect(find(all, 'Organization', 'State Department')).toBeDefined();
    expect(find(all, 'Money', '$500 million')).toMatchObject({ kind: 'entity', source: 'money-rules' });
    expect(all.some((s) => s.labelName === 'Money' && /^US\$ 500\u202Fmillion$/u.test(s.quote))).toBe(true); // a narrow no-break space in the article
    expect(find(all, 'Money', '$14.8 billion')).toBeDefined();
    expect(find(all, 'Date', '4 February 2026')).toMatchObject({ kind: 'entity', source: 'date-rules' });
    expect(find(all, 'Date', 'February 3')).toBeDefined();
    expect(find(all, 'Date', 'September 2025')).toBeDefined();

    const said = all.filter((s) => s.kind === 'claim' && /\bsaid\b/.test(s.quote));
    expect(said.length).toBeGreaterThanOrEqual(4);
    for (const c of said) expect(c).toMatchObject({ labelName: 'Claim', source: 'claim-rules', attributes: { reported: true } });
    expect(said.some((c) => c.quote.startsWith('“This market has become a strategic vulnerability,” the State Department said'))).toBe(true);
    // A quotation alone is a claim candidate too.
    expect(all.find((s) => s.kind === 'claim' && s.quote === '“This is only the beginning.”')?.reason).toBe('quotation');
  });

  it('leaves out possessives, titles and list punctuation from entity spans', async () => {
    const list = await call('suggestions.list', { documentId: doc(SIDELINES).id, kinds: ['entity'] });
    const quotes = new Set(list.map((s) => s.quote));
    for (const q of quotes) {
      expect(q).not.toMatch(/[’']s$/u);
      expect(q).not.toMatch(/[,;:]$/u);
      expect(q).not.toMatch(/^(?:President|Secretary|Minister|Dr) /u);
    }
    expect(find(list, 'Location', 'India')).toBeDefined();
    expect(find(list, 'Location', 'Japan')).toBeDefined();
    expect(find(list, 'Location', 'South Korea')).toBeDefined();
    expect(find(list, 'Location', 'New Delhi')).toBeDefined();
    expect(find(list, 'Person', 'J.D. Vance')).toBeDefined();
    expect(find(list, 'Person', 'Ali Pervaiz Malik')).toBeDefined();
    // The sentence about "Secretary of State Marco Rubio" suggests no place "State Marco".
    expect([...quotes].some((q) => q.includes('State Marco'))).toBe(false);
  });

  it('filters by kind', async () => {
    const id = doc(PARTNERS).id;
    const entities = await call('suggestions.list', { documentId: id, kinds: ['entity'] });
    const claims = await call('suggestions.list', { documentId: id, kinds: ['claim'] });
    const both = await call('suggestions.list', { documentId: id });
    expect(entities.every((s) => s.kind === 'entity')).toBe(true);
    expect(claims.every((s) => s.kind === 'claim')).toBe(true);
    expect(claims.length).toBeGreaterThan(3);
    expect(both.length).toBe(entities.length + claims.length);
  });

  it('suggests percentages only once the project has a Percent label', async () => {
    const id = doc(SIDELINES).id;
    const before = await call('suggestions.list', { documentId: id });
    expect(before.some((s) => s.quote === '18 per cent')).toBe(false);
    await call('labels.create', { name: 'Percent', kind: 'entity', color: '#9c755f' });
    const after = await call('suggestions.list', { documentId: id });
    expect(find(after, 'Percent', '18 per cent')).toMatchObject({ source: 'percent-rules' });
  });

  it('gives no claim suggestions when the project has no claim label', async () => {
    const id = doc(WHITE_HOUSE).id;
    const claimLabel = project.labels.findByName('Claim')!;
    await call('labels.update', { id: claimLabel.id, kind: 'other' });
    const list = await call('suggestions.list', { documentId: id });
    expect(list.filter((s) => s.kind === 'claim')).toEqual([]);
    expect(list.length).toBeGreaterThan(0);
  });

  it('skips candidates that overlap an annotation with the same label, but not with another label', async () => {
    const id = doc(WHITE_HOUSE).id;
    const text = project.documents.text(id);
    const list = await call('suggestions.list', { documentId: id });
    const money = find(list, 'Money', '$500 million')!;
    const place = list.find((s) => s.labelName === 'Location')!;
    // A Money annotation over "500" hides the Money suggestion it overlaps.
    const start = text.indexOf('500', money.start);
    await call('annotations.create', { documentId: id, labelId: money.labelId, ranges: [{ start, end: start + 3 }] });
    // A Person annotation over a place hides nothing.
    await call('annotations.create', { documentId: id, labelId: project.labels.findByName('Person')!.id, ranges: [{ start: place.start, end: place.end }] });
    const next = await call('suggestions.list', { documentId: id });
    expect(next.some((s) => s.id === money.id)).toBe(false);
    expect(next.some((s) => s.id === place.id)).toBe(true);
    expect(next.length).toBe(list.length - 1);
  });

  it('fails clearly for an unknown document or bad arguments', async () => {
    expect(await failure('suggestions.list', { documentId: 'nope' })).toBe('not_found');
    expect(await failure('suggestions.list', { documentId: doc(PARTNERS).id, kinds: ['opinion'] })).toBe('validation');
    expect(await failure('suggestions.list', { documentId: doc(PARTNERS).id, kinds: [] })).toBe('validation');
  });
});

describe('accept, reject and unreject', () => {
  it('accepting by id creates a normal annotation, and the suggestion goes away', async () => {
    const id = doc(PARTNERS).id;
    const list = await call('suggestions.list', { documentId: id });
    const rubio = find(list, 'Person', 'Marco Rubio')!;
    const created: Annotation = await call('suggestions.accept', { documentId: id, suggestionId: rubio.id });
    expect(created).toMatchObject({ documentId: id, labelId: rubio.labelId, ranges: [{ start: rubio.start, end: rubio.end }], quote: 'Marco Rubio' });
    expect(await call('annotations.list', { documentId: id })).toEqual([created]);
    const next = await call('suggestions.list', { documentId: id });
    expect(next.some((s) => s.id === rubio.id)).toBe(false);
    // Accepting it again: it is no longer on offer.
    expect(await failure('suggestions.accept', { documentId: id, suggestionId: rubio.id })).toBe('not_found');
    // Undo of accept is deleting the annotation: the suggestion comes back.
    await call('annotations.delete', { id: created.id });
    expect((await call('suggestions.list', { documentId: id })).some((s) => s.id === rubio.id)).toBe(true);
  });

  it('accepting a claim sets its reported attribute; accepting by range works too', async () => {
    const id = doc(PARTNERS).id;
    const claim = (await call('suggestions.list', { documentId: id, kinds: ['claim'] })).find((s) => s.quote.includes(' said'))!;
    const a = await call('suggestions.accept', { documentId: id, labelId: claim.labelId, start: claim.start, end: claim.end });
    expect(a.attributes).toEqual({ reported: true });
    expect(a.quote).toBe(claim.quote);
    // Without the attribute in the tagset, nothing is set.
    project.labels.update(claim.labelId, { attributes: [] });
    const other = (await call('suggestions.list', { documentId: id, kinds: ['claim'] })).find((s) => s.quote.includes(' said'))!;
    expect((await call('suggestions.accept', { documentId: id, suggestionId: other.id })).attributes).toEqual({});
    expect(await failure('suggestions.accept', { documentId: id, labelId: claim.labelId, start: 5, end: 5 })).toBe('validation');
    expect(await failure('suggestions.accept', { documentId: id, labelId: 'no-label', start: 0, end: 5 })).toBe('not_found');
    expect(await failure('suggestions.accept', { documentId: id, labelId: claim.labelId, start: 0, end: 10_000_000 })).toBe('validation');
  });

  it('a rejected suggestion does not come back, also after reopening the project; unreject restores it', async () => {
    const id = doc(WHITE_HOUSE).id;
    const list = await call('suggestions.list', { documentId: id });
    const money = find(list, 'Money', '$500 million')!;
    const range = { documentId: id, labelId: money.labelId, start: money.start, end: money.end };
    expect(await call('suggestions.reject', range)).toEqual({ ok: true, suggestionId: money.id });
    expect(await call('suggestions.reject', range)).toEqual({ ok: true, suggestionId: money.id }); // twice is harmless
    const afterReject = await call('suggestions.list', { documentId: id });
    expect(afterReject.some((s) => s.id === money.id)).toBe(false);
    expect(afterReject.length).toBe(list.length - 1);
    // Only that range: the other mentions of "$500 million" are still offered.
    expect(afterReject.filter((s) => s.quote === '$500 million').length).toBe(2);

    await reopen();
    expect((await call('suggestions.list', { documentId: id })).some((s) => s.id === money.id)).toBe(false);
    expect(await failure('suggestions.accept', { documentId: id, suggestionId: money.id })).toBe('not_found');

    expect(await call('suggestions.unreject', range)).toEqual({ ok: true, suggestionId: money.id });
    const restored = await call('suggestions.list', { documentId: id });
    expect(restored).toEqual(list);
    await reopen();
    expect(await call('suggestions.list', { documentId: id })).toEqual(list);
  });

  it('accepting a rejected range explicitly forgets the rejection', async () => {
    const id = doc(WHITE_HOUSE).id;
    const s = find(await call('suggestions.list', { documentId: id }), 'Person', 'Donald Trump')!;
    const range = { documentId: id, labelId: s.labelId, start: s.start, end: s.end };
    await call('suggestions.reject', range);
    const a = await call('suggestions.accept', range);
    await call('annotations.delete', { id: a.id });
    expect((await call('suggestions.list', { documentId: id })).some((x) => x.id === s.id)).toBe(true);
  });

  it('validates reject and unreject arguments', async () => {
    const id = doc(WHITE_HOUSE).id;
    const labelId = project.labels.findByName('Person')!.id;
    expect(await failure('suggestions.reject', { documentId: id, labelId, start: 4, end: 4 })).toBe('validation');
    expect(await failure('suggestions.reject', { documentId: id, labelId, start: 0, end: 10_000_000 })).toBe('validation');
    expect(await failure('suggestions.reject', { documentId: 'nope', labelId, start: 0, end: 4 })).toBe('not_found');
    expect(await failure('suggestions.reject', { documentId: id, labelId: 'nope', start: 0, end: 4 })).toBe('not_found');
    expect(await failure('suggestions.reject', { documentId: id, labelId, start: 0, end: 4, extra: 1 })).toBe('validation');
    expect(await failure('suggestions.unreject', { documentId: 'nope', labelId, start: 0, end: 4 })).toBe('not_found');
  });

  it('rejections go with their document and their label', async () => {
    const id = doc(WHITE_HOUSE).id;
    const percent = await call('labels.create', { name: 'Percent', kind: 'entity', color: '#9c755f' });
    await call('suggestions.reject', { documentId: id, labelId: percent.id, start: 0, end: 8 });
    await call('suggestions.reject', { documentId: id, labelId: project.labels.findByName('Location')!.id, start: 0, end: 8 });
    const rows = () => (project.db.prepare('SELECT count(*) AS n FROM suggestion_rejections').get() as { n: number }).n;
    expect(rows()).toBe(2);
    await call('labels.delete', { id: percent.id });
    expect(rows()).toBe(1);
    await call('documents.delete', { id });
    expect(rows()).toBe(0);
  });
});

describe('migration 003 (suggestion rejections)', () => {
  it('adds the table to a project at version 2 and keeps its data', async () => {
    const old = path.join(dir, 'old.gloss');
    const before = MIGRATIONS.filter((m) => m.version < 3);
    const db = await openDatabase(old, { migrations: before });
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run();
    db.close();
    const upgraded = await Project.open(old);
    try {
      expect(upgraded.schemaVersion).toBeGreaterThanOrEqual(3);
      const cols = (upgraded.db.prepare('PRAGMA table_info(suggestion_rejections)').all() as { name: string }[]).map((c) => c.name);
      expect(cols).toEqual(['document_id', 'label_id', 'start_offset', 'end_offset', 'quote', 'rejected_at']);
      expect(upgraded.db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
    } finally {
      upgraded.close();
    }
  });
});

describe('the engine', () => {
  it('keeps exact UTF-16 offsets after emoji, flags, combining marks and right-to-left text', () => {
    const text = 'שלום 👍🏽🇵🇰 e\u0301e\u0301. “We will act,” Secretary of State Marco Rubio said in Washington on 4 February 2026, pledging $500 million.';
    const a = analyze(text);
    const slices = a.entities.map((c) => text.slice(c.start, c.end));
    expect(slices).toEqual(expect.arrayContaining(['Marco Rubio', 'Washington', '4 February 2026', '$500 million']));
    expect(a.claims).toHaveLength(1);
    expect(text.slice(a.claims[0]!.start, a.claims[0]!.end)).toBe(text.slice(text.indexOf('“')));
    expect(analyze(text)).toBe(a); // cached by content
  });

  it('analyses long documents in chunks cut at line breaks, with offsets into the whole text', () => {
    const paragraph = 'Secretary of State Marco Rubio said on 4 February 2026 that Pakistan would receive $500 million. 👍🏽\n';
    const text = paragraph.repeat(Math.ceil(50_000 / paragraph.length));
    const parts = chunks(text);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]!.start).toBe(0);
    expect(parts[parts.length - 1]!.end).toBe(text.length);
    for (const [i, p] of parts.entries()) {
      expect(p.end - p.start).toBeLessThanOrEqual(20_000);
      if (i > 0) expect(p.start).toBe(parts[i - 1]!.end);
      if (i < parts.length - 1) expect(text[p.end]).toBe('\n');
    }
    const a = analyze(text);
    const copies = text.length / paragraph.length;
    const count = (q: string) => a.entities.filter((c) => text.slice(c.start, c.end) === q).length;
    expect(count('Marco Rubio')).toBe(copies);
    expect(count('$500 million')).toBe(copies);
    expect(count('4 February 2026')).toBe(copies);
    expect(a.claims.length).toBe(copies);
    for (const c of [...a.entities, ...a.claims]) expect(text.slice(c.start, c.end).trim()).toBe(text.slice(c.start, c.end));
  });

  it('answers overlap questions with the span indexes', () => {
    const index = new RangeIndex([{ start: 10, end: 50 }, { start: 12, end: 14 }, { start: 60, end: 70 }]);
    expect(index.overlaps({ start: 0, end: 10 })).toBe(false);
    expect(index.overlaps({ start: 49, end: 55 })).toBe(true);
    expect(index.overlaps({ start: 50, end: 60 })).toBe(false);
    expect(index.overlaps({ start: 69, end: 80 })).toBe(true);
    expect(new RangeIndex([]).overlaps({ start: 0, end: 1 })).toBe(false);
    const set = new DisjointSpans();
    expect([{ start: 5, end: 9 }, { start: 0, end: 5 }, { start: 8, end: 12 }, { start: 9, end: 10 }, { start: 3, end: 4 }].map((s) => set.add(s))).toEqual([
      true, true, false, true, false,
    ]);
  });

  it('splits sentences without breaking at U.S., Mr., D.C. or initials', () => {
    const text = 'Mr. Smith went to Washington, D.C. on Monday. He met J. R. Jones of the U.S. Treasury. Was it worth it? “Yes,” he said.\nA new line starts a sentence\nIn the U.S. The debate goes on.';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Mr. Smith went to Washington, D.C. on Monday.',
      'He met J. R. Jones of the U.S. Treasury.',
      'Was it worth it?',
      '“Yes,” he said.',
      'A new line starts a sentence',
      'In the U.S.',
      'The debate goes on.',
    ]);
  });

  it('finds reporting verbs in any tense, but not nouns that look like them', () => {
    const claimed = (t: string) => analyze(t).claims.map((c) => c.reason);
    expect(claimed('The minister says the mine will open soon.')).toEqual(['reporting verb “says”']);
    expect(claimed('Officials have warned that prices will rise.')).toEqual(['reporting verb “warned”']);
    expect(claimed('The company denies any wrongdoing in the deal.')).toEqual(['reporting verb “denies”']);
    expect(claimed('Prices will rise, according to the ministry.')).toEqual(['reporting verb “according to”']);
    expect(claimed('She states that the deal is done.')).toEqual(['reporting verb “states”']);
    expect(claimed('The United States signed eleven new deals.')).toEqual([]);
    expect(claimed('Historical skepticism clouds the resource claims of the province.')).toEqual([]);
    expect(claimed('The agency has added equity to the projects.')).toEqual([]);
    expect(claimed('The initiative was called ‘Pax Silica’ by everyone.')).toEqual([]);
  });

  it('recognises money, percentages and dates in their usual forms', () => {
    const spans = (f: (t: string) => { start: number; end: number }[], t: string) => f(t).map((s) => t.slice(s.start, s.end));
    expect(spans(findMoney, 'It cost $500 million, €3bn, £12.5 m, PKR 1,200 and 40 million dollars, not billions.')).toEqual([
      '$500 million', '€3bn', '£12.5', 'PKR 1,200', '40 million dollars',
    ]);
    expect(spans(findPercentages, 'Tariffs of 18 per cent, 12%, 7 percent and 2.5 percentage points.')).toEqual([
      '18 per cent', '12%', '7 percent', '2.5 percentage points',
    ]);
    expect(spans(findDates, 'On 4 February 2026, February 4, 2026, Feb. 2026, on Monday, 2026-02-04 and in 2026 (not $2026 or 12,2026).')).toEqual([
      '4 February 2026', 'February 4, 2026', 'Feb. 2026', 'Monday', '2026-02-04', '2026',
    ]);
  });

  it('names people after titles, stopping at titles and organisation words', () => {
    const text = 'Army Chief Field Marshal Asim Munir met President Trump’s envoy, Dr Imran Khurshid, and the Federal Minister for Energy Ali Pervaiz Malik under the Trump Administration.';
    expect(findTitledPeople(text).map((c) => text.slice(c.start, c.end))).toEqual(['Asim Munir', 'Trump', 'Imran Khurshid', 'Ali Pervaiz Malik']);
  });

  it('reads the place of a news dateline, not a rubric in capitals or a capital word inside a paragraph', () => {
    const text = [
      'SANTIAGO (Reuters) - Chile and the EU signed a deal.',
      'ISLAMABAD, Sept 30 (AP) — Pakistan said it was ready.',
      'WASHINGTON: The United States hosted 54 countries.',
      'SÃO PAULO – Shares rose.',
      'BREAKING: markets fell.',
      'The NATO summit - held in VILNIUS - ended.',
      'UN officials said nothing.',
    ].join('\n\n');
    expect(findDatelinePlaces(text).map((c) => text.slice(c.start, c.end))).toEqual(['SANTIAGO', 'ISLAMABAD', 'WASHINGTON', 'SÃO PAULO']);
    // In the engine the dateline's place wins over the tagger's reading of a word in capitals.
    const found = analyze(text).entities.filter((c) => text.slice(c.start, c.end) === 'SANTIAGO');
    expect(found.map((c) => c.type)).toEqual(['place']);
  });

  it('names people by a role in apposition, also with diacritics the tagger misses, but not places or organisations', () => {
    const text = [
      'Maroš Šefčovič, the EU trade commissioner, said the deal was fair.',
      'Abdul Basit, a former Pakistani envoy to India, disagreed.',
      'Benchmark Minerals, a consultancy, said prices fell.',
      'The European Union, the bloc’s chief negotiator said, will sign.',
      'On Monday, March 3, the minister said nothing.',
      'New York, a city official said, is ready.',
    ].join('\n\n');
    expect(findAppositivePeople(text).map((c) => text.slice(c.start, c.end))).toEqual(['Maroš Šefčovič', 'Abdul Basit', 'New York']);
    // In the engine the tagger's place wins over the apposition.
    const people = analyze(text).entities.filter((c) => c.type === 'person').map((c) => text.slice(c.start, c.end));
    expect(people).toContain('Maroš Šefčovič');
    expect(people).not.toContain('New York');
  });
});
