// `npm run typecheck`: tsc over the whole project. Where npm left the electron
// package out (a plain `npm install` on a machine that cannot download Electron's
// binary drops the optional dependency), the Electron glue has no types to be
// checked against: say so and check everything else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const hasElectronTypes = fs.existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'));
if (!hasElectronTypes) {
  console.error(
    'typecheck: the electron package is not installed, so the Electron glue (electron/main.ts, preload.ts, ipc.ts) is not type-checked; ' +
      'install it without its binary to check it too: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install',
  );
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', hasElectronTypes ? 'tsconfig.json' : 'tsconfig.no-electron.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
