import type { ImportFormat } from '../../../shared/index.ts';
import { decodeUtf8 } from '../import/decode.ts';
import type { ParsedDocument } from '../import/parsed.ts';
import type { Bundle } from './model.ts';
import type { RunOptions } from './progress.ts';
import type { SourceFile } from './sources.ts';
import type { FileEntry } from './zip.ts';

// Where a format goes: a folder of its own in electron/backend/interop/
// (`parse.ts`, `serialize.ts`), its entry in IMPORT_FORMATS below (extensions
// and parser, loaded only when used) and/or in EXPORTERS (export.ts), and its
// name in the shared contract (ImportFormatSchema, ExportFormatSchema).

/** A format Gloss reads; `auto` decides per file. */
export type ConcreteImportFormat = Exclude<ImportFormat, 'auto'>;

/** An export: one file, or a folder of files (brat). */
export type ExportArtifact =
  | { kind: 'file'; fileName: string; mediaType: string; data: string | Uint8Array; warnings: string[] }
  | { kind: 'folder'; name: string; files: FileEntry[]; warnings: string[] };

/** What a serializer gets besides the bundle. */
export interface SerializeContext extends RunOptions {
  /** ISO time of the export, written where the format has a place for it. */
  generated: string;
  /** Labels to write (CoNLL, spaCy, HF); all when absent. */
  labels?: readonly string[];
}

/** How a format's files are read. */
export type FormatParser =
  /** Plain documents: one file gives one document's text and blocks. */
  | { kind: 'document'; parse(file: SourceFile): Promise<ParsedDocument> }
  /** Annotated corpora: a group of files (a brat folder, or one file) gives a bundle. */
  | { kind: 'corpus'; parse(files: readonly SourceFile[], options: RunOptions): Promise<Bundle & { warnings?: string[] }> };

export interface FormatSpec {
  /** Extensions (lower case, with the dot) that select this format on import. */
  extensions: readonly string[];
  parser?: FormatParser;
}

/** A document parser whose module is loaded on first use, once. */
const doc = <M>(load: () => Promise<M>, parse: (m: M, file: SourceFile) => Promise<ParsedDocument> | ParsedDocument): FormatParser => {
  let module: M | undefined;
  return { kind: 'document', parse: async (file) => parse((module ??= await load()), file) };
};

const text = (file: SourceFile): string => decodeUtf8(file.bytes, file.name);

/** The formats, by the names the CLI and the contract use. */
export const IMPORT_FORMATS: Record<ConcreteImportFormat, FormatSpec> = {
  txt: { extensions: ['.txt', '.text'], parser: doc(() => import('./txt/parse.ts'), (m, f) => m.parseText(text(f))) },
  md: { extensions: ['.md', '.markdown'], parser: doc(() => import('./md/parse.ts'), (m, f) => m.parseMarkdown(text(f))) },
  // jsdom is large: loaded only when an HTML file is imported.
  html: { extensions: ['.html', '.htm', '.xhtml'], parser: doc(() => import('./html/parse.ts'), (m, f) => m.parseHtml(text(f), f.name)) },
  pdf: { extensions: ['.pdf'], parser: doc(() => import('./pdf/parse.ts'), (m, f) => m.parsePdf(f.bytes, f.name)) },
  docx: { extensions: ['.docx'], parser: doc(() => import('./docx/parse.ts'), (m, f) => m.parseDocx(f.bytes, f.name)) },
  brat: { extensions: ['.ann'], parser: { kind: 'corpus', parse: async (files, options) => (await import('./brat/index.ts')).parseBrat(files, options) } },
  jsonl: {
    extensions: ['.jsonl', '.ndjson'],
    parser: {
      kind: 'corpus',
      parse: async ([f]) => {
        const { parseJsonl } = await import('./jsonl/parse.ts');
        return parseJsonl(text(f!), f!.name, documentName(f!.name));
      },
    },
  },
  // W3C files are parsed last, against the documents of the batch (see import.ts); `.json` may also be Label Studio (sniffed).
  w3c: { extensions: ['.json', '.jsonld'] },
  labelstudio: {
    // `.json`, told apart from W3C by its content (sources.ts sniff).
    extensions: [],
    parser: { kind: 'corpus', parse: async ([f]) => (await import('./labelstudio/parse.ts')).parseLabelStudio(text(f!), f!.name) },
  },
  qdpx: { extensions: ['.qdpx'], parser: { kind: 'corpus', parse: async ([f]) => (await import('./qdpx/parse.ts')).parseQdpx(f!.bytes, f!.name) } },
};

/** The document name: the file's name without its extension. */
export function documentName(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
