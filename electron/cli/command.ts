import { GlossError, type MethodsOf, type ParsedArgs, type Result } from '../../shared/index.ts';
import { callContext, type HandlerContext, type HandlerMap } from '../backend/api/handler.ts';
import type { Project } from '../backend/project.ts';
import { terminalSafeJson } from './escape.ts';

/** What a command receives: its positionals and options, and a way to open the project. */
export interface CommandContext {
  positionals: string[];
  options: Map<string, string | true>;
  /** The project file or PostgreSQL URL, as given (a URL may hold its password). */
  dbPath: string;
  /** The same for messages: a URL without its password. */
  dbShown: string;
  json: boolean;
  /** Opens the project named by --db; the runner closes it when the command returns. */
  openProject(): Promise<Project>;
}

/** What a command does; loaded only when that command runs, so `gloss list` never loads the importers. */
export interface CommandRun {
  run(ctx: CommandContext): Promise<number>;
}

/** A command as `gloss help` lists it and as its command line is checked. */
export interface CommandSpec {
  /** One usage line, e.g. `list [--json]`. */
  usage: string;
  summary: string;
  /** Options that take a value (`--out FILE`), besides `--db`. */
  valued?: readonly string[];
  /** Options that take no value (`--json`), besides `--help`. */
  flags?: readonly string[];
  /**
   * Whether the command writes to the project: its writes are recorded under
   * `--annotator NAME` (accepted for every writing command), else
   * `$GLOSS_ANNOTATOR`, else the project's annotator.
   */
  writes?: boolean;
  load(): Promise<CommandRun>;
}

export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.options.get(name);
  if (v === true) throw new GlossError('validation', `option --${name} needs a value`);
  return v;
}

/** Writes exactly one JSON value to stdout (bidi and C1 controls as `\uXXXX` escapes: the same value, inert on a terminal). */
export function printJson(value: unknown): void {
  process.stdout.write(terminalSafeJson(JSON.stringify(value, null, 2)) + '\n');
}

type CliDomain = 'documents' | 'labels' | 'entities' | 'propositions' | 'users' | 'team' | 'history';

/** The domains whose methods the CLI calls, each loaded on first use (a command loads only what it calls). */
const DOMAINS: { [D in CliDomain]: () => Promise<HandlerMap<D>> } = {
  documents: async () => (await import('../backend/api/documents.ts')).documentHandlers,
  labels: async () => (await import('../backend/api/labels.ts')).labelHandlers,
  entities: async () => (await import('../backend/api/entities.ts')).entityHandlers,
  propositions: async () => (await import('../backend/api/propositions.ts')).propositionHandlers,
  users: async () => (await import('../backend/api/users.ts')).userHandlers,
  team: async () => (await import('../backend/api/team.ts')).teamHandlers,
  history: async () => (await import('../backend/api/history.ts')).historyHandlers,
};

type CliMethod = MethodsOf<CliDomain>;

/**
 * Calls a backend method in process, through the same handlers (and the
 * services and repositories behind them) as the app and the local server: the
 * CLI never reaches into the repositories itself. `args` are as a handler
 * receives them (checked by the compiler, defaults given).
 */
export async function call<M extends CliMethod>(project: Project, method: M, args: ParsedArgs<M>): Promise<Result<M>> {
  const domain = method.slice(0, method.indexOf('.')) as CliDomain;
  const handlers = (await DOMAINS[domain]()) as unknown as Record<M, (a: ParsedArgs<M>, ctx: HandlerContext) => Result<M> | Promise<Result<M>>>;
  // The CLI is the project file's owner: no caller, writes under the project's (or --annotator's) name.
  return handlers[method](args, callContext(project));
}

/** Finds documents by id, name or title (`--docs a,b`); undefined means all. */
export async function resolveDocuments(project: Project, keys: readonly string[]): Promise<string[]> {
  const docs = await call(project, 'documents.list', {});
  return keys.map((key) => {
    const doc = docs.find((d) => d.id === key) ?? docs.find((d) => d.name === key) ?? docs.find((d) => d.title === key);
    if (!doc) throw new GlossError('not_found', `no document with id, name or title "${key}"`);
    return doc.id;
  });
}
