// brat without loss (issue 13, items 1–3), on real SQLite files and brat's own
// corpora: every id read is written again (T, R, E, A, N, #, entity and
// proposition keys), line by line; new ids never collide; two exports are
// identical; a corpus's own types win over built-ins of another case;
// attributes on relations; Gloss's claim links (two stances, attribution,
// hedged, reported, link notes) survive Gloss → brat → Gloss.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments, type ExportArtifact } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import type { FileEntry } from '../../electron/backend/interop/zip.ts';
import { Project } from '../../electron/backend/project.ts';
import { annLines } from '../support/brat-lines.ts';
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

function files(artifact: ExportArtifact): Map<string, string> {
  if (artifact.kind !== 'folder') throw new Error('expected a folder');
  return new Map(artifact.files.map((f: FileEntry) => [f.path, f.data as string]));
}

function writeFolder(name: string, content: Record<string, string>): string {
  const folder = path.join(dir, name);
  for (const [f, data] of Object.entries(content)) {
    fs.mkdirSync(path.dirname(path.join(folder, f)), { recursive: true });
    fs.writeFileSync(path.join(folder, f), data);
  }
  return folder;
}

async function withFresh<T>(name: string, use: (p: Project) => Promise<T>): Promise<T> {
  const fresh = await Project.open(path.join(dir, `${name}.gloss`));
  try {
    return await use(fresh);
  } finally {
    fresh.close();
  }
}

describe('brat ids are kept', () => {
  for (const folder of FOLDERS) {
    it(`${folder}: every line comes back with its id, and two exports are identical`, async () => {
      const src = path.join(BRAT_DIR, folder);
      await importFiles(project, readImportPaths([src]));
      const first = files(exportDocuments(project, 'brat'));
      let lines = 0;
      for (const ann of fs.readdirSync(src).filter((f) => f.endsWith('.ann'))) {
        const original = annLines(fs.readFileSync(path.join(src, ann), 'utf8'));
        expect(annLines(first.get(ann)!), `${folder}/${ann}`).toEqual(original);
        lines += original.length;
      }
      expect(lines).toBeGreaterThan(100);
      expect(files(exportDocuments(project, 'brat'))).toEqual(first);
      // The export, imported into another project, exports byte for byte the same.
      const out = writeFolder('out', Object.fromEntries(first));
      await withFresh('again', async (fresh) => {
        await importFiles(fresh, readImportPaths([out]));
        const again = files(exportDocuments(fresh, 'brat'));
        for (const [name, data] of first) if (name.endsWith('.ann') || name.endsWith('.txt')) expect(again.get(name), name).toBe(data);
      });
    });
  }

  it('entity and proposition keys are written again, and a second import of the same file adds nothing', async () => {
    const ann = [
      'T3\tClaim 0 27\tPakistan was left out again',
      'T8\tLocation 0 8\tPakistan',
      'A2\tStance T3 Against',
      'N5\tReference T3 propositions:P1\tPakistan is a key partner',
      'N7\tReference T8 entities:pakistan\tPakistan',
    ].join('\n');
    const folder = writeFolder('keys', { 'k.txt': 'Pakistan was left out again.\n', 'k.ann': `${ann}\n` });
    await importFiles(project, readImportPaths([folder]));
    const first = files(exportDocuments(project, 'brat'));
    expect(annLines(first.get('k.ann')!)).toEqual(annLines(ann));
    await importFiles(project, readImportPaths([folder]));
    expect(project.documents.ids()).toHaveLength(1);
    expect(project.entities.list()).toHaveLength(1);
    expect(project.propositions.list()).toHaveLength(1);
    const twice = files(exportDocuments(project, 'brat'));
    expect([...twice.keys()].sort()).toEqual([...first.keys()].sort());
    expect(twice.get('k.ann')).toBe(first.get('k.ann'));
  });

  it('new annotations get ids after the highest of their kind; none collides', async () => {
    const folder = writeFolder('c', {
      'a.txt': 'Alice met Bob in Paris.\n',
      'a.ann': 'T7\tPerson 0 5\tAlice\nT42\tPerson 10 13\tBob\nR9\tMeets Arg1:T7 Arg2:T42\nA3\tNegated R9\n#5\tAnnotatorNotes T42\tthe other one\nN12\tReference T7 Wikidata:Q1\tAlice\n',
    });
    await importFiles(project, readImportPaths([folder]));
    const doc = project.documents.list()[0]!;
    const person = project.labels.findByName('Person')!;
    const text = project.documents.text(doc.id);
    const paris = project.annotations.create({ documentId: doc.id, ranges: [{ start: 17, end: 22 }], labelId: person.id, attributes: { Capital: true }, note: 'new note', annotator: 't' }, text);
    const bob = project.annotations.listByDocument(doc.id).find((a) => a.quote === 'Bob')!;
    const meets = project.relations.findTypeByName('Meets')!;
    project.relations.create({ typeId: meets.id, fromAnnotationId: bob.id, toAnnotationId: paris.id, note: '' });
    const ann = files(exportDocuments(project, 'brat')).get('a.ann')!;
    expect(annLines(ann)).toEqual(
      annLines(
        [
          'T7\tPerson 0 5\tAlice',
          'T42\tPerson 10 13\tBob',
          'T43\tPerson 17 22\tParis',
          'R9\tMeets Arg1:T7 Arg2:T42',
          'R10\tMeets Arg1:T42 Arg2:T43',
          'A3\tNegated R9',
          'A4\tCapital T43',
          'N12\tReference T7 Wikidata:Q1\tAlice',
          '#5\tAnnotatorNotes T42\tthe other one',
          '#6\tAnnotatorNotes T43\tnew note',
        ].join('\n'),
      ),
    );
  });
});

