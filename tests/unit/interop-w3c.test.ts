// W3C Web Annotation export and import on real SQLite files: every exported
// Annotation passes every must-assertion of the W3C test suite (its draft-04
// JSON Schemas); offsets are code points; Gloss → W3C → Gloss keeps
// everything; other tools' files anchor by TextPositionSelector and
// TextQuoteSelector; bad input is named by file and line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { Project } from '../../electron/backend/project.ts';
import { GlossError } from '../../shared/index.ts';
import { buildRichProject, canonical, TRICKY_TEXT } from '../support/interop-fixture.ts';
import { freshProjectPerTest } from '../support/project.ts';
import { failedMusts, W3C_DIR } from '../support/w3c-musts.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function exportW3c(): Json {
  const a = exportDocuments(project, 'w3c');
  if (a.kind !== 'file') throw new Error('expected a file');
  return JSON.parse(a.data as string);
}

function annotationsOf(collection: Json): Json[] {
  const out: Json[] = [];
  for (let page = collection.first; page; page = page.next) out.push(...page.items);
  return out;
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('the validator itself', () => {
  it('passes the suite’s correct samples (but anno11–13) and fails its incorrect ones', () => {
    const correct = path.join(W3C_DIR, 'tools', 'samples', 'correct');
    for (const f of fs.readdirSync(correct).filter((n) => /^anno\d/.test(n) && !/^anno1[123]\.json$/.test(n))) {
      expect(failedMusts(JSON.parse(fs.readFileSync(path.join(correct, f), 'utf8'))), f).toEqual([]);
    }
    const incorrect = path.join(W3C_DIR, 'tools', 'samples', 'incorrect');
    let checked = 0;
    for (const f of fs.readdirSync(incorrect)) {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(path.join(incorrect, f), 'utf8'));
      } catch {
        continue; // some incorrect samples are not JSON at all
      }
      expect(failedMusts(json).length, f).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('W3C export', () => {
  it('every Annotation passes every must-assertion of the suite', () => {
    buildRichProject(project);
    const items = annotationsOf(exportW3c());
    expect(items.length).toBeGreaterThan(15);
    for (const a of items) expect(failedMusts(a), a.id).toEqual([]);
  });

  it('is an AnnotationCollection of pages; spans target the document IRI with quote and code point position selectors', () => {
    const { d1 } = buildRichProject(project);
    const c = exportW3c();
    expect(c.type).toBe('AnnotationCollection');
    expect(c.first.type).toBe('AnnotationPage');
    expect(c.total).toBe(annotationsOf(c).length);
    const flag = annotationsOf(c).find((a) => a.body?.[0]?.value === 'Location' && a.target.selector?.[0]?.exact === '🇺🇸')!;
    expect(flag.target.source).toBe(`urn:uuid:${d1}`);
    const cpStart = [...TRICKY_TEXT.slice(0, TRICKY_TEXT.indexOf('🇺🇸'))].length;
    expect(flag.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: cpStart, end: cpStart + 2 });
    expect(flag.target.selector[0].prefix.endsWith('ended; ')).toBe(true);
    // Bodies: label (tagging), note (commenting), entity link (identifying), proposition (linking) and stance (assessing).
    const all = annotationsOf(c).flatMap((a) => (Array.isArray(a.body) ? a.body : [a.body]));
    expect(all.some((b) => b.purpose === 'identifying' && b.source === 'http://www.wikidata.org/entity/Q843')).toBe(true);
    expect(all.some((b) => b.purpose === 'commenting' && b.value === 'unnamed — “the minister”')).toBe(true);
    expect(all.some((b) => b.purpose === 'linking' && b.value === 'Pakistan is a key partner of the US on critical minerals')).toBe(true);
    expect(all.some((b) => b.purpose === 'assessing' && b.value === 'against')).toBe(true);
    // The discontinuous claim has two targets.
    expect(annotationsOf(c).some((a) => Array.isArray(a.target) && a.target.length === 2)).toBe(true);
  });
});

describe('W3C round trip', () => {
  it('Gloss → W3C → Gloss keeps everything', async () => {
    buildRichProject(project);
    const before = canonical(project);
    const file = write('export.jsonld', JSON.stringify(exportW3c()));
    const fresh = await Project.open(path.join(dir, 'fresh.gloss'));
    try {
      await importFiles(fresh, readImportPaths([file]));
      expect(canonical(fresh)).toEqual(before);
    } finally {
      fresh.close();
    }
  });
});

describe('W3C import of other tools’ annotations', () => {
  const TEXT = 'Le ministre a dit: « Le Pakistan 🇵🇰 est un partenaire clé ». Le Pakistan a nié.';

  function annotation(id: string, selectors: unknown[], body: unknown = { type: 'TextualBody', value: 'a comment', purpose: 'commenting' }) {
    return { '@context': 'http://www.w3.org/ns/anno.jsonld', id, type: 'Annotation', motivation: 'commenting', creator: { type: 'Person', name: 'Hypo' }, body, target: { source: 'http://example.org/article', selector: selectors } };
  }

  it('anchors by position, by quote alone and by quote when the position is stale, on a text file of the same import', async () => {
    const cp = (s: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = TEXT.indexOf(s, i + 1);
      return [...TEXT.slice(0, i)].length;
    };
    write('batch/article.txt', TEXT);
    write(
      'batch/hypothesis.json',
      JSON.stringify([
        annotation('http://h.example/1', [{ type: 'TextPositionSelector', start: cp('Pakistan 🇵🇰'), end: cp('Pakistan 🇵🇰') + 11 }]),
        annotation('http://h.example/2', [{ type: 'TextQuoteSelector', exact: 'Pakistan', prefix: 'Le ', suffix: ' a nié' }], [
          { type: 'TextualBody', purpose: 'tagging', value: 'Location' },
          { type: 'SpecificResource', purpose: 'identifying', source: 'http://www.wikidata.org/entity/Q843' },
        ]),
        annotation('http://h.example/3', [
          { type: 'TextQuoteSelector', exact: 'partenaire clé' },
          { type: 'TextPositionSelector', start: 0, end: 14 },
        ]),
      ]),
    );
    const result = await importFiles(project, readImportPaths([path.join(dir, 'batch')]), 'w3c');
    const [doc] = result.documents;
    const anns = project.annotations.listByDocument(doc!.id);
    expect(anns.map((a) => a.quote).sort()).toEqual(['Pakistan', 'Pakistan 🇵🇰', 'partenaire clé']);
    const second = anns.find((a) => a.quote === 'Pakistan')!;
    expect(second.ranges[0]!.start).toBe(TEXT.lastIndexOf('Pakistan'));
    expect(project.labels.get(second.labelId).name).toBe('Location');
    expect(project.entities.get(project.entities.entityOf(second.id)!).externalId).toBe('Q843');
    const comment = anns.find((a) => a.quote === 'Pakistan 🇵🇰')!;
    expect(comment).toMatchObject({ note: 'a comment', annotator: 'Hypo' });
    expect(project.labels.get(comment.labelId).name).toBe('Comment');
  });

  it('targets a document already in the project by its name', async () => {
    write('article.txt', TEXT);
    await importFiles(project, readImportPaths([path.join(dir, 'article.txt')]));
    write('notes.json', JSON.stringify(annotation('http://h.example/9', [{ type: 'TextQuoteSelector', exact: 'a nié' }])));
    const result = await importFiles(project, readImportPaths([path.join(dir, 'notes.json')]));
    expect(result.documents).toEqual([]);
    expect(result.annotated).toHaveLength(1);
    expect(project.annotations.listByDocument(result.annotated[0]!).map((a) => a.quote)).toEqual(['a nié']);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a quote that is not in the text', annotation('http://h.example/q', [{ type: 'TextQuoteSelector', exact: 'Brazil' }]), /bad\.json: line 3: the quoted text "Brazil" is found neither anywhere else/],
    ['an offset past the end', annotation('http://h.example/p', [{ type: 'TextPositionSelector', start: 70, end: 900 }]), /bad\.json: line 3: offset 900 is past the end of the text/],
    ['an unknown document', { ...annotation('http://h.example/u', [{ type: 'TextQuoteSelector', exact: 'Pakistan' }]), target: { source: 'http://elsewhere.example/x', selector: { type: 'TextQuoteSelector', exact: 'x' } } }, /bad\.json: line 3: unknown reference: the target source http:\/\/elsewhere\.example\/x/],
  ];
  for (const [what, json, message] of bad) {
    it(`${what}: an error naming file and line, nothing stored`, async () => {
      write('b/article.txt', TEXT);
      write('b/bad.json', JSON.stringify(json, null, 2));
      const err = await importFiles(project, readImportPaths([path.join(dir, 'b')]), 'w3c').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GlossError);
      expect((err as Error).message).toMatch(message);
      expect(project.documents.list()).toEqual([]);
    });
  }

  it('malformed JSON names the line', async () => {
    write('broken.json', '{\n  "type": "Annotation",\n  "id": oops\n}');
    const err = await importFiles(project, readImportPaths([path.join(dir, 'broken.json')])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/broken\.json: line 3: not valid JSON/);
  });
});
