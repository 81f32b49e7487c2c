import path from 'node:path';
import { GlossError, type ImportFormat, type VersionReport } from '../../../shared/index.ts';
import { reanchor, type AnchorInput } from '../anchoring/index.ts';
import type { ParsedDocument } from '../import/parsed.ts';
import { IMPORT_FORMATS } from '../interop/formats.ts';
import { formatOfFile, type SourceFile } from '../interop/sources.ts';
import type { Project } from '../project.ts';
import { describeChange } from './summary.ts';
import { saveVersion, type SaveHooks, type StoredAnchor } from './save.ts';

const DOCUMENT_FORMATS = new Set(['txt', 'md', 'html', 'pdf', 'docx']);

/**
 * Reads a file as the text of a new version, with the importers' decoders:
 * txt, md, html, pdf or docx. Empty, binary and non-UTF-8 files, and files
 * that fail to import, get an error naming the file; formats that carry
 * annotations of their own are refused.
 */
export async function parseVersionFile(source: SourceFile, format: ImportFormat = 'auto'): Promise<ParsedDocument> {
  const concrete = format === 'auto' ? formatOfFile(source.name) : format;
  if (!concrete) {
    throw new GlossError('import', `${source.name}: unknown file type "${path.extname(source.name) || '(none)'}"; a new version is read from txt, md, html, pdf or docx`);
  }
  if (!DOCUMENT_FORMATS.has(concrete)) {
    throw new GlossError('import', `${source.name}: ${concrete} files carry annotations of their own; a new version is read from txt, md, html, pdf or docx`);
  }
  if (!source.bytes.length) throw new GlossError('import', `${source.name}: the file is empty`);
  let parsed: ParsedDocument;
  try {
    const parser = IMPORT_FORMATS[concrete].parser;
    if (parser?.kind !== 'document') throw new GlossError('import', `${source.name}: ${concrete} files cannot be read as a new version`);
    parsed = await parser.parse(source);
  } catch (err) {
    if (err instanceof GlossError) throw err.message.includes(source.name) ? err : new GlossError(err.kind, `${source.name}: ${err.message}`);
    throw new GlossError('import', `${source.name}: ${(err as Error).message}`);
  }
  if (!parsed.text.trim()) throw new GlossError('import', `${source.name}: the file holds no text`);
  return parsed;
}

/** The re-anchoring inputs for stored annotations (orphans searched by quote and context only). */
export function anchorInputs(anchors: readonly StoredAnchor[]): AnchorInput[] {
  return anchors.map((a) => ({ id: a.id, ranges: a.ranges, quote: a.quote, prefix: a.prefix, suffix: a.suffix, orphaned: a.anchor === 'orphaned' }));
}

/**
 * Makes a file's text the document's next version and re-anchors every
 * annotation (see electron/backend/anchoring). All or nothing: a bad file or
 * an unknown document changes nothing; so does a text equal to the current one.
 */
export async function updateFromFile(
  project: Project,
  documentId: string,
  source: SourceFile,
  options: { format?: ImportFormat; summary?: string; hooks?: SaveHooks } = {},
): Promise<VersionReport> {
  const current = project.documents.get(documentId); // a clear not_found before the file is read
  const parsed = await parseVersionFile(source, options.format);
  if (parsed.text === project.documents.text(documentId)) {
    throw new GlossError('conflict', `${source.name}: the text is the same as the current version of "${current.title}"; no new version was made`);
  }
  const file = path.basename(source.name);
  return saveVersion(
    project,
    documentId,
    {
      text: parsed.text,
      blocks: parsed.blocks,
      title: parsed.title || current.title,
      metadata: { ...parsed.metadata, sourcePath: file },
      summary: options.summary?.trim() || `From ${file}: ${describeChange(current.text, parsed.text)}`,
      source: 'file',
    },
    (oldText, anchors) => reanchor(oldText, parsed.text, anchorInputs(anchors)),
    options.hooks,
  );
}
