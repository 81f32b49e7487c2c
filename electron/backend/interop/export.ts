import { jsonlLines } from '../export/jsonl.ts';
import type { Project } from '../project.ts';
import { serializeBrat } from './brat/index.ts';
import { serializeConll } from './conll/serialize.ts';
import { serializeCsv } from './csv/serialize.ts';
import { serializeHtmlReport } from './html/report.ts';
import { loadBundleSteps } from './load.ts';
import type { RunOptions } from './progress.ts';
import { serializeQdpx } from './qdpx/serialize.ts';
import { runSteps, runStepsAsync, type Steps } from './steps.ts';
import { serializeW3c } from './w3c/serialize.ts';
import { zipFiles, type FileEntry } from './zip.ts';

export const EXPORT_FORMATS = ['brat', 'w3c', 'jsonl', 'conll', 'csv', 'qdpx', 'html'] as const;
export type InteropExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export: one file, or a folder of files (brat). */
export type ExportArtifact =
  | { kind: 'file'; fileName: string; mediaType: string; data: string | Uint8Array; warnings: string[] }
  | { kind: 'folder'; name: string; files: FileEntry[]; warnings: string[] };

/**
 * Exports documents (all, or those named) in a format. Progress is reported
 * per document; aborting stops at the next one. Warnings say what the format
 * could not hold (e.g. relations into documents left out of the export).
 */
export function exportDocuments(project: Project, format: InteropExportFormat, options: ExportOptions = {}): ExportArtifact {
  return runSteps(exportSteps(project, format, options));
}

/**
 * {@link exportDocuments} for background jobs: the same work, pausing between
 * documents so that other calls (status polls, cancel) get through. Rejects
 * with the signal's reason once it aborts.
 */
export function exportDocumentsAsync(project: Project, format: InteropExportFormat, options: ExportOptions = {}): Promise<ExportArtifact> {
  return runStepsAsync(exportSteps(project, format, options), options.signal);
}

/** What an export takes besides the format: the documents (all when absent), progress and cancel. */
export type ExportOptions = RunOptions & { documentIds?: readonly string[] };

/** The export, yielding after each document read (and each JSONL line written). */
function* exportSteps(project: Project, format: InteropExportFormat, options: ExportOptions): Steps<ExportArtifact> {
  const bundle = yield* loadBundleSteps(project, options.documentIds, options);
  const warnings: string[] = [];
  if (bundle.dropped) warnings.push(`${bundle.dropped} relation(s) into documents outside the export were left out`);
  if (bundle.orphaned) {
    warnings.push(`${bundle.orphaned} orphaned annotation(s) were not exported as spans: their text is gone from the current version (see Needs review), and so were their relations`);
  }
  const generated = new Date().toISOString();
  switch (format) {
    case 'brat': {
      const out = serializeBrat(bundle, options);
      if (out.dropped) warnings.push(`${out.dropped} relation(s) across documents were left out: brat relations stay within a document`);
      return { kind: 'folder', name: 'gloss-brat', files: out.files, warnings: [...warnings, ...out.warnings] };
    }
    case 'w3c': {
      // Indented for reading when small; compact when large (indentation doubles the size).
      // The serializer writes compact text; re-indenting a small export through JSON.parse costs little.
      const annotations = bundle.documents.reduce((n, d) => n + d.annotations.length, 0);
      const compact = serializeW3c(bundle, { ...options, generated });
      const json = annotations <= 5000 ? JSON.stringify(JSON.parse(compact), null, 2) : compact;
      return { kind: 'file', fileName: 'gloss-annotations.jsonld', mediaType: 'application/ld+json', data: json + '\n', warnings };
    }
    case 'jsonl': {
      const lines: string[] = [];
      for (const line of jsonlLines(bundle)) {
        lines.push(line);
        yield;
      }
      return { kind: 'file', fileName: 'gloss-export.jsonl', mediaType: 'application/x-ndjson', data: lines.join(''), warnings };
    }
    case 'conll':
      return { kind: 'file', fileName: 'gloss-export.conll', mediaType: 'text/plain; charset=utf-8', data: serializeConll(bundle), warnings };
    case 'csv':
      return { kind: 'file', fileName: 'gloss-annotations.csv', mediaType: 'text/csv; charset=utf-8', data: serializeCsv(bundle), warnings };
    case 'qdpx':
      return { kind: 'file', fileName: 'gloss-project.qdpx', mediaType: 'application/zip', data: serializeQdpx(bundle, { ...options, generated }).bytes, warnings };
    case 'html':
      return { kind: 'file', fileName: 'gloss-report.html', mediaType: 'text/html; charset=utf-8', data: serializeHtmlReport(bundle, { generated }), warnings };
  }
}

/** An export as one file for transports that carry a single file: a folder export is zipped. */
export function exportAsFile(artifact: ExportArtifact): { fileName: string; mediaType: string; data: string | Uint8Array } {
  if (artifact.kind === 'file') return artifact;
  return { fileName: `${artifact.name}.zip`, mediaType: 'application/zip', data: zipFiles(artifact.files.map((f) => ({ path: `${artifact.name}/${f.path}`, data: f.data }))) };
}
