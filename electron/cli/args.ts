import { GlossError } from '../../shared/index.ts';

export interface ParsedCommandLine {
  command: string | undefined;
  positionals: string[];
  options: Map<string, string | true>;
}

/** Splits `COMMAND [ARGS] [--flag] [--opt VALUE | --opt=VALUE]`. Options may follow positionals. */
export function parseCommandLine(argv: readonly string[], valued: ReadonlySet<string>): ParsedCommandLine {
  const [command, ...rest] = argv;
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (eq !== -1) options.set(name, a.slice(eq + 1));
      else if (valued.has(name)) {
        const v = rest[++i];
        if (v === undefined) throw new GlossError('validation', `option --${name} needs a value`);
        options.set(name, v);
      } else options.set(name, true);
    } else positionals.push(a);
  }
  return { command, positionals, options };
}
