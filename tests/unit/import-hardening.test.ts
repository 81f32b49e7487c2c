// Input and output hardening for exchange formats (issue 14, items 6 and 8):
// the full shape of every JSON-based import checked with zod, errors naming
// file, line and field; a NUL refused the same way whatever the format it
// arrives in; CSV cells a spreadsheet would run as formulas defused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { comparisonCsv } from '../../electron/backend/compare/report.ts';
import { csvCell } from '../../electron/backend/interop/csv/cell.ts';
import type { Project } from '../../electron/backend/project.ts';
import { GlossError } from '../../shared/index.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function failure(file: string): Promise<string> {
  const err = await importFiles(project, readImportPaths([file])).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GlossError);
  expect(project.documents.list()).toEqual([]);
  return (err as Error).message;
}

const goodLine = JSON.stringify({ id: 'd1', text: 'Alice met Bob.', annotations: [{ id: 'a1', label: 'Person', start: 0, end: 5 }] });

describe('JSONL shape', () => {
  it('"blocks": [null] is an error naming file, line and field, not a TypeError', async () => {
    const file = write('g.jsonl', `${goodLine}\n${JSON.stringify({ text: 'x y', blocks: [null], annotations: [] })}\n`);
    expect(await failure(file)).toMatch(/g\.jsonl: line 2: blocks\[0\]: /);
  });

  it('an annotation whose ranges are not a list, or that has no range at all, is named', async () => {
    expect(await failure(write('r.jsonl', JSON.stringify({ text: 'x y', annotations: [{ label: 'A', ranges: 'x' }] })))).toMatch(/r\.jsonl: line 1: annotations\[0\]\.ranges: /);
    expect(await failure(write('n.jsonl', JSON.stringify({ text: 'x y', annotations: [{ label: 'A' }] })))).toMatch(/n\.jsonl: line 1: annotations\[0\]: an annotation needs ranges, or start and end/);
  });

  it('doccano lines are checked too', async () => {
    expect(await failure(write('d.jsonl', JSON.stringify({ text: 'x y', label: [[0, 'one', 'A']] })))).toMatch(/d\.jsonl: line 1: label\[0\]\[1\]: /);
  });
});

describe('NUL characters', () => {
  it('are refused in .txt, and the same way through JSONL, W3C and Label Studio', async () => {
    expect(await failure(write('a.txt', 'Hello\u0000world'))).toMatch(/a\.txt: line 1: a NUL byte/);
    expect(await failure(write('b.jsonl', `${goodLine}\n${JSON.stringify({ text: 'Hi\u0000there', annotations: [] })}\n`))).toMatch(/b\.jsonl: line 2: a NUL character .*binary data, not text/);
    const w3c = JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', 'gloss:documents': [{ id: 'urn:gloss:document:x', text: 'a\u0000b' }] }, null, 2);
    expect(await failure(write('c.jsonld', w3c))).toMatch(/c\.jsonld: line 7: a NUL character/);
    const ls = JSON.stringify([{ id: 1, data: { text: 'a\u0000b' }, annotations: [] }], null, 2);
    expect(await failure(write('d.json', ls))).toMatch(/d\.json: line 5: a NUL character/);
  });

  it('an escaped backslash before u0000 is text, not a NUL', async () => {
    const file = write('e.jsonl', JSON.stringify({ text: 'a path C:\\u0000 here', annotations: [] }) + '\n');
    await importFiles(project, readImportPaths([file]));
    expect(project.documents.text(project.documents.list()[0]!.id)).toBe('a path C:\\u0000 here');
  });
});

describe('CSV injection', () => {
  it('defuses cells starting with =, +, -, @, tab or CR, as OWASP advises', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1', 'plain', 'a=b'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
      "'＝1",
      'plain',
      'a=b',
    ]);
  });

  it('in the annotations CSV and the comparison CSV', async () => {
    const text = '=HYPERLINK("http://evil") said -2+3 people.\n';
    const file = write('evil.txt', text);
    await importFiles(project, readImportPaths([file]));
    const doc = project.documents.list()[0]!;
    const claim = project.annotations.create({ documentId: doc.id, ranges: [{ start: 0, end: 25 }], labelId: project.labels.findByName('Claim')!.id, attributes: {}, note: '@cmd', annotator: 't' }, text);
    const p = project.propositions.create({ text: '+proposition', note: '' });
    project.claims.insert({ annotationId: claim.id, propositionId: p.id, stance: 'favor', attribution: { entityId: null, text: '-someone' }, hedged: false, reported: false, note: '' });
    const a = exportDocuments(project, 'csv');
    const csv = a.kind === 'file' ? String(a.data) : '';
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(csv).toContain(",'@cmd,");
    const { compareDocuments } = await import('../../electron/backend/compare/index.ts');
    const result = compareDocuments(project, [doc.id]);
    const out = comparisonCsv(result, new Map([[doc.id, text]]));
    expect(out).toContain(",'+proposition,");
    expect(out).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(out).toContain(",'-someone,");
    for (const line of out.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });
});
