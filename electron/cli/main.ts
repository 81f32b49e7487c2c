import { GlossError, toApiError } from '../../shared/index.ts';
import { defaultProjectPath } from '../backend/paths.ts';
import { Project } from '../backend/project.ts';
import { parseCommandLine } from './args.ts';
import type { CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';

function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return `Usage: gloss <command> [options]\n\nCommands:\n${lines.join('\n')}\n  help\n\nEvery command takes --db FILE (default: $GLOSS_DB, else ${defaultProjectPath()}).\n`;
}

/** Runs one CLI command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const name = argv[0];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new GlossError('validation', `unknown command "${name}"; run "gloss help"`);
  const { positionals, options } = parseCommandLine(argv, new Set(['db', ...(command.valued ?? [])]));
  const db = options.get('db');
  if (db === true) throw new GlossError('validation', 'option --db needs a file');
  let project: Project | undefined;
  const ctx: CommandContext = {
    positionals,
    options,
    dbPath: db ?? defaultProjectPath(),
    json: options.has('json'),
    openProject: async () => (project ??= await Project.open(db ?? defaultProjectPath())),
  };
  try {
    return await command.run(ctx);
  } finally {
    project?.close();
  }
}

/** Runs the CLI as a program: on any error, a one-line message on stderr and a non-zero exit. */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    const e = toApiError(err);
    process.stderr.write(`gloss: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = e.kind === 'validation' ? 2 : 1;
  }
}
