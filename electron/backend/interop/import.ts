import path from 'node:path';
import { GlossError, toApiError, type DocumentSummary, type ImportFormat, type SkippedFile, type SourceMetadata } from '../../../shared/index.ts';
import { decodeUtf8 } from '../import/decode.ts';
import { pauser } from '../import/pause.ts';
import type { ParsedDocument } from '../import/parsed.ts';
import type { Project } from '../project.ts';
import { importError } from './errors.ts';
import { documentName, IMPORT_FORMATS } from './formats.ts';
import { detectLanguage } from './language.ts';
import { emptyBundle, emptyDocument, type Bundle } from './model.ts';
import { checkAborted, type RunOptions } from './progress.ts';
import { groupSources, type SourceFile, type SourceGroup } from './sources.ts';
import { storeBundle, type StoreResult } from './store.ts';
import type { DocumentResolver, ResolvedDocument } from './w3c/parse.ts';
import { keyOf } from './w3c/vocab.ts';

/** What an import did. */
export interface ImportResult {
  /** The new documents, in the order of the files. */
  documents: DocumentSummary[];
  /** Ids of documents already in the project that received annotations (W3C files for existing documents). */
  annotated: string[];
  counts: StoreResult['counts'];
  warnings: string[];
  /** Files left out with `skipBad`, and why (empty otherwise: a bad file stops the batch). */
  skipped: SkippedFile[];
  /** Set for a dry run: nothing was stored, `documents` are what would have been. */
  dryRun: boolean;
}

/** How an import meets bad files (see `ImportModeFields` in the contract). */
export interface ImportOptions extends RunOptions {
  /** Store the good files and list the bad ones, instead of storing nothing. */
  skipBad?: boolean;
  /** Do everything but store: answers what would be imported (and, with skipBad, skipped). */
  dryRun?: boolean;
}

/** Thrown inside the store transaction of a dry run, so that it rolls back. */
class DryRunRollback extends Error {}

/**
 * Imports files, all or nothing: every file is parsed and checked first
 * (documents; brat folders; Gloss, doccano JSONL; W3C Web Annotations;
 * REFI-QDA projects; PDF and DOCX), then everything is stored in one
 * transaction. Nothing is stored when any file fails or the signal aborts.
 */
