import { GlossError, type DocumentSummary, type ImportFile, type ImportFormat } from '../../../shared/index.ts';
import { importFiles } from '../interop/import.ts';
import type { SourceFile } from '../interop/sources.ts';
import type { Project } from '../project.ts';
import type { JobContext } from './registry.ts';

/**
 * Decodes files sent as base64. Done before a job starts, so that a malformed
 * request fails the call that starts it rather than the job.
 */
export function decodeImportFiles(files: readonly ImportFile[]): SourceFile[] {
  return files.map((f) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.base64)) throw new GlossError('validation', `${f.name}: file content is not valid base64`);
    return { name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) };
  });
}

/** An import job's work: all or nothing unless `skipBad`, so a cancelled or failed job has stored nothing. */
export async function runImport(
  project: Project,
  sources: readonly SourceFile[],
  format: ImportFormat,
  { signal, onProgress, setDetails }: JobContext,
  mode: { skipBad?: boolean; dryRun?: boolean; annotator?: string } = {},
): Promise<DocumentSummary[]> {
  const result = await importFiles(project, sources, format, { signal, onProgress, ...mode });
  if (mode.skipBad || mode.dryRun) setDetails({ skipped: result.skipped, dryRun: result.dryRun });
  return result.documents;
}
