import type { ImportFile } from '../../../shared/index.ts';

/** Reads picked or dropped files as base64, reporting progress after each. */
export async function readFilesForImport(files: readonly File[], onProgress: (done: number, total: number) => void): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const [i, file] of files.entries()) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    out.push({ name: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name, base64: toBase64(bytes) });
    onProgress(i + 1, files.length);
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/** Files Gloss can import, by extension. */
export const IMPORT_ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.xhtml';

export function isImportable(name: string): boolean {
  return /\.(txt|text|md|markdown|html?|xhtml)$/i.test(name);
}
