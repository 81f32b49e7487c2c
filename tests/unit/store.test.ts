// The store on a real SQLite file: documents, full-text search, labels,
// annotations, and durability across processes.
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { Project } from '../../electron/backend/project.ts';
import { DEFAULT_NEWS_TAGSET, GlossError, QUOTE_CONTEXT, QUOTE_GAP, type ErrorKind, type Label } from '../../shared/index.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let file: string;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'project.gloss');
  project = await Project.open(file);
});
afterEach(() => {
  project.close();
  cleanup();
});

/** Stores a document with one paragraph block per line and returns its id. */
function addDocument(p: Project, text: string, title = text.split('\n')[0]!, name = title): string {
  const id = randomUUID();
  p.documents.insert({ id, name, title, text, blocks: lineBlocks(text), metadata: { format: 'txt' }, contentHash: `hash-${id}` });
  return id;
}

function label(name: string): Label {
  const l = project.labels.findByName(name);
  if (!l) throw new Error(`no label ${name}`);
  return l;
}

function annotate(documentId: string, ranges: { start: number; end: number }[], labelName = 'Person') {
  return project.annotations.create({ documentId, ranges, labelId: label(labelName).id, annotator: 'tester' }, project.documents.text(documentId));
}

/** Runs `fn` and returns the GlossError kind it throws (fails if it does not throw one). */
function errorKind(fn: () => unknown): ErrorKind {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GlossError);
    return (err as GlossError).kind;
  }
  throw new Error('expected a GlossError');
}

