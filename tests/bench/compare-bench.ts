// Issue 4's responsiveness figure: comparing four long documents that carry
// thousands of annotations (claims on shared propositions, mentions of shared
// entities, a passage of wire copy reused in each), through the real dispatcher.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Envelope } from '../../shared/index.ts';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { Project } from '../../electron/backend/project.ts';
import { BENCH_SEED, generateArticle, mulberry32 } from './generate.ts';
import { median, p95, progress } from './report.ts';

export interface CompareBench {
  /** Warm `compare.run` over the four documents: median and p95 of 10 runs. */
  median_ms: number;
  p95_ms: number;
  /** The first call, with nothing cached. */
  first_ms: number;
  /** `compare.matchClaim` for a claim against the other three documents, median of 10. */
  match_claim_median_ms: number;
  documents: number;
  chars_per_document: number;
  annotations_per_document: number;
}

const DOCUMENTS = 4;
const CHARS = 100_000;
const CLAIMS = 500;
const MENTIONS = 1500;
const PROPOSITIONS = 150;
const ENTITIES = 300;

export async function benchCompare(dir: string): Promise<CompareBench> {
  const project = await Project.open(path.join(dir, 'compare.gloss'), { synchronous: 'NORMAL' });
  const dispatch = createDispatcher(project);
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const e = (await dispatch(method, args)) as Envelope<T>;
    if (!e.ok) throw new Error(`${method}: ${e.error.message}`);
    return e.result;
  };
  try {
    progress(`node: comparing ${DOCUMENTS} documents of ${CHARS / 1000} kB with ${CLAIMS + MENTIONS} annotations each`);
    const rng = mulberry32(BENCH_SEED ^ 0xc0);
    const wire = generateArticle(BENCH_SEED, 990_000, 600).text.trim();
    const ids: string[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const body = generateArticle(BENCH_SEED, 900_000 + d, CHARS).text;
      const cut = body.indexOf('\n\n', Math.floor(body.length / 2));
      const text = `${body.slice(0, cut)}\n\n${wire}${body.slice(cut)}`;
      const id = randomUUID();
      ids.push(id);
      project.documents.insert({ id, name: `compare-${d}`, title: `Compared document ${d + 1}`, text, blocks: lineBlocks(text), metadata: { format: 'txt' }, contentHash: createHash('sha256').update(text).digest('hex') });
    }
    const labels = project.labels.list();
    const claimLabel = labels.find((l) => l.kind === 'claim')!;
    const entityLabels = labels.filter((l) => l.kind === 'entity');
    const propositionIds: string[] = [];
    for (let p = 0; p < PROPOSITIONS; p++) propositionIds.push((await call<{ id: string }>('propositions.create', { text: `Proposition number ${p} about the compared events` })).id);
    const entityIds: string[] = [];
    for (let e = 0; e < ENTITIES; e++) entityIds.push((await call<{ id: string }>('entities.create', { name: `Entity ${e}`, type: 'Person' })).id);
    const claims: { annotationId: string; propositionId: string; stance: string }[] = [];
    const links: { annotationId: string; entityId: string }[] = [];
    project.transaction(() => {
      for (const documentId of ids) {
        const text = project.documents.text(documentId);
        const words = [...text.matchAll(/[A-Za-z]+/g)];
        const span = (n: number) => {
          const w = Math.floor(rng() * (words.length - n - 1));
          const last = words[w + n - 1]!;
          return { start: words[w]!.index!, end: last.index! + last[0].length };
        };
        for (let k = 0; k < CLAIMS; k++) {
          const a = project.annotations.create({ documentId, ranges: [span(12 + Math.floor(rng() * 20))], labelId: claimLabel.id, annotator: 'bench' }, text);
          claims.push({ annotationId: a.id, propositionId: propositionIds[Math.floor(rng() * PROPOSITIONS)]!, stance: ['favor', 'against', 'neutral'][Math.floor(rng() * 3)]! });
        }
        for (let k = 0; k < MENTIONS; k++) {
          const a = project.annotations.create({ documentId, ranges: [span(1 + Math.floor(rng() * 2))], labelId: entityLabels[k % entityLabels.length]!.id, annotator: 'bench' }, text);
          links.push({ annotationId: a.id, entityId: entityIds[Math.floor(rng() * ENTITIES)]! });
        }
      }
    });
    for (const c of claims) await call('claims.link', c);
    await call('entities.link', { links });

    const run = async () => {
      const start = performance.now();
      await call('compare.run', { documentIds: ids });
      return performance.now() - start;
    };
    const first = await run();
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push(await run());
    const matches: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await call('compare.matchClaim', { annotationId: claims[i * 37]!.annotationId, documentIds: ids });
      matches.push(performance.now() - start);
    }
    progress(`  compare.run median ${median(warm).toFixed(0)} ms (first ${first.toFixed(0)} ms), matchClaim median ${median(matches).toFixed(0)} ms`);
    return {
      median_ms: median(warm),
      p95_ms: p95(warm),
      first_ms: first,
      match_claim_median_ms: median(matches),
      documents: DOCUMENTS,
      chars_per_document: CHARS,
      annotations_per_document: CLAIMS + MENTIONS,
    };
  } finally {
    project.close();
  }
}
