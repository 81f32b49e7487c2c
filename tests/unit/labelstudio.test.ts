// Label Studio JSON (issue 13, item 4) on real SQLite files: an export with
// two users, astral characters (offsets in code points, as Label Studio's
// editor counts them), choices, notes, relations, a rating and predictions
// imports with each user as the annotator name, and exports back identical;
// predictions are offered as suggestions; edits in Gloss come out in place;
// Gloss → Label Studio → Gloss keeps regions, attributes, notes, relations
// and claim links; bad files are named with their line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import type { Project } from '../../electron/backend/project.ts';
import { listSuggestions } from '../../electron/backend/suggest/service.ts';
import { GlossError } from '../../shared/index.ts';
import { buildRichProject } from '../support/interop-fixture.ts';
import { freshProjectPerTest } from '../support/project.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'labelstudio-two-users.json');

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function exported(p: Project = project): unknown {
  const a = exportDocuments(p, 'labelstudio');
  if (a.kind !== 'file') throw new Error('expected a file');
  return JSON.parse(a.data as string);
}

describe('Label Studio import', () => {
  it('is told apart from W3C by its content, and reads tasks, users, regions, choices, notes and relations', async () => {
    const result = await importFiles(project, readImportPaths([FIXTURE]));
    expect(result.documents.map((d) => d.name)).toEqual(['task-101', 'task-102']);
    const doc = project.documents.get(result.documents[0]!.id);
    expect(doc.metadata).toMatchObject({ url: 'https://example.org/a', outlet: 'Dawn' });
    const labelOf = new Map(project.labels.list().map((l) => [l.id, l.name]));
    const anns = project.annotations.listByDocument(doc.id).map((a) => ({ label: labelOf.get(a.labelId), quote: a.quote, annotator: a.annotator, attributes: a.attributes, note: a.note }));
    expect(anns).toEqual(
      expect.arrayContaining([
        { label: 'PER', quote: 'Imran Khan 🇵🇰', annotator: 'user 1', attributes: { confidence: 'high' }, note: '' },
        { label: 'PER', quote: '𝐉𝐨𝐞', annotator: 'user 1', attributes: {}, note: '' },
        { label: 'LOC', quote: 'Washington', annotator: 'user 1', attributes: {}, note: 'the capital, not the state' },
        { label: 'PER', quote: 'Imran Khan', annotator: 'ana@example.org', attributes: {}, note: '' },
        { label: 'PER', quote: 'a former envoy 👩🏽‍💼', annotator: 'ana@example.org', attributes: {}, note: '' },
      ]),
    );
    expect(anns).toHaveLength(7);
    const types = new Map(project.relations.listTypes().map((t) => [t.id, t.name]));
    expect(project.relations.listByDocument(doc.id).map((r) => types.get(r.typeId)).sort()).toEqual(['Related', 'meets']);
  });

  it('exports back identical, two users, predictions and what Gloss does not model included', async () => {
    await importFiles(project, readImportPaths([FIXTURE]));
    expect(exported()).toEqual(JSON.parse(fs.readFileSync(FIXTURE, 'utf8')));
  });

  it('exports back identical what Label Studio writes in other ways: several texts in a textarea, a quote of its own, predictions by id, an annotation without results', async () => {
    type Item = { id?: string; type: string; value?: Record<string, unknown> };
    const tasks = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { predictions: unknown[]; annotations: { id: number; result?: Item[] }[] }[];
    const first = tasks[0]!.annotations[0]!.result!;
    first.find((r) => r.type === 'textarea')!.value!.text = ['the capital,', 'not the state'];
    first.find((r) => r.id === 'r1b' && r.type === 'labels')!.value!.text = 'Joe';
    tasks[1]!.predictions = [55, 56];
    tasks[1]!.annotations.push({ id: 10 });
    const file = path.join(dir, 'variants.json');
    fs.writeFileSync(file, JSON.stringify(tasks));
    await importFiles(project, readImportPaths([file]));
    expect(exported()).toEqual(tasks);
  });

  it('offers predictions as suggestions, never applied', async () => {
    const result = await importFiles(project, readImportPaths([FIXTURE]));
    const id = result.documents[0]!.id;
    const imported = listSuggestions(project, id).filter((s) => s.source === 'imported');
    // "Washington" is annotated LOC already; "Pakistan" (LOC by Ana) too: neither is offered again.
    expect(imported).toEqual([]);
    const loc = project.labels.findByName('LOC')!;
    const pakistan = project.annotations.listByDocument(id).find((a) => a.quote === 'Pakistan')!;
    project.annotations.delete(pakistan.id);
    const offered = listSuggestions(project, id).filter((s) => s.source === 'imported');
    expect(offered).toEqual([expect.objectContaining({ labelId: loc.id, quote: 'Pakistan', reason: expect.stringContaining('ner-v2') })]);
  });

  it('writes Gloss edits in place: a changed label, a deleted region, a new annotation by a third annotator', async () => {
    const result = await importFiles(project, readImportPaths([FIXTURE]));
    const id = result.documents[0]!.id;
    const anns = project.annotations.listByDocument(id);
    const org = project.labels.create({ name: 'ORG', kind: 'entity', color: '#123456', hotkey: null, attributes: [] });
    project.annotations.update(anns.find((a) => a.quote === 'Washington')!.id, { labelId: org.id }, () => project.documents.text(id));
    project.annotations.delete(anns.find((a) => a.quote === '𝐉𝐨𝐞')!.id);
    const text = project.documents.text(id);
    const at = text.indexOf('Pakistan');
    project.annotations.create({ documentId: id, ranges: [{ start: at, end: at + 8 }], labelId: org.id, attributes: {}, note: '', annotator: 'carol' }, text);
    const [task] = exported() as { annotations: { id: number; completed_by: unknown; result: { id?: string; type: string; value?: { labels?: string[]; start?: number } }[] }[] }[];
    const first = task!.annotations[0]!;
    expect(first.result.find((r) => r.id === 'r1c' && r.type === 'labels')!.value!.labels).toEqual(['ORG']);
    expect(first.result.some((r) => r.id === 'r1b')).toBe(false);
    // The relation to the deleted region went with it.
    expect(first.result.filter((r) => r.type === 'relation')).toHaveLength(1);
    const third = task!.annotations[2]!;
    expect(third).toMatchObject({ id: 9, completed_by: 'carol' });
    expect(third.result).toEqual([expect.objectContaining({ type: 'labels', value: expect.objectContaining({ start: [...text.slice(0, at)].length, labels: ['ORG'] }) })]);
  });
});