function rowCount(table: string): number {
  return (project.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('documents', () => {
  it('inserts, gets and lists documents with their summaries', () => {
    const text = 'Pakistan among key partners\n\nWASHINGTON: The United States has launched…';
    const id = addDocument(project, text, 'Pakistan among key partners', 'pakistan');
    const second = addDocument(project, 'Second document');
    const doc = project.documents.get(id);
    expect(doc).toMatchObject({ id, name: 'pakistan', title: 'Pakistan among key partners', text, length: text.length, annotationCount: 0 });
    expect(doc.blocks).toEqual(lineBlocks(text));
    expect(doc.metadata).toEqual({ format: 'txt' });
    expect(project.documents.list().map((d) => d.id)).toEqual([id, second]);
    expect(project.documents.list()[0]).not.toHaveProperty('text');
    expect(errorKind(() => project.documents.get('missing'))).toBe('not_found');
  });

  it('counts annotations in the list', () => {
    const id = addDocument(project, 'Shehbaz Sharif met Donald Trump.');
    annotate(id, [{ start: 0, end: 14 }]);
    annotate(id, [{ start: 19, end: 31 }]);
    expect(project.documents.list()[0]!.annotationCount).toBe(2);
  });

  it('deleting a document deletes its annotations and its search entry', () => {
    const id = addDocument(project, 'Lithium and cobalt supply chains');
    const keep = addDocument(project, 'Cobalt elsewhere');
    annotate(id, [{ start: 0, end: 7 }]);
    annotate(keep, [{ start: 0, end: 6 }]);
    project.documents.delete(id);
    expect(errorKind(() => project.documents.get(id))).toBe('not_found');
    expect(project.annotations.listByDocument(id)).toEqual([]);
    expect(rowCount('annotations')).toBe(1);
    expect(project.documents.search('lithium')).toEqual([]);
    expect(project.documents.search('cobalt').map((h) => h.document.id)).toEqual([keep]);
    expect(errorKind(() => project.documents.delete(id))).toBe('not_found');
  });
});

describe('full-text search', () => {
  let minerals: string;
  let diplomacy: string;
  let cafe: string;
  beforeEach(() => {
    minerals = addDocument(project, 'Critical minerals ministerial\nRare earth elements and lithium supply chains were discussed in Washington.');
    diplomacy = addDocument(project, 'Mineral diplomacy\nPakistan presented a box of rare earth minerals at the White House.');
    cafe = addDocument(project, 'Meeting notes\nThe delegates met at a café in Zürich; the naïve plan failed.');
  });
  const ids = (query: string) => project.documents.search(query).map((h) => h.document.id).sort();

  it('finds a single term, ranking title matches first, with a marked snippet', () => {
    expect(ids('lithium')).toEqual([minerals]);
    const hits = project.documents.search('diplomacy');
    expect(hits.map((h) => h.document.id)).toEqual([diplomacy]);
    expect(hits[0]!.snippet).toContain('\ue000');
    expect(hits[0]!.snippet).toContain('\ue001');
  });

  it('ANDs two terms', () => {
    expect(ids('rare earth')).toEqual([minerals, diplomacy].sort());
    expect(ids('rare lithium')).toEqual([minerals]);
    expect(ids('lithium pakistan')).toEqual([]);
  });

  it('matches quoted phrases exactly', () => {
    expect(ids('"rare earth minerals"')).toEqual([diplomacy]);
    expect(ids('"minerals rare"')).toEqual([]);
  });

  it('matches the last word as a prefix', () => {
    expect(ids('minist')).toEqual([minerals]);
    expect(ids('White Ho')).toEqual([diplomacy]);
  });

  it('ignores diacritics both ways', () => {
    expect(ids('cafe')).toEqual([cafe]);
    expect(ids('zurich')).toEqual([cafe]);
    expect(ids('naïve')).toEqual([cafe]);
    expect(ids('Zürich')).toEqual([cafe]);
  });

  it('never passes user text to FTS5: odd input is searched as words or refused with a clear message, never an SQL error', () => {
    for (const q of ['*', 'rare*', 'title:rare', 'NEAR(rare earth)', '^rare', "'; DROP TABLE documents; --", '\u0000', '   ', '', '""', '()']) {
      expect(() => project.documents.search(q), q).not.toThrow();
    }
    for (const q of ['AND OR "(', 'NOT', '"', '(', ')', '-rare', 'rare AND', 'rare OR', 'NOT rare', 'rare OR -earth', 'label:Person']) {
      expect(errorKind(() => project.documents.search(q)), q).toBe('validation');
    }
    expect(() => project.documents.search('"rare earth')).toThrow(/quote opened at character 1 is not closed/);
    expect(() => project.documents.search('rare OR')).toThrow(/"OR" at character 6 needs a search term on both sides/);
    expect(() => project.documents.search('-rare')).toThrow(/cannot only exclude/);
    // Words that look like FTS5 syntax are words: NEAR( is the word "near" and a group.
    expect(ids('NEAR(rare earth)')).toEqual([]);
    expect(ids('title:rare')).toEqual([]);
    expect(ids('title:mineral*')).toEqual([minerals, diplomacy].sort());
    expect(rowCount('documents')).toBe(3);
  });

  it('supports OR, NOT and -, prefixes, parentheses and lower-case words', () => {
    expect(ids('lithium OR café')).toEqual([minerals, cafe].sort());
    expect(ids('rare NOT lithium')).toEqual([diplomacy]);
    expect(ids('rare -lithium')).toEqual([diplomacy]);
    expect(ids('minist* OR zur*')).toEqual([minerals, cafe].sort());
    expect(ids('(lithium OR pakistan) earth')).toEqual([minerals, diplomacy].sort());
    expect(ids('(lithium OR pakistan) -"white house"')).toEqual([minerals]);
    expect(ids('lithium or pakistan')).toEqual([]); // lower-case "or" is a word
    expect(ids('text:mineral -title:mineral')).toEqual([]);
    expect(ids('text:minerals -title:minerals')).toEqual([diplomacy]);
  });

  it('respects the limit', () => {
    expect(project.documents.search('rare', 1)).toHaveLength(1);
  });
});

describe('labels', () => {
  it('a new project gets the default news tagset with hotkeys, once', async () => {
    const expected = ['Person', 'Organization', 'Location', 'Money', 'Date', 'Event', 'Claim'];
    expect(DEFAULT_NEWS_TAGSET.map((l) => l.name)).toEqual(expected);
    const labels = project.labels.list();
    expect(labels.map((l) => l.name)).toEqual(expected);
    expect(labels.map((l) => l.hotkey)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(labels.find((l) => l.name === 'Claim')!.kind).toBe('claim');

    // Reopening does not seed again, even after the researcher removed a default label.
    project.labels.delete(label('Event').id);
    project.close();
    project = await Project.open(file);
    expect(project.labels.list().map((l) => l.name)).toEqual(expected.filter((n) => n !== 'Event'));
    project.close();
    project = await Project.open(file);
    expect(project.labels.list()).toHaveLength(6);
  });

  it('creates and updates labels; names (any case) and hotkeys are unique', () => {
    const created = project.labels.create({ name: 'Commodity', kind: 'entity', color: '#123456', hotkey: '8', attributes: [] });
    expect(project.labels.get(created.id)).toEqual(created);
    expect(project.labels.list().at(-1)!.name).toBe('Commodity');

    expect(errorKind(() => project.labels.create({ name: 'person', kind: 'entity', color: '#000000', hotkey: null, attributes: [] }))).toBe('conflict');
    expect(errorKind(() => project.labels.create({ name: 'Other', kind: 'other', color: '#000000', hotkey: '1', attributes: [] }))).toBe('conflict');
    expect(errorKind(() => project.labels.update(created.id, { name: 'ORGANIZATION' }))).toBe('conflict');
    expect(errorKind(() => project.labels.update(created.id, { hotkey: '2' }))).toBe('conflict');

    // Keeping its own name and hotkey is no conflict; several labels may have no hotkey.
    expect(project.labels.update(created.id, { name: 'Commodity', hotkey: '8', color: '#abcdef' }).color).toBe('#abcdef');
    project.labels.update(created.id, { hotkey: null });
    project.labels.create({ name: 'Quote', kind: 'other', color: '#000000', hotkey: null, attributes: [] });
    expect(project.labels.list().filter((l) => l.hotkey === null)).toHaveLength(2);
    expect(errorKind(() => project.labels.get('missing'))).toBe('not_found');
  });

  it('refuses to delete a label in use, and deletes it once unused', () => {
    const id = addDocument(project, 'Marco Rubio hosted the ministerial.');
    const a = annotate(id, [{ start: 0, end: 11 }]);
    const person = label('Person');
    expect(errorKind(() => project.labels.delete(person.id))).toBe('conflict');
    expect(project.labels.get(person.id)).toEqual(person);
    project.annotations.delete(a.id);
    project.labels.delete(person.id);
    expect(project.labels.findByName('Person')).toBeUndefined();
  });
});

describe('annotations', () => {
  const text = 'Prime Minister Shehbaz Sharif and Army Chief Field Marshal Asim Munir met President Donald Trump at the White House in Washington.';
  let doc: string;
  beforeEach(() => {
    doc = addDocument(project, text);
  });
  const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

  it('stores the quote with 32 characters of prefix and suffix', () => {
    const r = span('Asim Munir');
    const a = annotate(doc, [r]);
    expect(a.quote).toBe('Asim Munir');
    expect(QUOTE_CONTEXT).toBe(32);
    expect(a.prefix).toBe(text.slice(r.start - 32, r.start));
    expect(a.prefix).toHaveLength(32);
    expect(a.suffix).toBe(text.slice(r.end, r.end + 32));
    expect(a.suffix).toHaveLength(32);
    expect(a).toMatchObject({ documentId: doc, ranges: [r], labelId: label('Person').id, annotator: 'tester', note: '', attributes: {} });
    expect(project.annotations.get(a.id)).toEqual(a);

    // Near the edges the context is shorter.
    const first = annotate(doc, [span('Prime')]);
    expect(first.prefix).toBe('');
    const last = annotate(doc, [span('Washington')], 'Location');
    expect(last.suffix).toBe('.');
  });

  it('allows overlapping and nested annotations, listed in text order', () => {
    const outer = annotate(doc, [span('Prime Minister Shehbaz Sharif')]);
    const inner = annotate(doc, [span('Shehbaz Sharif')]);
    const overlapping = annotate(doc, [span('Sharif and Army')], 'Organization');
    const other = annotate(doc, [span('Donald Trump')]);
    expect(project.annotations.listByDocument(doc).map((a) => a.id)).toEqual([outer.id, inner.id, overlapping.id, other.id]);
  });

  it('stores discontinuous annotations with several ranges, sorted and merged', () => {
    const a = annotate(doc, [span('the White House'), span('President Donald Trump')], 'Claim');
    expect(a.ranges).toEqual([span('President Donald Trump'), span('the White House')]);
    expect(a.quote).toBe(`President Donald Trump${QUOTE_GAP}the White House`);
    expect(a.prefix).toBe(text.slice(span('President').start - 32, span('President').start));
    expect(a.suffix).toBe(text.slice(span('White House').end, span('White House').end + 32));
    const merged = annotate(doc, [span('Donald'), span('Donald Trump')]);
    expect(merged.ranges).toEqual([span('Donald Trump')]);
  });

  it('refuses ranges past the end or empty, and writes nothing', () => {
    const before = rowCount('annotations');
    const labelId = label('Person').id;
    const create = (ranges: { start: number; end: number }[]) => () =>
      project.annotations.create({ documentId: doc, ranges, labelId, annotator: 't' }, text);
    expect(errorKind(create([{ start: 0, end: text.length + 1 }]))).toBe('validation');
    expect(errorKind(create([{ start: 0, end: 5 }, { start: text.length, end: text.length + 3 }]))).toBe('validation');
    expect(errorKind(create([{ start: 5, end: 5 }]))).toBe('validation');
    expect(errorKind(create([]))).toBe('validation');
    expect(rowCount('annotations')).toBe(before);
    // The very end is fine.
    expect(annotate(doc, [{ start: text.length - 1, end: text.length }]).quote).toBe('.');
  });

  it('updates label, attributes, note and ranges (recomputing the quote), and deletes', () => {
    const a = annotate(doc, [span('Donald Trump')]);
    const relabeled = project.annotations.update(a.id, { labelId: label('Claim').id, attributes: { hedged: true }, note: 'check' }, () => text);
    expect(relabeled).toMatchObject({ labelId: label('Claim').id, attributes: { hedged: true }, note: 'check', quote: 'Donald Trump', createdAt: a.createdAt });
    const moved = project.annotations.update(a.id, { ranges: [span('President Donald Trump')] }, () => text);
    expect(moved.quote).toBe('President Donald Trump');
    expect(moved.prefix).toBe(text.slice(span('President').start - 32, span('President').start));
    expect(moved.note).toBe('check');
    expect(errorKind(() => project.annotations.update(a.id, { ranges: [{ start: 0, end: 9999 }] }, () => text))).toBe('validation');
    expect(project.annotations.get(a.id)).toEqual(moved);

    expect(project.annotations.delete(a.id)).toEqual(moved);
    expect(errorKind(() => project.annotations.get(a.id))).toBe('not_found');
    expect(errorKind(() => project.annotations.delete(a.id))).toBe('not_found');
  });

  it('keeps an id given by the caller (undo of a delete) and refuses a duplicate', () => {
    const a = annotate(doc, [span('Asim Munir')]);
    project.annotations.delete(a.id);
    const restored = project.annotations.create({ ...a, annotator: a.annotator }, text);
    expect(restored).toEqual(a);
    expect(errorKind(() => project.annotations.create({ ...a }, text))).toBe('conflict');
  });
});

// Starts Node processes: more than the default 5 s on a busy machine.
describe('durability', { timeout: 60_000 }, () => {
  it('data written and closed without an explicit checkpoint is there in a fresh process', () => {
    const id = addDocument(project, 'Durable text 👍🏽');
    annotate(id, [{ start: 0, end: 7 }]);
    project.close();
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1], { readonly: true });
         process.stdout.write(JSON.stringify({
           text: db.prepare('SELECT text FROM documents').pluck().get(),
           quote: db.prepare('SELECT quote FROM annotations').pluck().get(),
         }));`,
        file,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ text: 'Durable text 👍🏽', quote: 'Durable' });
  });

  it('a committed write survives the writing process being killed', async () => {
    project.close();
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { Project } = await import('./electron/backend/project.ts');
         const p = await Project.open(process.argv[1]);
         p.labels.create({ name: 'Survivor', kind: 'other', color: '#010203', hotkey: null, attributes: [] });
         process.kill(process.pid, 'SIGKILL');`,
        file,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    // Read by a plain connection first (WAL recovery), then through the store.
    const db = new Database(file);
    expect(db.prepare("SELECT count(*) FROM labels WHERE name = 'Survivor'").pluck().get()).toBe(1);
    db.close();
    project = await Project.open(file);
    expect(project.labels.findByName('Survivor')?.color).toBe('#010203');
  });
});
