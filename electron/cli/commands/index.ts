import type { Command } from '../command.ts';
import { compareCommand } from './compare.ts';
import { entitiesCommand } from './entities.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { listCommand } from './list.ts';
import { propositionsCommand } from './propositions.ts';
import { serveCommand } from './serve.ts';

/** Every CLI command by name, in the order `gloss help` lists them. */
export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  list: listCommand,
  entities: entitiesCommand,
  propositions: propositionsCommand,
  compare: compareCommand,
  export: exportCommand,
  serve: serveCommand,
};
