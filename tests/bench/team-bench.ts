// Issue 10's figures: agreement over two annotators' layers of 1,000 articles
// (50 annotations each per document, with claims on shared propositions), and
// merging a project of 100,000 annotations into another of 100,000 on the same
// texts, through the real backend on real SQLite files.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { projectAgreement } from '../../electron/backend/agreement/load.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { Project } from '../../electron/backend/project.ts';
import { mergeProjects } from '../../electron/backend/team/merge.ts';
import { BENCH_SEED, generateArticle, mulberry32 } from './generate.ts';
import { median, progress } from './report.ts';

export interface TeamBench {
  /** `projectAgreement` (read from the store and compute every figure), median of 3. */
  agreement_ms: number;
  agreement_documents: number;
  agreement_annotations_per_annotator_per_document: number;
  /** `mergeProjects` of one project into another, each with `merge_annotations` annotations. */
  merge_ms: number;
  merge_annotations: number;
}

/** A project of `docs` generated articles, each with `perDoc` annotations by each annotator (a noisy copy of a shared layer). */
async function teamProject(file: string, docs: number, perDoc: number, annotators: readonly string[], seed: number): Promise<Project> {
  const project = await Project.open(file, { synchronous: 'NORMAL' });
  const labels = project.labels.list();
  const claim = labels.find((l) => l.kind === 'claim')!;
  const others = labels.filter((l) => l.kind !== 'claim');
  const propositions = project.transaction(() => Array.from({ length: 50 }, (_, i) => project.propositions.create({ text: `Proposition number ${i}`, note: '' }).id));
  const stances = ['favor', 'against', 'neutral'];
  const rng = mulberry32(seed);
  project.transaction(() => {
    for (let i = 0; i < docs; i++) {
      const { name, text } = generateArticle(BENCH_SEED, i);
      const id = randomUUID();
      project.documents.insert({ id, name: name.replace(/\.txt$/, ''), title: text.slice(0, text.indexOf('\n')), text, blocks: lineBlocks(text), metadata: { format: 'txt' }, contentHash: createHash('sha256').update(text).digest('hex') });
      const words = [...text.matchAll(/[A-Za-z]+/g)];
      const base = Array.from({ length: perDoc }, (_, k) => {
        const w = Math.floor(rng() * (words.length - 3));
        const last = words[w + Math.floor(rng() * 3)]!;
        return { start: words[w]!.index!, end: last.index! + last[0].length, label: k % 5 === 0 ? claim : others[k % others.length]!, proposition: propositions[Math.floor(rng() * propositions.length)]!, stance: stances[k % 3]! };
      });
      for (const annotator of annotators) {
        for (const b of base) {
          const shift = rng() < 0.2 ? 1 : 0;
          const label = rng() < 0.1 ? others[Math.floor(rng() * others.length)]! : b.label;
          const a = project.annotations.create({ documentId: id, ranges: [{ start: b.start + shift, end: b.end }], labelId: label.id, annotator }, text);
          if (label.kind === 'claim') {
            project.claims.insert({ annotationId: a.id, propositionId: b.proposition, stance: rng() < 0.2 ? stances[Math.floor(rng() * 3)]! : b.stance, attribution: { entityId: null, text: '' }, hedged: false, reported: false, note: '' });
          }
        }
      }
    }
  });
  return project;
}

export async function benchTeam(dir: string, quick = false): Promise<TeamBench> {
  const docs = quick ? 200 : 1000;
  progress(`node: agreement over 2 annotators × ${docs} documents × 50 annotations`);
  const agreeing = await teamProject(path.join(dir, 'agreement.gloss'), docs, 50, ['ann-a', 'ann-b'], BENCH_SEED ^ 0xa9);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    projectAgreement(agreeing);
    times.push(performance.now() - start);
  }
  agreeing.close();
  progress(`  ${median(times).toFixed(0)} ms (median of 3)`);

  const perDoc = 100;
  progress(`node: merging ${docs * perDoc} annotations into a project with ${docs * perDoc}`);
  const lead = await teamProject(path.join(dir, 'lead.gloss'), docs, perDoc, ['lead'], BENCH_SEED ^ 0x1e);
  const other = await teamProject(path.join(dir, 'other.gloss'), docs, perDoc, ['other'], BENCH_SEED ^ 0x07);
  other.close();
  const start = performance.now();
  const result = await mergeProjects(lead, [path.join(dir, 'other.gloss')]);
  const mergeMs = performance.now() - start;
  lead.close();
  if (result.counts.annotations !== docs * perDoc) throw new Error(`the merge brought ${result.counts.annotations} annotations, not ${docs * perDoc}`);
  progress(`  ${mergeMs.toFixed(0)} ms`);
  return { agreement_ms: median(times), agreement_documents: docs, agreement_annotations_per_annotator_per_document: 50, merge_ms: mergeMs, merge_annotations: docs * perDoc };
}
