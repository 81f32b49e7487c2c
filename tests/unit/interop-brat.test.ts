// brat standoff on real SQLite files and brat's own example corpora: every
// folder in ../shared/interop/brat imports and exports again with the same
// text and the same annotations (ids may differ); Gloss's claim, stance,
// proposition and entity conventions; bad input named by file and line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments, type ExportArtifact } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import type { FileEntry } from '../../electron/backend/interop/zip.ts';
import { Project } from '../../electron/backend/project.ts';
import { GlossError } from '../../shared/index.ts';
import { normalizeAnn } from '../support/brat-normalize.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { freshProjectPerTest } from '../support/project.ts';

const BRAT_DIR = path.join(SHARED_DIR, 'interop', 'brat');
const FOLDERS = ['tutorial-news', 'TDT', 'NCBI-disease', 'CoNLL-ST_2002-esp'];

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function folderFiles(artifact: ExportArtifact): FileEntry[] {
  if (artifact.kind !== 'folder') throw new Error('expected a folder');
  return artifact.files;
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

async function importError(paths: string[]): Promise<GlossError> {
  const err = await importFiles(project, readImportPaths(paths)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GlossError);
  return err as GlossError;
}

describe('brat round trip through the store, on brat’s own corpora', () => {
  for (const folder of FOLDERS) {
    it(`${folder}: same texts and the same annotations after import and export`, async () => {
      const src = path.join(BRAT_DIR, folder);
      const result = await importFiles(project, readImportPaths([src]));
      const txts = fs.readdirSync(src).filter((f) => f.endsWith('.txt'));
      expect(result.documents).toHaveLength(txts.length);
      const files = new Map(folderFiles(exportDocuments(project, 'brat')).map((f) => [f.path, f.data as string]));
      let statements = 0;
      for (const txt of txts) {
        expect(files.get(txt), txt).toBe(fs.readFileSync(path.join(src, txt), 'utf8'));
        const annName = txt.replace(/\.txt$/, '.ann');
        const original = normalizeAnn(fs.readFileSync(path.join(src, annName), 'utf8'));
        expect(normalizeAnn(files.get(annName)!), annName).toEqual(original);
        statements += original.length;
      }
      expect(statements).toBeGreaterThan(0);
      expect(files.has('annotation.conf') && files.has('visual.conf')).toBe(true);
    });
  }

  it('tutorial-news keeps every kind of brat annotation', async () => {
    await importFiles(project, readImportPaths([path.join(BRAT_DIR, 'tutorial-news')]));
    const all = folderFiles(exportDocuments(project, 'brat'))
      .filter((f) => f.path.endsWith('.ann'))
      .map((f) => f.data as string)
      .join('');
    for (const kind of ['T', 'R', 'E', 'A', 'N', '#', '*']) expect(all, kind).toMatch(new RegExp(`^\\${kind}`, 'm'));
    // The normalization to Wikipedia is an entity link with that external id.
    const entities = project.entities.list().map((s) => s.entity);
    expect(entities).toEqual([expect.objectContaining({ name: 'Carlos Salinas de Gortari', externalId: 'Wikipedia:64488' })]);
  });

  it('the exported folder imports into a fresh project and exports the same again', async () => {
    await importFiles(project, readImportPaths([path.join(BRAT_DIR, 'tutorial-news')]));
    const first = folderFiles(exportDocuments(project, 'brat'));
    const out = path.join(dir, 'exported');
    for (const f of first) write(path.join('exported', f.path), f.data as string);
    const second = await Project.open(path.join(dir, 'second.gloss'));
    try {
      await importFiles(second, readImportPaths([out]));
      const again = new Map(folderFiles(exportDocuments(second, 'brat')).map((f) => [f.path, f.data as string]));
      for (const f of first.filter((x) => x.path.endsWith('.ann'))) expect(normalizeAnn(again.get(f.path)!)).toEqual(normalizeAnn(f.data as string));
      // The tagset came back through annotation.conf: event types are labels of kind "other", Merge-org among them.
      expect(second.labels.findByName('Merge-org')?.kind).toBe('other');
      expect(second.relations.findTypeByName('Family')).toBeDefined();
    } finally {
      second.close();
    }
  });
});

describe('Gloss conventions in brat', () => {
  const TEXT = 'Pakistan 🇵🇰 says it is a key partner; 𝐔𝐒 officials disagree. Ministers met in العاصمة. Café̂ closed.\n';
  const cp = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;
  const span = (s: string) => `${cp(s)} ${cp(s) + [...s].length}`;

  function claimFolder(): string {
    write('claims/news.txt', TEXT);
    write(
      'claims/news.ann',
      [
        `T1\tClaim ${span('it is a key partner')}\tit is a key partner`,
        `A1\tStance T1 FAVOR`,
        `N1\tReference T1 propositions:P1\tPakistan is a key partner`,
        `T2\tLocation ${span('Pakistan')}\tPakistan`,
        `N2\tReference T2 Wikidata:Q843\tPakistan`,
        `T3\tClaim ${span('officials disagree')}\tofficials disagree`,
        `A2\tStance T3 against`,
        `N3\tReference T3 propositions:P1\tPakistan is a key partner`,
        `A3\thedged T3`,
        `#1\tAnnotatorNotes T3\tNo source named`,
        `T4\tOrganization ${span('𝐔𝐒')}\t𝐔𝐒`,
        `T5\tLocation ${span('العاصمة')}\tالعاصمة`,
        `T6\tLocation ${span('Café̂')}\tCafé̂`,
        `R1\tSays Arg1:T4 Arg2:T3`,
        '',
      ].join('\n'),
    );
    return path.join(dir, 'claims');
  }

  it('Claim spans with Stance and propositions:ID become claim links; other normalizations entity links', async () => {
    await importFiles(project, readImportPaths([claimFolder()]));
    const [doc] = project.documents.list();
    const claims = project.claims.listByDocument(doc!.id);
    expect(claims.map((c) => [c.propositionText, c.stance])).toEqual([
      ['Pakistan is a key partner', 'favor'],
      ['Pakistan is a key partner', 'against'],
    ]);
    expect(new Set(claims.map((c) => c.propositionId)).size).toBe(1);
    const anns = project.annotations.listByDocument(doc!.id);
    const byQuote = new Map(anns.map((a) => [a.quote, a]));
    expect(byQuote.get('officials disagree')).toMatchObject({ attributes: { hedged: true }, note: 'No source named' });
    expect(project.labels.findByName('Claim')?.kind).toBe('claim');
    const pakistan = byQuote.get('Pakistan')!;
    expect(project.entities.get(project.entities.entityOf(pakistan.id)!)).toMatchObject({ name: 'Pakistan', externalId: 'Q843', type: 'Location' });
    // Offsets were code points: emoji flags, mathematical letters, Arabic and combining marks land where they should.
    expect(byQuote.get('𝐔𝐒')!.ranges[0]).toEqual({ start: TEXT.indexOf('𝐔𝐒'), end: TEXT.indexOf('𝐔𝐒') + 4 });
    expect(byQuote.has('العاصمة') && byQuote.has('Café̂')).toBe(true);
  });

  it('writes the same conventions back', async () => {
    await importFiles(project, readImportPaths([claimFolder()]));
    const files = new Map(folderFiles(exportDocuments(project, 'brat')).map((f) => [f.path, f.data as string]));
    const ann = files.get('news.ann')!;
    const norm = normalizeAnn(ann).map((s) => s.replace(/propositions:[^\t]+/, 'propositions:ID'));
    const expected = normalizeAnn(fs.readFileSync(path.join(dir, 'claims', 'news.ann'), 'utf8'))
      .map((s) => s.replace(/propositions:[^\t]+/, 'propositions:ID'))
      .map((s) => s.replace(' FAVOR', ' Favor').replace(' against', ' Against'));
    expect(norm).toEqual(expected);
    expect(files.get('annotation.conf')).toMatch(/^Stance\tArg:Claim, Value:Favor\|Against/m);
  });
});

describe('brat details', () => {
  it('discontinuous spans, M attributes, binary attributes and notes on relations and events survive', async () => {
    const text = 'Alice 👩🏽‍💼 and, later, Bob founded Acme in مصر.\n';
    const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const at = (s: string) => `${cp(s)} ${cp(s) + [...s].length}`;
    const ann = [
      `T1\tPerson ${at('Alice 👩🏽‍💼')};${at('Bob')}\tAlice 👩🏽‍💼 Bob`,
      `T2\tOrganization ${at('Acme')}\tAcme`,
      `T3\tStart-org ${at('founded')}\tfounded`,
      `T4\tGPE ${at('مصر')}\tمصر`,
      `E1\tStart-org:T3 Agent-Arg:T1 Org-Arg:T2 Place-Arg:T4`,
      `R1\tLocated Arg1:T2 Arg2:T4`,
      `M1\tIndividual T1`,
      `A2\tConfidence E1 High`,
      `#1\tAnnotatorNotes R1\tinferred`,
      `#2\tAnnotatorNotes E1\tone event, three participants`,
      `N1\tReference T4 Wikidata:Q79\tEgypt`,
      '',
    ].join('\n');
    write('d/x.txt', text);
    write('d/x.ann', ann);
    await importFiles(project, readImportPaths([path.join(dir, 'd')]));
    const [doc] = project.documents.list();
    const alice = project.annotations.listByDocument(doc!.id).find((a) => a.ranges.length === 2)!;
    expect(alice.quote).toBe('Alice 👩🏽‍💼 … Bob');
    expect(alice.attributes).toEqual({ Individual: true });
    expect(project.relations.listByDocument(doc!.id)[0]!.note).toBe('inferred');
    const files = new Map(folderFiles(exportDocuments(project, 'brat')).map((f) => [f.path, f.data as string]));
    expect(normalizeAnn(files.get('x.ann')!)).toEqual(normalizeAnn(ann));
    expect(files.get('x.txt')).toBe(text);
  });
});

describe('bad brat input: a clear error naming file and line, nothing stored', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed line', 'T1\tPerson 0 5\tHello\nT2 Person 6 11 world\n', /bad\.ann: line 2: malformed line/],
    ['offset past the end', 'T1\tPerson 0 5\tHello\nT2\tPerson 6 99\tworld\n', /bad\.ann: line 2: T2: offset 99 is past the end of bad\.txt/],
    ['text that disagrees', 'T1\tPerson 0 5\tHelo\n', /bad\.ann: line 1: T1: the span text "Helo" disagrees with bad\.txt at 0–5 \("Hello"\)/],
    ['unknown reference', 'T1\tPerson 0 5\tHello\nR1\tKnows Arg1:T1 Arg2:T7\n', /bad\.ann: line 2: unknown reference T7 in relation R1/],
    ['duplicate id', 'T1\tPerson 0 5\tHello\nT1\tPerson 6 11\tworld\n', /bad\.ann: line 2: id T1 is used twice/],
  ];
  for (const [what, ann, message] of cases) {
    it(what, async () => {
      write('ok/good.txt', 'Fine text.\n');
      write('ok/good.ann', 'T1\tPerson 0 4\tFine\n');
      write('ok/bad.txt', 'Hello world\n');
      write('ok/bad.ann', ann);
      const before = project.documents.list();
      const labelsBefore = project.labels.list();
      const err = await importError([path.join(dir, 'ok')]);
      expect(err.message).toMatch(message);
      expect(err.message).toContain(path.join(dir, 'ok', 'bad.ann'));
      expect(project.documents.list()).toEqual(before);
      expect(project.labels.list()).toEqual(labelsBefore);
    });
  }

  it('an .ann without its .txt', async () => {
    write('lonely/a.ann', 'T1\tPerson 0 4\tFine\n');
    write('lonely/b.txt', 'x\n');
    const err = await importError([path.join(dir, 'lonely')]);
    expect(err.message).toMatch(/a\.ann: no text file a\.txt beside it/);
  });

  it('a relation that breaks its type’s constraints is kept, as brat keeps it, with a warning naming its line', async () => {
    write('rel/x.txt', 'Alice met Bob.\n');
    write('rel/x.ann', 'T1\tPerson 0 5\tAlice\nT2\tPerson 10 13\tBob\nR1\tContradicts Arg1:T1 Arg2:T2\n');
    const result = await importFiles(project, readImportPaths([path.join(dir, 'rel')]));
    expect(result.warnings.join('\n')).toMatch(/x\.ann: line 3: relation R1 was kept although "Contradicts" cannot start at a Person annotation/);
    expect(result.counts.relations).toBe(1);
  });

  it('an aborted import stores nothing', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const promise = importFiles(project, readImportPaths([path.join(BRAT_DIR, 'NCBI-disease')]), 'auto', {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.phase);
        if (p.phase === 'store' && p.done === 3) controller.abort();
      },
    });
    await expect(promise).rejects.toThrow();
    expect(seen).toContain('parse');
    expect(project.documents.list()).toEqual([]);
  });
});
