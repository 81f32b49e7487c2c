// Issue 11's figure: re-anchoring 10,000 annotations on a 1 MB text after 100
// scattered edits and one moved paragraph (the pure module), and saving that
// as a new version in SQLite (text, every offset, the search index and the
// version table in one transaction).
import { randomUUID, createHash } from 'node:crypto';
import path from 'node:path';
import { quoteOf } from '../../shared/index.ts';
import { reanchor, type AnchorInput, type AnchorStatus } from '../../electron/backend/anchoring/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { updateFromFile } from '../../electron/backend/versions/index.ts';
import { BENCH_LABELS, BENCH_SEED, generateAnnotations, generateDocument, mulberry32 } from './generate.ts';
import { median, progress } from './report.ts';

export interface ReanchorBench {
  /** Median of warm runs of `reanchor` over the two texts and 10,000 annotations. */
  median_ms: number;
  first_ms: number;
  runs: number;
  /** `updateFromFile` end to end on a project file: parse, re-anchor, one transaction with synchronous=FULL. */
  save_ms: number;
  chars: number;
  annotations: number;
  edits: number;
  counts: Record<AnchorStatus, number>;
}

/** The second version: 100 edits of a few words at seeded places (insert, delete, replace), and one paragraph moved. */
export function editedVersion(text: string, seed = BENCH_SEED): string {
  const rng = mulberry32(seed ^ 0x11);
  let out = text;
  // One paragraph from a fifth of the way in moves to four fifths.
  const from = out.indexOf('\n\n', Math.floor(out.length * 0.2)) + 2;
  const fromEnd = out.indexOf('\n\n', from) + 2;
  const paragraph = out.slice(from, fromEnd);
  out = out.slice(0, from) + out.slice(fromEnd);
  const to = out.indexOf('\n\n', Math.floor(out.length * 0.8)) + 2;
  out = out.slice(0, to) + paragraph + out.slice(to);
  for (let e = 0; e < 100; e++) {
    const at = Math.floor(rng() * (out.length - 50));
    const kind = e % 3;
    if (kind === 0) out = `${out.slice(0, at)}newly inserted words ${out.slice(at)}`;
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 5 + Math.floor(rng() * 30));
    else out = `${out.slice(0, at)}REPLACED${out.slice(at + 8)}`;
  }
  return out;
}

export async function benchReanchor(dir: string, quick = false): Promise<ReanchorBench> {
  progress('node: re-anchoring 10,000 annotations on 1 MB after 100 edits and a moved paragraph');
  const doc = generateDocument();
  const annotations = generateAnnotations(doc, 10_000);
  const next = editedVersion(doc.text);
  const inputs: AnchorInput[] = annotations.map((a) => ({ id: a.id, ranges: a.ranges, ...quoteOf(doc.text, a.ranges) }));
  const times: number[] = [];
  let results = reanchor(doc.text, next, inputs);
  const runs = quick ? 3 : 7;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    results = reanchor(doc.text, next, inputs);
    times.push(performance.now() - start);
  }
  const first = performance.now();
  reanchor(doc.text, next + ' ', inputs); // a text not seen before: nothing warm but the code
  const firstMs = performance.now() - first;
  const counts = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
  for (const r of results) counts[r.status]++;
  progress(`  ${median(times).toFixed(0)} ms (median of ${runs}); ${counts.kept} kept, ${counts.moved} moved, ${counts.changed} changed, ${counts.orphaned} orphaned`);

  const project = await Project.open(path.join(dir, 'versions.gloss'));
  let saveMs: number;
  try {
    const id = randomUUID();
    project.transaction(() => {
      // The project's own labels stand in for the generator's (same tagset, other ids).
      const labelIds = project.labels.list().map((l) => l.id);
      const labelOf = new Map(BENCH_LABELS.map((l, i) => [l.id, labelIds[i % labelIds.length]!]));
      project.documents.insert({ id, name: 'long', title: 'long', text: doc.text, blocks: doc.blocks, metadata: {}, contentHash: createHash('sha256').update(doc.text).digest('hex') });
      for (const a of annotations) project.annotations.create({ id: a.id, documentId: id, ranges: a.ranges, labelId: labelOf.get(a.labelId)!, annotator: 'bench' }, doc.text);
    });
    const start = performance.now();
    await updateFromFile(project, id, { name: 'long-v2.txt', bytes: new TextEncoder().encode(next) });
    saveMs = performance.now() - start;
    progress(`  saved as a new version in ${saveMs.toFixed(0)} ms (parse, re-anchor, one transaction)`);
  } finally {
    project.close();
  }
  return { median_ms: median(times), first_ms: firstMs, runs, save_ms: saveMs, chars: doc.text.length, annotations: inputs.length, edits: 100, counts };
}
