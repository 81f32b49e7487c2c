import { fold, searchTokens, tokenSpans, type QueryNode, type SearchField } from './query.ts';

/** A record's searchable text by field, e.g. an annotation's quote, note, entity name. */
export type FieldTexts = Partial<Record<SearchField, readonly string[]>>;

/** Tokenized fields, computed once per record. */
export type FieldTokens = Partial<Record<SearchField, string[][]>>;

export function tokenizeFields(fields: FieldTexts): FieldTokens {
  const out: FieldTokens = {};
  for (const [k, texts] of Object.entries(fields) as [SearchField, readonly string[]][]) out[k] = texts.map(searchTokens);
  return out;
}

/**
 * Whether a record matches a query tree. Unqualified terms look in
 * `defaultFields`; a field-qualified term only in its field. A phrase matches
 * consecutive words of one text; a prefix matches the start of its last word.
 */
export function matchesQuery(node: QueryNode, fields: FieldTokens, defaultFields: readonly SearchField[]): boolean {
  switch (node.type) {
    case 'terms': {
      const where = node.field ? [node.field] : defaultFields;
      return where.some((f) => (fields[f] ?? []).some((words) => phraseAt(words, node.tokens, node.prefix) !== -1));
    }
    case 'not':
      return !matchesQuery(node.item, fields, defaultFields);
    case 'and':
      return node.items.every((i) => matchesQuery(i, fields, defaultFields));
    case 'or':
      return node.items.some((i) => matchesQuery(i, fields, defaultFields));
  }
}

/** The index of the first word where `phrase` starts in `words`, or -1. */
export function phraseAt(words: readonly string[], phrase: readonly string[], prefix: boolean, from = 0): number {
  const n = phrase.length;
  outer: for (let i = from; i + n <= words.length; i++) {
    for (let k = 0; k < n; k++) {
      const w = words[i + k]!;
      const p = phrase[k]!;
      if (k === n - 1 && prefix ? !w.startsWith(p) : w !== p) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * Where the first of `terms` occurs in `text` (UTF-16 offsets), the earliest
 * occurrence of any of them; null when none does. Used to scroll the reader
 * to a search hit.
 */
export function firstMatch(text: string, terms: readonly { tokens: string[]; prefix: boolean }[]): { start: number; end: number } | null {
  if (!terms.length) return null;
  const spans = tokenSpans(text);
  const words = spans.map((s) => s.token);
  let best: { start: number; end: number } | null = null;
  for (const t of terms) {
    const i = phraseAt(words, t.tokens, t.prefix);
    if (i === -1) continue;
    const start = spans[i]!.start;
    if (!best || start < best.start) best = { start, end: spans[i + t.tokens.length - 1]!.end };
  }
  return best;
}

export { fold };
