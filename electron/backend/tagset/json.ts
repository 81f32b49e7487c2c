import { formatZodError, GlossError, PortableTagsetSchema, type PortableTagset } from '../../../shared/index.ts';

/** The Gloss tagset JSON format: lossless, with ids so an import can match labels that were renamed. */
export function tagsetToJson(tagset: PortableTagset): string {
  return JSON.stringify({ ...tagset, format: 'gloss-tagset', version: 1 }, null, 2) + '\n';
}

/**
 * Reads Gloss tagset JSON. Syntax errors name the file, line and column;
 * shape errors the file and the field. Names must be unique (ignoring case),
 * and relation types may name only labels the file defines.
 */
export function tagsetFromJson(text: string, file = 'tagset.json'): PortableTagset {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new GlossError('import', `${file}: not valid JSON${where(text, (err as Error).message)}`);
  }
  const parsed = PortableTagsetSchema.safeParse(raw);
  if (!parsed.success) throw new GlossError('import', `${file}: not a Gloss tagset: ${formatZodError(parsed.error)}`);
  const t = parsed.data;
  unique(t.labels.map((l) => l.name), 'label', file);
  unique(t.relationTypes.map((r) => r.name), 'relation type', file);
  const hotkeys = t.labels.flatMap((l) => (l.hotkey ? [l.hotkey] : []));
  const dupKey = hotkeys.find((h, i) => hotkeys.indexOf(h) !== i);
  if (dupKey) throw new GlossError('import', `${file}: hotkey ${dupKey} is given to two labels`);
  if (t.stances) {
    unique(t.stances.values, 'stance value', file);
    if (!t.stances.values.includes(t.stances.defaultValue)) throw new GlossError('import', `${file}: the default stance "${t.stances.defaultValue}" is not among the stance values`);
  }
  return t;
}

function unique(names: readonly string[], what: string, file: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.trim().toLowerCase();
    if (seen.has(k)) throw new GlossError('import', `${file}: ${what} "${n}" is defined twice`);
    seen.add(k);
  }
}

/** " at line L, column C" from a JSON.parse message that gives a position. */
function where(text: string, message: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return ` at line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return `: ${message}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}