export async function importFiles(project: Project, files: readonly SourceFile[], format: ImportFormat = 'auto', options: ImportOptions = {}): Promise<ImportResult> {
  const groups = groupSources(files, format);
  const bundles: Bundle[] = [];
  const plain = new Set<Bundle>();
  const warnings: string[] = [];
  const w3c: SourceGroup[] = [];
  const total = groups.length;
  // A job (it has a signal) yields after every file, so that progress and cancel get through at once; a direct call only by time budget.
  const pause = options.signal ? () => new Promise<void>((resolve) => setImmediate(resolve)) : pauser();
  let done = 0;
  const tick = (item: string) => options.onProgress?.({ phase: 'parse', done: done++, total, item });
  const skipped: SkippedFile[] = [];
  /** Runs one file's (or group's) step; with skipBad a failure lists the file instead of stopping the batch. */
  const guard = async <T>(file: string, step: () => Promise<T> | T): Promise<T | undefined> => {
    if (!options.skipBad) return step();
    try {
      return await step();
    } catch (err) {
      checkAborted(options.signal);
      skipped.push({ file, message: toApiError(err).message });
      return undefined;
    }
  };
  const fileSkipper = options.skipBad ? guard : undefined;
  for (const g of groups) {
    checkAborted(options.signal);
    if (g.format === 'w3c') {
      w3c.push(g);
      continue;
    }
    tick(g.files[0]?.name ?? '');
    const parsed = await guard(groupName(g), () => parseGroup(g, warnings, options, fileSkipper));
    if (parsed) {
      // Plain documents of a batch are stored as one bundle: one writer, one pass, however many files.
      // (With skipBad each group keeps its own bundle, so that one that fails to store leaves the others.)
      const last = bundles[bundles.length - 1];
      const isPlain = IMPORT_FORMATS[g.format].parser?.kind === 'document' && !options.skipBad;
      if (isPlain && last && plain.has(last)) last.documents.push(...parsed.documents);
      else {
        bundles.push(parsed);
        if (isPlain) plain.add(parsed);
      }
    }
    await pause(); // other calls are served while a big batch parses
  }
  // W3C files come last: their targets may be documents of this batch (or of the project).
  const batchDocs = bundles.flatMap((b, bi) => b.documents.map((d, di) => ({ bi, di, d })));
  const pending: { bundle: Bundle; links: Map<string, { bi: number; di: number }> }[] = [];
  for (const g of w3c) {
    const { parseW3c } = await import('./w3c/parse.ts');
    const links = new Map<string, { bi: number; di: number }>();
    const resolve: DocumentResolver = (iri) => {
      const hit = findBatchDocument(batchDocs, iri);
      if (hit) {
        const key = `batch:${hit.bi}:${hit.di}`;
        links.set(key, hit);
        return { key, text: hit.d.text };
      }
      return findProjectDocument(project, iri);
    };
    const jsonFiles = g.files.filter((f) => !/\.(txt|text)$/i.test(f.name));
    const texts = g.files.filter((f) => /\.(txt|text)$/i.test(f.name));
    if (texts.length) {
      // Text files named with --format w3c are the documents the annotations target.
      const textBundle = await parseGroup({ format: 'txt', files: texts }, warnings, options, fileSkipper);
      bundles.push(textBundle);
      textBundle.documents.forEach((d, di) => batchDocs.push({ bi: bundles.length - 1, di, d }));
    }
    for (const f of jsonFiles) {
      checkAborted(options.signal);
      tick(f.name);
      const bundle = await guard(f.name, () => parseW3c(decodeUtf8(f.bytes, f.name), f.name, resolve));
      if (bundle) pending.push({ bundle, links });
    }
  }
  options.onProgress?.({ phase: 'parse', done: total, total });
  checkAborted(options.signal);

  /** Stores one bundle; with skipBad in a savepoint of its own, so a bundle that fails leaves the others stored. */
  const storeOne = (bundle: Bundle): StoreResult | undefined => {
    if (!options.skipBad) return storeBundle(project, bundle, options);
    try {
      return project.transaction(() => storeBundle(project, bundle, options));
    } catch (err) {
      skipped.push({ file: bundleName(bundle), message: toApiError(err).message });
      return undefined;
    }
  };
  let outcome: { stored: StoreResult[]; documents: DocumentSummary[] } | undefined;
  try {
    project.transaction(() => {
      const results = bundles.map((b) => storeOne(b));
      const stored = results.filter((r): r is StoreResult => r !== undefined);
      for (const { bundle, links } of pending) {
        for (const d of bundle.documents) {
          const link = d.stub ? links.get(d.key) : undefined;
          if (link) {
            const target = bundles[link.bi]!.documents[link.di]!;
            const index = bundles[link.bi]!.documents.filter((x) => !x.stub).indexOf(target);
            // Every non-stub document's id, new or (same text) already in the project.
            d.existing = results[link.bi]?.storedIds[index];
          }
        }
        const r = storeOne(bundle);
        if (r) stored.push(r);
      }
      const ids = stored.flatMap((r) => r.documentIds);
      const order = new Map(ids.map((id, i) => [id, i]));
      const documents = project.documents
        .list()
        .filter((d) => order.has(d.id))
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      outcome = { stored, documents };
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  const { stored, documents } = outcome!;
  const newIds = new Set(documents.map((d) => d.id));
  const counts = { documents: 0, annotations: 0, relations: 0, events: 0, claims: 0, entities: 0, propositions: 0 };
  for (const r of stored) for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts[k];
  return {
    documents,
    annotated: [...new Set(stored.flatMap((r) => r.annotatedIds))].filter((id) => !newIds.has(id)),
    counts,
    warnings: [...warnings, ...stored.flatMap((r) => r.warnings)],
    skipped,
    dryRun: Boolean(options.dryRun),
  };
}

/** How a group is named in the list of skipped files: a brat folder by its folder, else its first file. */
function groupName(g: SourceGroup): string {
  const first = g.files[0]?.name ?? '';
  return g.format === 'brat' && g.files.length > 1 ? path.dirname(first) : first;
}

/** A bundle's files, for the list of skipped files. */
function bundleName(b: Bundle): string {
  const files = [...new Set(b.documents.map((d) => d.file).filter(Boolean))];
  return files.join(', ') || 'a batch of annotations';
}

type Skipper = <T>(file: string, step: () => Promise<T> | T) => Promise<T | undefined>;

/** Parses one group of files into a bundle, through the format table. */
async function parseGroup(g: SourceGroup, warnings: string[], options: RunOptions, skip?: Skipper): Promise<Bundle> {
  const parser = IMPORT_FORMATS[g.format].parser;
  if (!parser) throw new Error(`${g.format} files are parsed after the others`);
  if (parser.kind === 'corpus') {
    const b = await parser.parse(g.files, options);
    warnings.push(...(b.warnings ?? []));
    return b;
  }
  const bundle = emptyBundle();
  for (const f of g.files) {
    const read = async () => {
      const parsed = await parseDocumentFile(f, parser.parse);
      if (!parsed.text.trim()) throw importError(f.name, undefined, 'the file holds no text');
      return parsed;
    };
    // With skipBad, one unreadable article among many leaves the others in.
    const parsed = skip ? await skip(f.name, read) : await read();
    if (!parsed) continue;
    const name = documentName(f.name);
    bundle.documents.push(
      emptyDocument({ key: f.name, name, title: parsed.title || name, text: parsed.text, blocks: parsed.blocks, metadata: withLanguage({ ...parsed.metadata, sourcePath: path.basename(f.name) }, parsed.text), file: f.name }),
    );
  }
  return bundle;
}

/** A document's metadata with its language: the one the file declares, else the one its text shows (if clear). */
function withLanguage(metadata: SourceMetadata, text: string): SourceMetadata {
  if (metadata.language) return metadata;
  const language = detectLanguage(text);
  return language ? { ...metadata, language } : metadata;
}

/** Runs a document parser; its errors name the file. */
async function parseDocumentFile(f: SourceFile, parse: (f: SourceFile) => Promise<ParsedDocument>): Promise<ParsedDocument> {
  try {
    return await parse(f);
  } catch (err) {
    if (err instanceof GlossError) throw err;
    throw importError(f.name, undefined, (err as Error).message);
  }
}

/** A document of this batch that an IRI names: by URL, by Gloss IRI or by name (the IRI's last path segment). */
function findBatchDocument<T extends { d: Bundle['documents'][number] }>(docs: readonly T[], iri: string): T | undefined {
  const last = lastSegment(iri);
  return (
    docs.find((x) => x.d.metadata.url === iri) ??
    docs.find((x) => x.d.key === keyOf(iri)) ??
    docs.find((x) => x.d.name === last || path.basename(x.d.metadata.sourcePath ?? '') === last)
  );
}

/** A project document that an IRI names: by id (urn:uuid:), by URL or by name. */
function findProjectDocument(project: Project, iri: string): ResolvedDocument | undefined {
  const docs = project.documents.list();
  const last = lastSegment(iri);
  const hit =
    docs.find((d) => d.id === keyOf(iri)) ??
    docs.find((d) => d.metadata.url === iri) ??
    docs.find((d) => d.name === last || d.metadata.sourcePath === last);
  return hit ? { key: `project:${hit.id}`, text: project.documents.text(hit.id), existing: hit.id } : undefined;
}

function lastSegment(iri: string): string {
  const clean = iri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const seg = decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  return seg.replace(/\.(txt|text|md|html?)$/i, '');
}
