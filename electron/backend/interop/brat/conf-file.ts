import { GlossError } from '../../../../shared/index.ts';

/** One type line of a brat configuration file, after macro expansion. */
export interface ConfEntry {
  /** 1-based line number, for messages. */
  line: number;
  /** Indentation: brat's type hierarchy. */
  depth: number;
  /** The type name (first term), without a leading "!". */
  name: string;
  /** Further `|`-separated terms: display names in visual.conf, aliases elsewhere. */
  terms: string[];
  /** The `KEY:VALUE` arguments after the name. */
  args: ConfArg[];
  /** "!Type": a hierarchy node that is not itself used for annotation. */
  abstract: boolean;
}

export interface ConfArg {
  key: string;
  values: string[];
}

/** A `# gloss: {…}` comment: what Gloss keeps in a brat file that brat cannot express. */
export interface ConfMeta {
  line: number;
  value: Record<string, unknown>;
}

export interface ParsedConf {
  sections: Map<string, ConfEntry[]>;
  meta: ConfMeta[];
  warnings: string[];
}

const META = /^\s*#\s*gloss:\s*(\{.*)$/;

/**
 * Reads a brat configuration file (annotation.conf or visual.conf) as brat
 * does: `[section]` headers, `#` comments, `<MACRO>=value` definitions (per
 * section), and one type per line with comma-separated `KEY:VALUE`
 * arguments. In sections named in `tabSeparated` the arguments follow a tab.
 * Errors name the file and line.
 */
export function parseConf(text: string, file: string, known: readonly string[], tabSeparated: readonly string[] = []): ParsedConf {
  const sections = new Map<string, ConfEntry[]>();
  const meta: ConfMeta[] = [];
  const warnings: string[] = [];
  let section: string | undefined;
  let macros = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const at = `${file}:${n}`;
    const m = META.exec(raw);
    if (m) {
      let value: unknown;
      try {
        value = JSON.parse(m[1]!);
      } catch {
        throw new GlossError('import', `${at}: a "# gloss: {…}" comment must hold a JSON object`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new GlossError('import', `${at}: a "# gloss: {…}" comment must hold a JSON object`);
      meta.push({ line: n, value: value as Record<string, unknown> });
      continue;
    }
    if (!raw.trim() || /^\s*#/.test(raw)) continue;
    const header = /^\s*\[(.*)\]\s*$/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      macros = new Map();
      if (!known.includes(section)) warnings.push(`${at}: section [${section}] is not one Gloss reads; its lines were skipped`);
      if (!sections.has(section)) sections.set(section, []);
      continue;
    }
    if (section === undefined) throw new GlossError('import', `${at}: "${raw.trim()}" comes before any [section] header`);
    if (/^\s*-+\s*$/.test(raw)) continue; // a display separator
    const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/.exec(raw);
    if (macro) {
      macros.set(`<${macro[1]}>`, macro[2]!);
      continue;
    }
    let line = raw;
    for (const [name, value] of macros) line = line.split(name).join(value);
    const parts = tabSeparated.includes(section) ? /^(\s*)([^\t]+)(?:\t(.*))?$/.exec(line) : /^(\s*)(\S+)(?:\s+(.*))?$/.exec(line);
    if (!parts) throw new GlossError('import', `${at}: cannot read "${raw.trim()}"`);
    const terms = parts[2]!.split('|').map((t) => t.trim()).filter(Boolean);
    if (!terms.length) throw new GlossError('import', `${at}: a type name is missing`);
    let name = terms[0]!;
    const abstract = name.startsWith('!');
    if (abstract) name = name.slice(1);
    if (!name) throw new GlossError('import', `${at}: a type name is missing`);
    const args: ConfArg[] = [];
    for (const a of (parts[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const kv = /^(\S*?):(\S*)$/.exec(a);
      if (!kv) throw new GlossError('import', `${at}: cannot read "${a}" (expected KEY:VALUE)`);
      args.push({ key: kv[1]!, values: kv[2]!.split('|').map((v) => v.trim()).filter(Boolean) });
    }
    sections.get(section)!.push({ line: n, depth: parts[1]!.length, name, terms: terms.slice(1), args, abstract });
  }
  return { sections, meta, warnings };
}
