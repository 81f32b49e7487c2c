import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { listCommand } from './list.ts';
import { serveCommand } from './serve.ts';

/** Every CLI command by name, in the order `gloss help` lists them. */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  list: listCommand,
  export: exportCommand,
  serve: serveCommand,
};
