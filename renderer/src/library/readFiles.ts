import type { ImportFile } from '../../../shared/index.ts';

/** Reads picked or dropped files as base64, reporting progress after each; stops when the signal aborts. */
export async function readFilesForImport(files: readonly File[], onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const [i, file] of files.entries()) {
    signal?.throwIfAborted();
    const bytes = new Uint8Array(await file.arrayBuffer());
    out.push({ name: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name, base64: toBase64(bytes) });
    onProgress(i + 1, files.length);
  }
  signal?.throwIfAborted();
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/**
 * Files Gloss can import, by extension: documents (.txt .md .html .pdf .docx),
 * brat (.ann with its .txt, annotation.conf, visual.conf), Gloss or doccano
 * JSONL, W3C Web Annotation JSON(-LD) and REFI-QDA projects. A folder of
 * .txt/.ann pairs is recognised as brat by the backend.
 */
export const IMPORT_ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.xhtml,.pdf,.docx,.ann,.conf,.jsonl,.ndjson,.json,.jsonld,.qdpx';

/** The extensions named in messages. */
export const IMPORT_FORMATS_TEXT = '.txt, .md, .html, .pdf, .docx, brat (.ann, .conf), .jsonl, W3C .json and .qdpx';

/** Whether a picked, dropped or folder file is one Gloss reads (brat's other .conf files and READMEs are not). */
export function isImportable(name: string): boolean {
  const base = name.slice(name.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
  if (base.endsWith('.conf')) return base === 'annotation.conf' || base === 'visual.conf';
  return /\.(txt|text|md|markdown|html?|xhtml|pdf|docx|ann|jsonl|ndjson|json|jsonld|qdpx)$/.test(base);
}
