import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { GlossError } from '../../../shared/index.ts';

/** One file of a folder-shaped export or a zip: a relative POSIX path and its content. */
export interface FileEntry {
  path: string;
  data: string | Uint8Array;
}

/** Zips files (deflated); text is written as UTF-8. */
export function zipFiles(files: readonly FileEntry[]): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [typeof f.data === 'string' ? strToU8(f.data) : f.data, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }];
  return zipSync(tree);
}

/** Unzips an archive into its files (folders skipped); a clear error naming the file when it is not a zip. */
export function unzipFiles(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new GlossError('import', `${file}: not a valid zip archive (${(err as Error).message})`);
  }
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
}

/** Decodes UTF-8 bytes from an archive entry. */
export function utf8(bytes: Uint8Array): string {
  return strFromU8(bytes);
}
