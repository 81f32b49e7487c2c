import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GlossError } from '../../../shared/index.ts';
import { loadBundle } from '../interop/load.ts';
import type { Bundle } from '../interop/model.ts';
import { storeBundle, type StoreResult } from '../interop/store.ts';
import { Project } from '../project.ts';
import { LATEST_SCHEMA_VERSION } from '../store/database.ts';
import { copyProjectFile } from '../store/files.ts';

/** What a merge brought in. */
export interface MergeResult {
  files: string[];
  /** Documents created, and documents already in the target (same text) that received annotations. */
  documents: { created: number; matched: number };
  /** New annotations per annotator. */
  annotations: Record<string, number>;
  counts: StoreResult['counts'];
  /** Records that disagree with the target and were left out, e.g. another document stance. */
  conflicts: string[];
  warnings: string[];
  /** The copy of the target written before merging, when it held data. */
  backup: string | null;
}

/**
 * Merges other Gloss projects into `target`, all or nothing in one
 * transaction: documents matched by text, annotations with their annotators,
 * relations, claim links, stances and entity links; propositions matched by
 * id, then identical text; entities by id, external id, then name and type;
 * labels by name. What the target already holds (the same annotation by the
 * same annotator) is not added again, so merging a file twice adds nothing.
 * Sources are read from a private copy and never changed; a file from a newer
 * Gloss or one that is not a Gloss project is refused before anything is written.
 * Records that name no annotator are stored under `annotator` (default: the target's annotator).
 */
export async function mergeProjects(target: Project, files: readonly string[], annotator?: string): Promise<MergeResult> {
  if (!files.length) throw new GlossError('validation', 'merge: name at least one .gloss file to merge');
  const bundles: { file: string; bundle: Bundle }[] = [];
  for (const file of files) bundles.push({ file, bundle: await readProject(file, target.path) });

  // On PostgreSQL the merge is one transaction as well, and backups are pg_dump's (the README's "Operations"): no copy is made.
  const backup = target.engine === 'sqlite' && target.path !== ':memory:' && hasData(target) ? await backupTarget(target) : null;
  // One transaction of possibly hundreds of thousands of rows: with SQLite's default 2 MB page
  // cache, dirty pages spill to the WAL mid-transaction and are read back from it. 256 MB for the merge.
  const results: StoreResult[] = target.withPageCache(262144, () =>
    target.transaction(() => {
      for (const { bundle } of bundles) addStanceValues(target, bundle.stanceValues ?? []);
      return bundles.map(({ bundle }) => storeBundle(target, bundle, annotator === undefined ? {} : { annotator }));
    }),
  );
  const annotations: Record<string, number> = {};
  const counts = { documents: 0, annotations: 0, relations: 0, events: 0, claims: 0, entities: 0, propositions: 0 };
  for (const r of results) {
    for (const [who, n] of Object.entries(r.byAnnotator)) annotations[who] = (annotations[who] ?? 0) + n;
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts[k];
  }
  return {
    files: [...files],
    documents: { created: counts.documents, matched: new Set(results.flatMap((r) => r.annotatedIds)).size },
    annotations,
    counts,
    conflicts: results.flatMap((r) => r.conflicts),
    warnings: results.flatMap((r) => r.warnings),
    backup,
  };
}

/** Reads a project file into a bundle through a private, migrated copy. */
async function readProject(file: string, targetPath: string): Promise<Bundle> {
  if (!fs.existsSync(file)) throw new GlossError('not_found', `${file}: no such file`);
  if (path.resolve(file) === path.resolve(targetPath)) throw new GlossError('validation', `${file}: cannot merge a project into itself`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (n < 16 || header.toString('latin1') !== 'SQLite format 3\0') throw new GlossError('validation', `${file}: not a Gloss project (it is not an SQLite database); nothing was merged`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-merge-'));
  const copy = path.join(dir, 'source.gloss');
  try {
    await copyProjectFile(file, copy, ({ version, isGloss }) => {
      if (!isGloss || version === 0) throw new GlossError('validation', `${file}: not a Gloss project (an SQLite database without Gloss's tables); nothing was merged`);
      if (version > LATEST_SCHEMA_VERSION) {
        throw new GlossError('version', `${file}: this project was written by a newer version of Gloss (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}); update Gloss to merge it; nothing was merged`);
      }
    });
    const project = await Project.open(copy);
    try {
      return loadBundle(project);
    } finally {
      project.close();
    }
  } catch (err) {
    if (err instanceof GlossError) throw err;
    throw new GlossError('validation', `${file}: cannot read the project: ${(err as Error).message}; nothing was merged`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Stance values the source uses that the target lacks are added to the target's set. */
function addStanceValues(target: Project, values: readonly string[]): void {
  const current = target.claims.stanceSet();
  const missing = values.filter((v) => !current.values.includes(v));
  if (missing.length) target.claims.setStanceSet([...current.values, ...missing], current.defaultValue, {});
}

function hasData(project: Project): boolean {
  return project.documents.any();
}

/** A copy of the target beside it (`NAME.gloss.merge-backup-…`), as the store makes before a migration. */
async function backupTarget(target: Project): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = `${target.path}.merge-backup-${stamp}`;
  await target.backup(file);
  return file;
}
