import os from 'node:os';
import path from 'node:path';

/** The folder where Gloss keeps its data by default, per platform conventions. */
export function appDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Gloss');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Gloss');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'gloss');
}

/** The project file used when none is named: `$GLOSS_DB`, else `default.gloss` in the data folder. */
export function defaultProjectPath(): string {
  return process.env.GLOSS_DB || path.join(appDataDir(), 'default.gloss');
}