describe('what brat accepts, Gloss reads', () => {
  it('relations with an event at one end, repeated relations, attributes on relations, and references with their own texts come back with their ids', async () => {
    const ann = [
      'T1\tPerson 0 5\tAlice',
      'T2\tMeet 6 9\tmet',
      'T3\tPerson 10 13\tBob',
      'E1\tMeet:T2 Agent:T1 Partner:T3',
      'R1\tCauses Arg1:T1 Arg2:E1',
      'R2\tKnows Arg1:T1 Arg2:T3',
      'R3\tKnows Arg1:T1 Arg2:T3',
      'A1\tSpeculation R1',
      'A2\tNegation E1',
      'N1\tReference T1 Wikidata:Q1\tAlice Liddell',
      'N2\tReference T3 Wikidata:Q1\tAlice',
      'N3\tReference T2 Wikidata:Q2\t',
    ].join('\n');
    const folder = writeFolder('events', { 'e.txt': 'Alice met Bob.\n', 'e.ann': `${ann}\n` });
    await importFiles(project, readImportPaths([folder]));
    expect(annLines(files(exportDocuments(project, 'brat')).get('e.ann')!)).toEqual(annLines(ann));
  });
});

describe('what brat loads although its configuration says otherwise', () => {
  it('a relation whose ends its annotation.conf does not allow is kept, with a warning', async () => {
    const folder = writeFolder('lenient', {
      'annotation.conf': '[entities]\nclaim\ndata\n[relations]\nsupports\tArg1:data, Arg2:claim\n[events]\n[attributes]\n',
      'a.txt': 'We measured it. It holds.\n',
      'a.ann': 'T1\tdata 0 15\tWe measured it.\nT2\tclaim 16 25\tIt holds.\nR1\tsupports Arg1:T2 Arg2:T1\n',
    });
    const result = await importFiles(project, readImportPaths([folder]));
    expect(result.warnings.join('\n')).toMatch(/a\.ann: line 3: relation R1 was kept although "supports" cannot start at a claim annotation/);
    expect(files(exportDocuments(project, 'brat')).get('a.ann')).toContain('R1\tsupports Arg1:T2 Arg2:T1');
  });
});

describe("a corpus's own types win", () => {
  it('a lower-case `supports` between premises is its own relation type, not the built-in Supports (claims only)', async () => {
    const folder = writeFolder('sciarg', {
      'annotation.conf': '[entities]\nown_claim\nbackground_claim\ndata\n[relations]\nsupports\tArg1:data|own_claim|background_claim, Arg2:own_claim|background_claim\ncontradicts\tArg1:own_claim, Arg2:own_claim\n[events]\n[attributes]\n',
      'A01.txt': 'We measured it. Therefore it holds.\n',
      'A01.ann': 'T1\tdata 0 15\tWe measured it.\nT2\town_claim 16 35\tTherefore it holds.\nR1\tsupports Arg1:T1 Arg2:T2\n',
    });
    const result = await importFiles(project, readImportPaths([folder]));
    expect(result.counts.relations).toBe(1);
    const names = project.relations.listTypes().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Supports', 'supports', 'Contradicts', 'contradicts']));
    expect(files(exportDocuments(project, 'brat')).get('A01.ann')).toContain('R1\tsupports Arg1:T1 Arg2:T2');
  });

  it('doccano PERSON and DATE stay upper case beside the built-in Person and Date', async () => {
    const file = path.join(dir, 'd.jsonl');
    fs.writeFileSync(file, JSON.stringify({ text: 'Ana came on Monday.', label: [[0, 3, 'PERSON'], [12, 18, 'DATE']] }) + '\n');
    await importFiles(project, readImportPaths([file]));
    const names = project.labels.list().map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['Person', 'PERSON', 'Date', 'DATE']));
    const doc = project.documents.list()[0]!;
    const labelOf = new Map(project.labels.list().map((l) => [l.id, l.name]));
    expect(project.annotations.listByDocument(doc.id).map((a) => labelOf.get(a.labelId))).toEqual(['PERSON', 'DATE']);
  });
});

