import { GlossError, type ExportFormat, type ExportResult } from '../../../shared/index.ts';
import { exportAsFile, exportDocumentsAsync, type ExportArtifact } from '../interop/export.ts';
import type { Project } from '../project.ts';
import type { JobContext } from './registry.ts';

/** Fails the starting call, not the job, when a named document does not exist. */
export function checkDocumentIds(project: Project, documentIds: readonly string[] | undefined): void {
  if (!documentIds) return;
  const known = new Set(project.documents.list().map((d) => d.id));
  const missing = documentIds.filter((id) => !known.has(id));
  if (missing.length) throw new GlossError('not_found', `no document ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` (and ${missing.length - 3} more)` : ''}`);
}

/** An export job's work: the export, pausing between documents, as one file. */
export async function runExport(
  project: Project,
  format: ExportFormat,
  documentIds: readonly string[] | undefined,
  { signal, onProgress }: JobContext,
  labels?: readonly string[],
): Promise<ExportResult> {
  return exportResult(await exportDocumentsAsync(project, format, { documentIds, signal, onProgress, ...(labels ? { labels } : {}) }));
}

/** An export in the shape `project.export` answers with: text, or base64 for binary and zipped folder formats. */
export function exportResult(artifact: ExportArtifact): ExportResult {
  const file = exportAsFile(artifact);
  const warnings = artifact.warnings.length ? { warnings: artifact.warnings } : {};
  if (typeof file.data === 'string') return { fileName: file.fileName, mediaType: file.mediaType, content: file.data, ...warnings };
  return { fileName: file.fileName, mediaType: file.mediaType, content: Buffer.from(file.data).toString('base64'), base64: true, ...warnings };
}
