import { GlossError, toApiError } from '../../shared/index.ts';
import { defaultProjectPath } from '../backend/paths.ts';
import type { Project } from '../backend/project.ts';
import { parseCommandLine } from './args.ts';
import type { CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { printable } from './escape.ts';
import { withChangeContext } from '../backend/provenance/context.ts';
import { describeDatabase } from '../backend/store/pg/migrate.ts';
import { isPostgresUrl } from '../backend/store/pg/sync/bridge.ts';

function usage(): string {
  // Each command's usage on its line and what it does indented below: usages are too long for one column.
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `Usage: gloss <command> [options]\n\nCommands:\n${lines.join('\n')}\n  help\n\nEvery command takes --db FILE or --db postgres://USER@HOST/DB (default: $GLOSS_DB, else ${defaultProjectPath()}).\nCommands that write take --annotator NAME (default: $GLOSS_ANNOTATOR, else the project's annotator).\n`;
}

/** Runs one CLI command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const name = argv[0];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!spec) throw new GlossError('validation', `unknown command "${name}"; run "gloss help"`);
  const { positionals, options } = parseCommandLine(argv, {
    valued: new Set(['db', ...(spec.writes ? ['annotator'] : []), ...(spec.valued ?? [])]),
    flags: new Set(['help', ...(spec.flags ?? [])]),
    usage: spec.usage,
  });
  if (options.has('help')) {
    process.stdout.write(
      `Usage: gloss ${spec.usage}\n  ${spec.summary}\n  --db FILE|postgres://USER@HOST/DB  the project (default: $GLOSS_DB, else ${defaultProjectPath()})\n` +
        (spec.writes ? '  --annotator NAME  who makes what this command writes (default: $GLOSS_ANNOTATOR, else the project\'s annotator)\n' : ''),
    );
    return 0;
  }
  const command = await spec.load();
  const db = options.get('db');
  const dbPath = typeof db === 'string' ? db : defaultProjectPath();
  let project: Project | undefined;
  const ctx: CommandContext = {
    positionals,
    options,
    dbPath,
    dbShown: isPostgresUrl(dbPath) ? describeDatabase(dbPath) : dbPath,
    json: options.has('json'),
    openProject: async () => {
      const { Project } = await import('../backend/project.ts');
      if (project) return project;
      project = await Project.open(dbPath);
      // A writing command's records are made by --annotator NAME, else $GLOSS_ANNOTATOR, else the project's annotator.
      const who = options.get('annotator') ?? process.env.GLOSS_ANNOTATOR;
      if (spec.writes && typeof who === 'string' && who !== '') project.useAnnotator(who);
      return project;
    },
  };
  try {
    // The change log records what the command writes as made through it.
    return await withChangeContext({ via: `gloss ${name}` }, () => command.run(ctx));
  } catch (err) {
    // SQLite's own errors ("database is locked", "FOREIGN KEY constraint failed") become ones that name the file and what to do.
    const { storeError } = await import('../backend/store/errors.ts');
    throw storeError(err, isPostgresUrl(dbPath) ? describeDatabase(dbPath) : dbPath);
  } finally {
    project?.close();
  }
}

/** Runs the CLI as a program: on any error, a one-line message on stderr and a non-zero exit. */
export async function run(argv: readonly string[]): Promise<void> {
  // A closed pipe (`gloss list | head`) is a normal end of output, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    const e = toApiError(err);
    process.stderr.write(`gloss: ${printable(e.message.replace(/\s*\n\s*/g, ' '))}\n`);
    process.exitCode = e.kind === 'validation' ? 2 : 1;
  }
}
