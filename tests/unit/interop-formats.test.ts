// JSONL (Gloss and doccano), CSV, CoNLL IOB2, the HTML report, brat from a
// Gloss project, PDF and DOCX import, on real SQLite files, with text that
// exercises code point offsets.
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { Project } from '../../electron/backend/project.ts';
import { GlossError } from '../../shared/index.ts';
import { makeDocx, makePdf } from '../support/documents.ts';
import { buildRichProject, canonical, TRICKY_TEXT } from '../support/interop-fixture.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function text(format: 'jsonl' | 'csv' | 'conll' | 'html'): string {
  const a = exportDocuments(project, format);
  if (a.kind !== 'file' || typeof a.data !== 'string') throw new Error('expected a text file');
  return a.data;
}

function write(name: string, content: string | Uint8Array): string {
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

async function intoFresh(file: string) {
  const fresh = await Project.open(path.join(dir, `fresh-${path.basename(file)}.gloss`));
  try {
    await importFiles(fresh, readImportPaths([file]));
    return canonical(fresh);
  } finally {
    fresh.close();
  }
}

const cpOf = (s: string) => [...TRICKY_TEXT.slice(0, TRICKY_TEXT.indexOf(s))].length;

describe('JSONL', () => {
  it('writes relations, entities, propositions, claims and stances, offsets in code points', () => {
    buildRichProject(project);
    const lines = text('jsonl').trim().split('\n').map((l) => JSON.parse(l));
    const dawn = lines.find((l) => l.name === 'dawn-article');
    const flag = dawn.annotations.find((a: { quote: string }) => a.quote === '🇺🇸');
    expect([flag.start, flag.end]).toEqual([cpOf('🇺🇸'), cpOf('🇺🇸') + 2]);
    expect(dawn.annotations.find((a: { quote: string }) => a.quote === 'Pakistan 🇵🇰').entity).toMatchObject({ name: 'Pakistan', externalId: 'Q843' });
    expect(dawn.annotations.find((a: { label: string; claims?: unknown[] }) => a.label === 'Claim' && a.claims).claims[0]).toMatchObject({
      proposition: { text: 'Pakistan is a key partner of the US on critical minerals' },
      stance: 'favor',
    });
    expect(dawn.relations.map((r: { type: string }) => r.type).sort()).toEqual(['Contradicts', 'Says']);
    expect(dawn.events[0]).toMatchObject({ type: 'Event', attributes: { Confidence: 'High' } });
    expect(lines.find((l) => l.name === 'wire-report').stances[0]).toMatchObject({ stance: 'against', justification: 'headline says sidelined' });
  });

  it('Gloss → JSONL → Gloss keeps everything', async () => {
    buildRichProject(project);
    const before = canonical(project);
    expect(await intoFresh(write('export.jsonl', text('jsonl')))).toEqual(before);
  });

  it('reads doccano sequence labelling and relation extraction JSONL (code point offsets)', async () => {
    const t = 'Zoë met 👩🏽‍💼 Ana in القاهرة.';
    const cp = (s: string) => [...t.slice(0, t.indexOf(s))].length;
    const len = (s: string) => [...s].length;
    write(
      'doccano/seq.jsonl',
      [
        JSON.stringify({ id: 7, text: t, label: [[cp('Ana'), cp('Ana') + 3, 'PER'], [cp('القاهرة'), cp('القاهرة') + len('القاهرة'), 'LOC']] }),
        JSON.stringify({ id: 8, text: 'Nothing here.', label: [] }),
      ].join('\n'),
    );
    write(
      'doccano/rel.jsonl',
      JSON.stringify({
        id: 9,
        text: t,
        entities: [
          { id: 1, label: 'PER', start_offset: 0, end_offset: 3 },
          { id: 2, label: 'PER', start_offset: cp('Ana'), end_offset: cp('Ana') + 3 },
        ],
        relations: [{ id: 5, from_id: 1, to_id: 2, type: 'met' }],
      }) + '\n',
    );
    const result = await importFiles(project, readImportPaths([path.join(dir, 'doccano')]));
    // seq-7 has rel-9's text: the same text is the same document, and its spans join rel-9's (Ana once).
    expect(result.documents.map((d) => d.name)).toEqual(['rel-9', 'seq-8']);
    const seq = project.annotations.listByDocument(result.documents[0]!.id);
    expect(seq.map((a) => [a.quote, project.labels.get(a.labelId).name])).toEqual([
      ['Zoë', 'PER'],
      ['Ana', 'PER'],
      ['القاهرة', 'LOC'],
    ]);
    const rel = project.relations.listByDocument(result.documents[0]!.id);
    expect(rel).toHaveLength(1);
    expect(project.annotations.get(rel[0]!.fromAnnotationId).quote).toBe('Zoë');
    expect(project.relations.getType(rel[0]!.typeId).name).toBe('met');
  });

  const bad: [string, string, RegExp][] = [
    ['a malformed line', '{"text": "ok", "label": []}\n{"text": "oops", label: []}\n', /bad\.jsonl: line 2: not valid JSON/],
    ['an offset past the end', '{"text": "short", "label": [[0, 3, "X"], [2, 40, "Y"]]}\n', /bad\.jsonl: line 1: label 2: offset 40 is past the end of the text \(5 characters\)/],
    ['an unknown reference', '{"text": "a b", "entities": [{"id": 1, "label": "X", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 3, "from_id": 1, "to_id": 2, "type": "r"}]}\n', /bad\.jsonl: line 1: unknown reference: relation 3 names entity 2/],
    ['neither format', '{"text": "plain"}\n', /bad\.jsonl: line 1: neither a Gloss record/],
  ];
  for (const [what, content, message] of bad) {
    it(`${what}: an error naming file and line, nothing stored`, async () => {
      write('batch/good.txt', 'A good file.\n');
      write('batch/bad.jsonl', content);
      const err = await importError([path.join(dir, 'batch')]);
      expect(err.message).toMatch(message);
      expect(project.documents.list()).toEqual([]);
    });
  }
});

describe('brat from a Gloss project', () => {
  it('Gloss → brat → Gloss keeps what brat can carry', async () => {
    buildRichProject(project);
    const before = canonical(project);
    const a = exportDocuments(project, 'brat');
    if (a.kind !== 'folder') throw new Error('expected a folder');
    for (const f of a.files) write(path.join('brat', f.path), f.data);
    const after = await intoFresh(path.join(dir, 'brat'));
    // brat has no titles, metadata, blocks, annotators or dates, no document stances; boolean attributes are present or
    // absent; a proposition's note and an entity's aliases and description are not written (the export warns). Claim links
    // keep every field (stance, hedged, reported, note).
    const carried = (docs: typeof before) =>
      docs.map((d) => ({
        name: d.name,
        text: d.text,
        annotations: d.annotations.map((x) => ({
          label: x.label,
          kind: x.kind,
          ranges: x.ranges,
          attributes: Object.fromEntries(Object.entries(x.attributes).filter(([, v]) => v !== false)),
          note: x.note,
          entity: x.entity && { name: x.entity.name, externalId: x.entity.externalId },
          claims: x.claims,
        })),
        relations: d.relations,
        events: d.events,
        equivalences: d.equivalences,
        normalizations: d.normalizations,
        notes: d.notes,
      }));
    expect(carried(after)).toEqual(carried(before));
    // Offsets in the .ann are code points: flags, mathematical letters, combining marks and Arabic included.
    const ann = a.files.find((f) => f.path === 'dawn-article.ann')!.data as string;
    for (const [quote, label] of [['🇺🇸', 'Location'], ['𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧', 'Location'], ['Zoe\u0308', 'Person'], ['مقال عن باكستان', 'Event']]) {
      expect(ann).toContain(`\t${label} ${cpOf(quote!)} ${cpOf(quote!) + [...quote!].length}\t${quote}\n`);
    }
  });
});

describe('CSV', () => {
  it('one row per annotation: document, label, start, end (code points), quote, attributes, note, annotator, created', () => {
    buildRichProject(project);
    const csv = text('csv');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('document,label,start,end,quote,attributes,note,annotator,created');
    expect(rows).toHaveLength(1 + 12);
    expect(rows).toContain(`dawn-article,Location,${cpOf('🇺🇸')},${cpOf('🇺🇸') + 2},🇺🇸,,,ana,2026-02-01T10:00:00.000Z`);
    expect(rows).toContain(`dawn-article,Claim,${cpOf('Critics')},${cpOf('"sidelined"') + 11},"Critics disagreed … ""sidelined""",,two parts,ana,2026-02-01T10:00:00.000Z`);
    expect(rows.some((r) => r.includes('"{""hedged"":false,""reported"":true}"'))).toBe(true);
  });
});

describe('CoNLL IOB2', () => {
  it('one token per line with a tag column per layer (mentions, claims), blank lines between sentences', () => {
    const { d1 } = buildRichProject(project);
    const conll = text('conll');
    const lines = conll.split('\n');
    expect(lines[0]).toBe(`-DOCSTART- ${d1}\tO\tO`);
    // "Pakistan 🇵🇰" (Location) lies inside the claim "Pakistan 🇵🇰 was a key partner": both keep their tags.
    expect(conll).toContain('Pakistan\tB-Location\tB-Claim\n🇵🇰\tI-Location\tI-Claim\nwas\tO\tI-Claim');
    expect(conll).toContain('in\tO\tO\n𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧\tB-Location\tO\n.\tO\tO');
    // "The 𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩 ended" holds the nested "𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩" in the same layer: the outer span wins there.
    expect(conll).toContain('The\tB-Event\tO\n𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩\tI-Event\tO\nended\tI-Event\tO\n');
    expect(conll).toContain('Zoe\u0308\tB-Person\tO');
    expect(conll).toContain('مقال\tB-Event\tO\nعن\tI-Event\tO\nباكستان\tI-Event\tO\nوالمعادن\tO\tO');
    // Sentences are separated by blank lines; no token holds whitespace.
    expect(lines.filter((l) => l === '').length).toBeGreaterThanOrEqual(5);
    for (const l of lines.filter(Boolean)) expect(l).toMatch(/^(-DOCSTART- \S+|\S+)\t(O|[BI]-\S+)\t(O|[BI]-\S+)$/);
  });
});

describe('HTML report', () => {
  it('is self-contained and shows every document with its annotations, escaped', () => {
    const { d1 } = buildRichProject(project);
    project.annotations.create(
      { documentId: d1, ranges: [{ start: 0, end: 8 }], labelId: project.labels.findByName('Person')!.id, attributes: {}, note: '<script>alert(1)</script>', annotator: 'ana' },
      TRICKY_TEXT,
    );
    const html = text('html');
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('article')).toHaveLength(2);
    const marks = Array.from(doc.querySelectorAll('article mark')).map((m) => m.textContent);
    expect(marks).toContain('🇺🇸');
    expect(doc.body.textContent).toContain('Pakistan is a key partner of the US on critical minerals');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
  });
});

