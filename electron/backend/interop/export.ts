import type { ExportFormat } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { serializeBrat } from './brat/index.ts';
import type { ExportArtifact, SerializeContext } from './formats.ts';
import { jsonlLines } from './jsonl/serialize.ts';
import type { Bundle } from './model.ts';
import { serializeConll } from './conll/serialize.ts';
import { serializeCsv } from './csv/serialize.ts';
import { serializeHf } from './hf/serialize.ts';
import { serializeHtmlReport } from './html/report.ts';
import { serializeLabelStudio } from './labelstudio/serialize.ts';
import { loadBundleSteps } from './load.ts';
import type { RunOptions } from './progress.ts';
import { serializeQdpx } from './qdpx/serialize.ts';
import { serializeSpacy } from './spacy/serialize.ts';
import { runSteps, runStepsAsync, type Steps } from './steps.ts';
import { serializeW3c } from './w3c/serialize.ts';
import { zipFiles } from './zip.ts';

/** Writes a bundle in a format; yields between documents (or lines) where the work is long. */
/* eslint-disable require-yield -- every exporter is a generator so that long ones can pause; short ones need not */
type Exporter = (bundle: Bundle, ctx: SerializeContext) => Steps<Omit<ExportArtifact, 'warnings'> & { warnings?: string[] }>;

/** Every export format, by the name the CLI and the contract use. */
export const EXPORTERS = {
  *brat(bundle, ctx) {
    const out = serializeBrat(bundle, ctx);
    const warnings = [...out.warnings];
    if (out.dropped) warnings.unshift(`${out.dropped} relation(s) across documents were left out: brat relations stay within a document`);
    return { kind: 'folder', name: 'gloss-brat', files: out.files, warnings };
  },
  *w3c(bundle, ctx) {
    // Indented for reading when small; compact when large (indentation doubles the size).
    // The serializer writes compact text; re-indenting a small export through JSON.parse costs little.
    const annotations = bundle.documents.reduce((n, d) => n + d.annotations.length, 0);
    const compact = serializeW3c(bundle, ctx);
    const json = annotations <= 5000 ? JSON.stringify(JSON.parse(compact), null, 2) : compact;
    return { kind: 'file', fileName: 'gloss-annotations.jsonld', mediaType: 'application/ld+json', data: json + '\n' };
  },
  *jsonl(bundle) {
    const lines: string[] = [];
    for (const line of jsonlLines(bundle)) {
      lines.push(line);
      yield;
    }
    return { kind: 'file', fileName: 'gloss-export.jsonl', mediaType: 'application/x-ndjson', data: lines.join('') };
  },
  *conll(bundle, ctx) {
    return { kind: 'file', fileName: 'gloss-export.conll', mediaType: 'text/plain; charset=utf-8', data: serializeConll(bundle, ctx) };
  },
  *csv(bundle) {
    return { kind: 'file', fileName: 'gloss-annotations.csv', mediaType: 'text/csv; charset=utf-8', data: serializeCsv(bundle) };
  },
  *qdpx(bundle, ctx) {
    const out = serializeQdpx(bundle, ctx);
    return { kind: 'file', fileName: 'gloss-project.qdpx', mediaType: 'application/zip', data: out.bytes, warnings: out.warnings };
  },
  *labelstudio(bundle) {
    const out = serializeLabelStudio(bundle);
    return { kind: 'file', fileName: 'gloss-labelstudio.json', mediaType: 'application/json', data: out.json, warnings: out.warnings };
  },
  *spacy(bundle, ctx) {
    const out = serializeSpacy(bundle, ctx);
    return { kind: 'file', fileName: 'gloss-docs.spacy', mediaType: 'application/octet-stream', data: out.bytes, warnings: out.warnings };
  },
  *hf(bundle, ctx) {
    return { kind: 'file', fileName: 'gloss-dataset.jsonl', mediaType: 'application/x-ndjson', data: serializeHf(bundle, ctx) };
  },
  *html(bundle, ctx) {
    return { kind: 'file', fileName: 'gloss-report.html', mediaType: 'text/html; charset=utf-8', data: serializeHtmlReport(bundle, ctx) };
  },
} satisfies Record<ExportFormat, Exporter>;
/* eslint-enable require-yield */

export type InteropExportFormat = keyof typeof EXPORTERS;

/** Formats whose ids Gloss keeps on import and writes again (see SourceIdStore). */
const ID_SCHEMES: Partial<Record<InteropExportFormat, string>> = { brat: 'brat', qdpx: 'qdpx', labelstudio: 'labelstudio' };
export type { ExportArtifact };

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

/** What an export takes besides the format: the documents (all when absent), the labels to tag (conll, spacy, hf), one annotator's layer (all when absent), progress and cancel. */
export type ExportOptions = RunOptions & { documentIds?: readonly string[]; labels?: readonly string[]; annotator?: string };

/** The export, yielding after each document read (and where the serializer yields). */
function* exportSteps(project: Project, format: InteropExportFormat, options: ExportOptions): Steps<ExportArtifact> {
  const scheme = ID_SCHEMES[format];
  const bundle = yield* loadBundleSteps(project, options.documentIds, { ...options, ...(scheme ? { idScheme: scheme } : {}) });
  const warnings: string[] = [];
  if (bundle.dropped) warnings.push(`${bundle.dropped} relation(s) into documents outside the export were left out`);
  if (bundle.orphaned) {
    warnings.push(`${bundle.orphaned} orphaned annotation(s) were not exported as spans: their text is gone from the current version (see Needs review), and so were their relations`);
  }
  const ctx: SerializeContext = { ...options, generated: new Date().toISOString(), ...(options.labels ? { labels: options.labels } : {}) };
  const out = yield* (EXPORTERS[format] as Exporter)(bundle, ctx);
  return { ...out, warnings: [...warnings, ...(out.warnings ?? [])] } as ExportArtifact;
}

/** An export as one file for transports that carry a single file: a folder export is zipped. */
export function exportAsFile(artifact: ExportArtifact): { fileName: string; mediaType: string; data: string | Uint8Array } {
  if (artifact.kind === 'file') return artifact;
  return { fileName: `${artifact.name}.zip`, mediaType: 'application/zip', data: zipFiles(artifact.files.map((f) => ({ path: `${artifact.name}/${f.path}`, data: f.data }))) };
}
