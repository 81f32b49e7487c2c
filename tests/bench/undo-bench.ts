// The cost of undo recorded in the backend (issue 16), on a real project
// file (synchronous FULL, WAL, as the app writes): 1,000
// `annotations.create` calls through the dispatcher with an undo step and
// 1,000 without, interleaved one by one so the shared machine's load falls
// on both alike; then `history.undo` of 500 of those steps one by one, and
// the journal's bytes per step.
// Run: `node --import tsx tests/bench/undo-bench.ts`.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { tempDir } from '../support/tmp.ts';
import { median, p95 } from './report.ts';

const CALLS = 1000;
const UNDOS = 500;

const { dir, cleanup } = tempDir('gloss-undo-bench-');
try {
  const project = await Project.open(path.join(dir, 'undo.gloss'));
  const dispatch = createDispatcher(project);
  const call = async (method: string, args: unknown, step?: string) => {
    const r = await dispatch(method, args, undefined, step ? { step, client: 'bench' } : undefined);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  };
  const text = Array.from({ length: 400 }, (_, i) => `Sentence ${i} about lithium and cobalt in Pakistan.`).join(' ');
  const [doc] = (await call('documents.import', { files: [{ name: 'a.txt', base64: Buffer.from(text).toString('base64') }] })) as { id: string }[];
  const labelId = ((await call('labels.list', {})) as { id: string; name: string }[]).find((l) => l.name === 'Location')!.id;
  const plain: number[] = [];
  const stepped: number[] = [];
  const steps: string[] = [];
  for (let i = 0; i < CALLS * 2; i++) {
    const start = (i * 7) % (text.length - 10);
    const args = { documentId: doc!.id, labelId, ranges: [{ start, end: start + 5 }] };
    const step = i % 2 ? randomUUID() : undefined;
    const t = performance.now();
    await call('annotations.create', args, step);
    (step ? stepped : plain).push(performance.now() - t);
    if (step) steps.push(step);
  }
  const sizes = project.read(() => project.undoJournal.steps(project.actor, 1));
  const undone: number[] = [];
  for (const step of steps.slice(-UNDOS).reverse()) {
    const t = performance.now();
    await call('history.undo', { steps: [step] });
    undone.push(performance.now() - t);
  }
  project.close();
  const bytes = fs.statSync(path.join(dir, 'undo.gloss')).size;
  const f = (xs: number[]) => `p50 ${median(xs).toFixed(2)} p95 ${p95(xs).toFixed(2)} ms`;
  console.log(`annotations.create without a step: ${f(plain)}`);
  console.log(`annotations.create with an undo step: ${f(stepped)}`);
  console.log(`history.undo of one create: ${f(undone)}`);
  console.log(`row changes per create step: ${sizes[0]?.changes ?? 0}; project file after ${CALLS * 2} creates and ${UNDOS} undos: ${(bytes / 1e6).toFixed(1)} MB`);
} finally {
  cleanup();
}