describe('Gloss claim links survive brat', () => {
  it('two propositions with different stances, attribution (text and entity), hedged, reported and link notes', async () => {
    const text = 'Officials said Pakistan was sidelined, an envoy claimed.\n';
    const id = crypto.randomUUID();
    project.documents.insert({ id, name: 'claims', title: 'Claims', text, blocks: [{ type: 'paragraph', start: 0, end: text.length - 1 }], metadata: {}, contentHash: 'h' });
    const claimLabel = project.labels.findByName('Claim')!;
    const claim = project.annotations.create({ documentId: id, ranges: [{ start: 15, end: 37 }], labelId: claimLabel.id, attributes: {}, note: 'span note', annotator: 't' }, text);
    const envoy = project.entities.create({ name: 'Former envoy', type: 'Person', aliases: [], externalId: null, description: '' });
    const pk = project.entities.create({ name: 'Pakistan', type: 'Location', aliases: [], externalId: 'Q843', description: '' });
    const p1 = project.propositions.create({ text: 'Pakistan was sidelined', note: '' });
    const p2 = project.propositions.create({ text: 'Pakistan is a key partner', note: '' });
    project.claims.insert({ annotationId: claim.id, propositionId: p1.id, stance: 'favor', attribution: { entityId: envoy.id, text: 'a former envoy' }, hedged: true, reported: true, note: 'first link' });
    project.claims.insert({ annotationId: claim.id, propositionId: p2.id, stance: 'against', attribution: { entityId: pk.id, text: '' }, hedged: false, reported: true, note: '' });
    const art = exportDocuments(project, 'brat');
    const out = files(art);
    // annotation.conf lists every stance value for claims.
    expect(out.get('annotation.conf')).toMatch(/^Stance\tArg:[^\n]*Claim[^\n]*, Value:Favor\|Against\|Neutral$/m);
    const folder = writeFolder('claims-brat', Object.fromEntries(out));
    const links = await withFresh('claims-back', async (fresh) => {
      await importFiles(fresh, readImportPaths([folder]));
      const doc = fresh.documents.list()[0]!;
      return fresh.claims.listByDocument(doc.id).map((c) => ({
        proposition: c.propositionText,
        stance: c.stance,
        hedged: c.hedged,
        reported: c.reported,
        note: c.note,
        saidBy: c.attribution.text,
        saidByEntity: c.attribution.entityId ? fresh.entities.get(c.attribution.entityId).name : null,
        externalId: c.attribution.entityId ? fresh.entities.get(c.attribution.entityId).externalId : null,
      }));
    });
    expect(links.sort((a, b) => a.proposition.localeCompare(b.proposition))).toEqual([
      { proposition: 'Pakistan is a key partner', stance: 'against', hedged: false, reported: true, note: '', saidBy: '', saidByEntity: 'Pakistan', externalId: 'Q843' },
      { proposition: 'Pakistan was sidelined', stance: 'favor', hedged: true, reported: true, note: 'first link', saidBy: 'a former envoy', saidByEntity: 'Former envoy', externalId: null },
    ]);
  });

  it('says what brat cannot hold: document stances and entity aliases', async () => {
    const text = 'A text about Pakistan.\n';
    const id = crypto.randomUUID();
    project.documents.insert({ id, name: 'doc', title: 'Doc', text, blocks: [], metadata: {}, contentHash: 'h' });
    const loc = project.labels.findByName('Location')!;
    const a = project.annotations.create({ documentId: id, ranges: [{ start: 13, end: 21 }], labelId: loc.id, attributes: {}, note: '', annotator: 't' }, text);
    const pk = project.entities.create({ name: 'Pakistan', type: 'Location', aliases: ['PK'], externalId: 'Q843', description: 'a country' });
    project.entities.link([{ annotationId: a.id, entityId: pk.id }]);
    const p = project.propositions.create({ text: 'P', note: '' });
    project.claims.setDocumentStance({ documentId: id, propositionId: p.id, stance: 'against', justification: '' });
    const { warnings } = exportDocuments(project, 'brat');
    expect(warnings.join('\n')).toMatch(/1 document stance/);
    expect(warnings.join('\n')).toMatch(/alias/);
  });
});
