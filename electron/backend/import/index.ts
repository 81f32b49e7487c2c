import type { DocumentSummary, ImportFormat } from '../../../shared/index.ts';
import { importFiles } from '../interop/import.ts';
import type { InteropProgress } from '../interop/progress.ts';
import { readImportPaths, type SourceFile } from '../interop/sources.ts';
import type { Project } from '../project.ts';

// Documents without annotations go through the same pipeline as every other
// format (electron/backend/interop/import.ts); these two names stay for the
// callers that import plain documents.

/** One file to import: its name or path (for messages and the document name) and its bytes. */
export type ImportSource = SourceFile;

export { documentName } from '../interop/formats.ts';

/** Reads files and folders of importable files (recursively, in name order). */
export function readSources(paths: readonly string[], format: ImportFormat = 'auto'): ImportSource[] {
  return readImportPaths(paths, format);
}

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

/** Imports a batch, all or nothing, and returns the new documents. */
export async function importSources(
  project: Project,
  sources: readonly ImportSource[],
  format: ImportFormat = 'auto',
  onProgress?: (p: ImportProgress) => void,
): Promise<DocumentSummary[]> {
  const report = onProgress && ((p: InteropProgress) => p.phase === 'parse' && p.item !== undefined && onProgress({ done: p.done + 1, total: p.total, file: p.item }));
  return (await importFiles(project, sources, format, report ? { onProgress: report } : {})).documents;
}
