import fs from 'node:fs';
import path from 'node:path';
import { GlossError, type ImportFormat } from '../../../shared/index.ts';
import { MAX_IMPORT_BYTES } from '../import/decode.ts';
import { IMPORT_FORMATS, type ConcreteImportFormat } from './formats.ts';

/** One file to import: its name or relative path (for messages, grouping and the document name) and its bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

export type { ConcreteImportFormat };

/** Extension → format, from the one format table. */
const EXTENSIONS: Record<string, ConcreteImportFormat> = Object.fromEntries(
  (Object.entries(IMPORT_FORMATS) as [ConcreteImportFormat, { extensions: readonly string[] }][]).flatMap(([name, spec]) => spec.extensions.map((ext) => [ext, name])),
);

/** brat configuration files, read with the `.ann` files of their folder. */
const BRAT_CONFS = new Set(['annotation.conf', 'visual.conf']);

/** The format of a file by its extension, or undefined when Gloss does not read it. */
export function formatOfFile(name: string): ConcreteImportFormat | undefined {
  if (BRAT_CONFS.has(path.basename(name).toLowerCase())) return 'brat';
  return EXTENSIONS[path.extname(name).toLowerCase()];
}

/**
 * Reads files and folders (recursively, in name order; hidden files skipped).
 * In folders, files Gloss does not read are skipped; a file named on its own
 * must be readable. Names are kept relative to the named folder's parent, so
 * a brat folder's files stay together.
 */
export function readImportPaths(paths: readonly string[], format: ImportFormat = 'auto'): SourceFile[] {
  return walkImportPaths(paths, (p) => (format === 'auto' ? Boolean(formatOfFile(p)) : acceptsFile(format, p)), Object.keys(EXTENSIONS));
}

/**
 * Walks files and folders recursively, in name order, skipping hidden files.
 * In folders only files that `inFolder` accepts are read; a file named on its
 * own is always read. Every file is checked against the size limit first.
 */
export function walkImportPaths(paths: readonly string[], inFolder: (file: string) => boolean, readable: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (p: string, named: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new GlossError('import', `${p}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry.startsWith('.')) continue;
        visit(path.join(p, entry), false);
      }
      return;
    }
    if (!named && !inFolder(p)) return;
    if (stat.size > MAX_IMPORT_BYTES) {
      throw new GlossError('import', `${p}: file is too large to import (${(stat.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_IMPORT_BYTES / 1048576} MiB)`);
    }
    out.push({ name: p, bytes: fs.readFileSync(p) });
  };
  for (const p of paths) visit(p, true);
  if (!out.length) throw new GlossError('import', `${paths.join(', ')}: no importable files found (Gloss reads ${readable.join(' ')})`);
  return out;
}

/**
 * Whether a file found in a folder belongs to an import of the given format:
 * brat and W3C take their text files along; a document format named
 * explicitly reads every file, whatever its extension.
 */
function acceptsFile(format: ConcreteImportFormat, name: string): boolean {
  const f = formatOfFile(name);
  if (format === 'brat') return f === 'brat' || f === 'txt';
  if (format === 'w3c') return f === 'w3c' || f === 'txt';
  if (format === 'labelstudio') return f === 'w3c';
  if (format === 'jsonl' || format === 'qdpx') return f === format;
  return true;
}

/** A group of files parsed together: a brat folder, or one file of another format. */
export interface SourceGroup {
  format: ConcreteImportFormat;
  files: SourceFile[];
}

/**
 * Decides what each file is. With `auto`, every folder that holds `.ann`
 * files is a brat corpus (its `.txt` files and configuration included);
 * other files go by extension. An explicit format applies to every file,
 * except that brat and W3C imports keep their `.txt` files beside them.
 */
export function groupSources(files: readonly SourceFile[], format: ImportFormat): SourceGroup[] {
  const dirOf = (f: SourceFile) => path.posix.dirname(f.name.replace(/\\/g, '/'));
  const bratDirs = new Set(files.filter((f) => /\.ann$/i.test(f.name)).map(dirOf));
  const groups: SourceGroup[] = [];
  if (format === 'brat' || (format === 'auto' && bratDirs.size)) {
    const dirs = format === 'brat' ? new Set(files.map(dirOf)) : bratDirs;
    for (const dir of [...dirs].sort()) {
      const members = files.filter((f) => dirOf(f) === dir && (formatOfFile(f.name) === 'brat' || formatOfFile(f.name) === 'txt'));
      if (members.length) groups.push({ format: 'brat', files: members });
    }
  }
  const inBrat = new Set(groups.flatMap((g) => g.files));
  // brat folders hold other configuration (tools.conf, kb_shortcuts.conf) and READMEs: they travel along, unread.
  const bratGroupDirs = new Set(groups.map((g) => dirOf(g.files[0]!)));
  const rest = files.filter((f) => !inBrat.has(f) && !(bratGroupDirs.has(dirOf(f)) && !formatOfFile(f.name)));
  if (format === 'w3c') {
    // Text files travel with W3C annotations: they hold the documents' text.
    groups.push({ format: 'w3c', files: rest });
    return groups;
  }
  for (const f of rest) {
    if (format !== 'auto' && format !== 'brat') {
      groups.push({ format, files: [f] });
      continue;
    }
    const detected = sniff(f, formatOfFile(f.name));
    if (!detected || detected === 'brat') {
      throw new GlossError('import', `${f.name}: unknown file type "${path.extname(f.name) || '(none)'}"; use --format ${Object.keys(IMPORT_FORMATS).join(', ')}`);
    }
    groups.push({ format: detected, files: [f] });
  }
  return groups;
}

/**
 * A `.json` file is a W3C Web Annotation file or a Label Studio export: a
 * Label Studio export is a list of tasks (or one task), each with a `data`
 * object; W3C files have an `@context` or Annotation types. The first 64 kB
 * decide.
 */
export function sniff(f: SourceFile, byExtension: ConcreteImportFormat | undefined): ConcreteImportFormat | undefined {
  if (byExtension !== 'w3c') return byExtension;
  const head = Buffer.from(f.bytes.subarray(0, 65536)).toString('utf8');
  if (/"@context"|"AnnotationCollection"|"type"\s*:\s*"Annotation"/.test(head)) return 'w3c';
  if (/^\s*[[{]/.test(head) && /"data"\s*:\s*\{/.test(head)) return 'labelstudio';
  return 'w3c';
}
