import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { GlossError, type DocumentSummary, type ImportFormat } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import type { NewDocument } from '../store/documents.ts';
import { walkImportPaths } from '../interop/sources.ts';
import { decodeUtf8 } from './decode.ts';
import { parseMarkdown } from './markdown.ts';
import { pauser } from './pause.ts';
import type { ParsedDocument } from './parsed.ts';
import { parseText } from './txt.ts';

/** One file to import: its name or path (for messages and the document name) and its bytes. */
export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>;

const EXTENSIONS: Record<string, ConcreteFormat> = {
  '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xhtml': 'html',
};

/** The format of a file by its extension, or undefined when Gloss does not read it. */
export function formatOf(name: string): ConcreteFormat | undefined {
  return EXTENSIONS[path.extname(name).toLowerCase()];
}

/** The document name: the file's name without its extension. */
export function documentName(file: string): string {
  const base = path.basename(file.replace(/\\/g, '/'));
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/**
 * Reads files and folders of documents (recursively, in name order). In
 * folders, files of other formats and hidden files are skipped; a named file
 * must be readable.
 */
export function readSources(paths: readonly string[], format: ImportFormat = 'auto'): ImportSource[] {
  return walkImportPaths(paths, (p) => format !== 'auto' || Boolean(formatOf(p)), Object.keys(EXTENSIONS));
}

/** Parses one file; errors name the file and, where there is one, the line. */
export async function parseSource(source: ImportSource, format: ImportFormat = 'auto'): Promise<ParsedDocument> {
  const concrete = format === 'auto' ? formatOf(source.name) : format;
  if (!concrete) {
    throw new GlossError('import', `${source.name}: unknown file type "${path.extname(source.name) || '(none)'}"; use --format txt, md or html`);
  }
  // PDF and DOCX are binary documents; brat, JSONL, W3C and .qdpx carry annotations (electron/backend/interop).
  if (concrete === 'pdf' || concrete === 'docx') return (await import('../interop/documents.ts')).parseBinaryDocument(source, concrete);
  if (concrete !== 'txt' && concrete !== 'md' && concrete !== 'html') {
    throw new GlossError('unsupported', `${source.name}: ${concrete} files carry annotations; import them with importFiles (electron/backend/interop/import.ts)`);
  }
  const text = decodeUtf8(source.bytes, source.name);
  try {
    switch (concrete) {
      case 'txt': return parseText(text);
      case 'md': return parseMarkdown(text);
      // jsdom is large: loaded only when an HTML file is imported.
      case 'html': return (await import('./html.ts')).parseHtml(text, source.name);
    }
  } catch (err) {
    if (err instanceof GlossError) throw err;
    throw new GlossError('import', `${source.name}: ${(err as Error).message}`);
  }
}

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

/**
 * Imports a batch, all or nothing: every file is parsed first, and only when
 * all succeed are they stored, in one transaction.
 */
export async function importSources(
  project: Project,
  sources: readonly ImportSource[],
  format: ImportFormat = 'auto',
  onProgress?: (p: ImportProgress) => void,
): Promise<DocumentSummary[]> {
  const docs: NewDocument[] = [];
  const pause = pauser();
  for (const [i, source] of sources.entries()) {
    await pause(); // other calls are served while a big batch parses
    const parsed = await parseSource(source, format);
    if (!parsed.text.trim()) throw new GlossError('import', `${source.name}: the file holds no text`);
    onProgress?.({ done: i + 1, total: sources.length, file: source.name });
    docs.push({
      id: randomUUID(),
      name: documentName(source.name),
      title: parsed.title || documentName(source.name),
      text: parsed.text,
      blocks: parsed.blocks,
      metadata: { ...parsed.metadata, sourcePath: path.basename(source.name) },
      contentHash: createHash('sha256').update(parsed.text).digest('hex'),
    });
  }
  project.transaction(() => {
    for (const d of docs) project.documents.insert(d);
  });
  const ids = new Set(docs.map((d) => d.id));
  return project.documents.list().filter((d) => ids.has(d.id));
}
