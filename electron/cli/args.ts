import { GlossError } from '../../shared/index.ts';

export interface ParsedCommandLine {
  command: string | undefined;
  positionals: string[];
  options: Map<string, string | true>;
}

/** The options one command accepts: those that take a value and those that don't. */
export interface OptionSpec {
  valued: ReadonlySet<string>;
  flags: ReadonlySet<string>;
  /** The command's usage line, quoted in errors. */
  usage: string;
}

/**
 * Splits `COMMAND [ARGS] [--flag] [--opt VALUE | --opt=VALUE]`; options may follow
 * positionals and `--` ends them. Strict: an option the command does not take, a
 * value given to a flag, or a valued option without its value is an error naming
 * the option and the command's usage, so `--annotator ann-a` is never read as a path.
 */
export function parseCommandLine(argv: readonly string[], spec: OptionSpec): ParsedCommandLine {
  const [command, ...rest] = argv;
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const usage = `usage: gloss ${spec.usage}`;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (spec.valued.has(name)) {
        let value: string | undefined;
        if (eq !== -1) value = a.slice(eq + 1);
        else {
          const next = rest[i + 1];
          if (next !== undefined && !next.startsWith('--')) value = rest[++i];
        }
        if (value === undefined || value === '') throw new GlossError('validation', `option --${name} needs a value; ${usage}`);
        if (options.has(name)) throw new GlossError('validation', `option --${name} is given twice; ${usage}`);
        options.set(name, value);
      } else if (spec.flags.has(name)) {
        if (eq !== -1) throw new GlossError('validation', `option --${name} takes no value; ${usage}`);
        options.set(name, true);
      } else {
        throw new GlossError('validation', `unknown option --${name}; ${usage}`);
      }
    } else positionals.push(a);
  }
  return { command, positionals, options };
}