describe('Gloss → Label Studio → Gloss', () => {
  it('keeps regions, attributes, notes, relations and claim links (proposition and stance)', async () => {
    buildRichProject(project);
    const a = exportDocuments(project, 'labelstudio');
    expect(a.warnings.join('\n')).toMatch(/entity link/);
    expect(a.warnings.join('\n')).toMatch(/discontinuous/);
    if (a.kind !== 'file') throw new Error('expected a file');
    const file = path.join(dir, 'ls.json');
    fs.writeFileSync(file, a.data as string);
    const { Project: P } = await import('../../electron/backend/project.ts');
    const fresh = await P.open(path.join(dir, 'fresh.gloss'));
    try {
      await importFiles(fresh, readImportPaths([file]));
      const summarize = (p: Project) =>
        p.documents
          .list()
          .map((d) => {
            const labels = new Map(p.labels.list().map((l) => [l.id, l.name]));
            const claims = p.claims.listByDocument(d.id);
            const text = p.documents.text(d.id);
            // A discontinuous span becomes one region from its first to its last part (the export warns).
            return p.annotations
              .listByDocument(d.id)
              .map((x) => ({
                label: labels.get(x.labelId),
                quote: text.slice(x.ranges[0]!.start, x.ranges.at(-1)!.end),
                note: x.note,
                annotator: x.annotator,
                claims: claims.filter((c) => c.annotationId === x.id).map((c) => [c.propositionText, c.stance]),
              }))
              .sort((m, n) => JSON.stringify(m).localeCompare(JSON.stringify(n)));
          });
      expect(summarize(fresh)).toEqual(summarize(project));
      expect(fresh.relations.listTypes().map((t) => t.name)).toEqual(expect.arrayContaining(['Says', 'Contradicts']));
    } finally {
      fresh.close();
    }
  });
});

describe('bad Label Studio files', () => {
  it('a region past the end of the text is named with its task and line; nothing is stored', async () => {
    const tasks = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { annotations: { result: { value?: { end?: number } }[] }[] }[];
    tasks[1]!.annotations[0]!.result[0]!.value!.end = 999;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(tasks, null, 2));
    const err = await importFiles(project, readImportPaths([file])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlossError);
    const line = JSON.stringify(tasks, null, 2).split('\n').findIndex((l) => l.includes('"id": 102')) + 1;
    expect((err as Error).message).toMatch(new RegExp(`bad\\.json: line ${line - 1}: task 102: region y1: offset 999 is past the end`));
    expect(project.documents.list()).toEqual([]);
  });

  it('a task whose shape is wrong gets the path of the wrong field', async () => {
    const file = path.join(dir, 'shape.json');
    fs.writeFileSync(file, JSON.stringify([{ data: { text: 'x' }, annotations: [{ result: [{ type: 5 }] }] }]));
    await expect(importFiles(project, readImportPaths([file]))).rejects.toThrow(/shape\.json: line 1: task 1: annotations\[0\]\.result\[0\]\.type: /);
  });
});
