import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The path of Electron's executable, or undefined when it is not installed.
 * `require('electron')` returns that path, and throws when the package was
 * installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD, or a failed
 * download of the optional dependency).
 */
export function electronBinary() {
  try {
    const bin = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