describe('PDF and DOCX import', () => {
  it('a PDF: text through pdfjs-dist, one block per paragraph, title from its properties', async () => {
    write('article.pdf', makePdf([[['Minerals ministerial opens'], ['Pakistan was invited to the', 'ministerial in Washing-', 'ton on Tuesday.'], ['Officials disagreed.']], [['Second page.']]], { title: 'The ministerial', author: 'A. Writer' }));
    const { documents } = await importFiles(project, readImportPaths([path.join(dir, 'article.pdf')]));
    const doc = project.documents.get(documents[0]!.id);
    expect(doc.title).toBe('The ministerial');
    expect(doc.metadata).toMatchObject({ format: 'pdf', author: 'A. Writer' });
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual([
      'Minerals ministerial opens',
      'Pakistan was invited to the ministerial in Washington on Tuesday.',
      'Officials disagreed.',
      'Second page.',
    ]);
  });

  it('a DOCX: text through mammoth, headings and paragraphs as blocks', async () => {
    write('brief.docx', makeDocx([{ text: 'Critical minerals', style: 'Heading1' }, { text: 'Pakistan 🇵🇰 and the US & others.' }, { text: 'مرحبا بالعالم' }], { title: 'Brief', creator: 'Desk' }));
    const { documents } = await importFiles(project, readImportPaths([path.join(dir, 'brief.docx')]));
    const doc = project.documents.get(documents[0]!.id);
    expect(doc).toMatchObject({ title: 'Brief', metadata: { format: 'docx', author: 'Desk' } });
    expect(doc.blocks.map((b) => [b.type, doc.text.slice(b.start, b.end)])).toEqual([
      ['heading', 'Critical minerals'],
      ['paragraph', 'Pakistan 🇵🇰 and the US & others.'],
      ['paragraph', 'مرحبا بالعالم'],
    ]);
  });

  it('a broken PDF or DOCX is refused by name, and the batch is not stored', async () => {
    write('mixed/a.txt', 'Fine.\n');
    write('mixed/b.pdf', '%PDF-1.4 this is not really a pdf');
    let err = await importError([path.join(dir, 'mixed')]);
    expect(err.message).toMatch(/b\.pdf: /);
    fs.rmSync(path.join(dir, 'mixed', 'b.pdf'));
    write('mixed/c.docx', 'PK not a zip');
    err = await importError([path.join(dir, 'mixed')]);
    expect(err.message).toMatch(/c\.docx: not a valid zip archive/);
    expect(project.documents.list()).toEqual([]);
  });
});
