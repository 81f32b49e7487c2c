// The search language users type, shared by document search (mapped to
// SQLite FTS5) and annotation search (evaluated over the annotations' fields).
//
//   rare earth          both words (AND is implied; AND may be written)
//   "rare earth"        the phrase
//   mine*               a prefix; the last bare word is a prefix too (search as you type)
//   lithium OR cobalt   either
//   NOT cobalt, -cobalt without
//   (a OR b) c          grouping
//   note:mining         a field: title/text for documents; quote, note, entity,
//                       proposition, label for annotations
//
// Operators are upper case, as in FTS5; a lower-case "or" is a word. The user's
// text never reaches FTS5 as written: it is parsed here into a tree and every
// word is re-quoted, so no input can be an FTS5 syntax error or an injection.

/** Why a query cannot be run, in words a user can act on. */
export class SearchSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchSyntaxError';
  }
}

/** Fields a term may name. Document search knows title/text; annotation search the others. */
export const SEARCH_FIELDS = ['title', 'text', 'quote', 'note', 'entity', 'proposition', 'label'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type QueryNode =
  /** One or more tokens in a row (a phrase when more than one); `prefix`: the last token is a prefix. */
  | { type: 'terms'; tokens: string[]; prefix: boolean; field?: SearchField }
  | { type: 'and'; items: QueryNode[] }
  | { type: 'or'; items: QueryNode[] }
  | { type: 'not'; item: QueryNode };

type Lexeme =
  | { kind: 'open' | 'close' | 'or' | 'and' | 'not'; at: number }
  | { kind: 'word'; text: string; quoted: boolean; prefix: boolean; field?: SearchField; at: number };

/**
 * Splits text into words as SQLite's unicode61 tokenizer does (letters,
 * digits, marks and `_`), lower-cased and without diacritics (as its
 * `remove_diacritics 2`), so that annotation search matches like document search.
 */
export function searchTokens(text: string): string[] {
  return tokenSpans(text).map((t) => t.token);
}

/** Each word of `text` with its UTF-16 offsets, folded as {@link searchTokens}. */
export function tokenSpans(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  const re = /[\p{L}\p{N}\p{M}_]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ token: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Lower case, diacritics removed. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function lex(input: string): { lexemes: Lexeme[]; endsWithBareWord: boolean } {
  const lexemes: Lexeme[] = [];
  let i = 0;
  let endsWithBareWord = false;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    endsWithBareWord = false;
    if (c === '(' || c === ')') {
      lexemes.push({ kind: c === '(' ? 'open' : 'close', at: i });
      i++;
      continue;
    }
    let negated = false;
    const start = i;
    if (c === '-' && i + 1 < n && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    // An optional field prefix: a known field name followed by a colon.
    let field: SearchField | undefined;
    const fm = /^([A-Za-z]+):(?=\S)/.exec(input.slice(i));
    if (fm && (SEARCH_FIELDS as readonly string[]).includes(fm[1]!.toLowerCase())) {
      field = fm[1]!.toLowerCase() as SearchField;
      i += fm[0].length;
    }
    if (negated) lexemes.push({ kind: 'not', at: start });
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close === -1) throw new SearchSyntaxError(`the quote opened at character ${i + 1} is not closed; close it, or remove it to search for the words`);
      let j = close + 1;
      const prefix = input[j] === '*';
      if (prefix) j++;
      lexemes.push({ kind: 'word', text: input.slice(i + 1, close), quoted: true, prefix, ...(field ? { field } : {}), at: i });
      i = j;
      continue;
    }
    let j = i;
    while (j < n && !/[\s()"]/.test(input[j]!)) j++;
    const raw = input.slice(i, j);
    i = j;
    if (!field && !negated && (raw === 'OR' || raw === 'AND' || raw === 'NOT')) {
      lexemes.push({ kind: raw === 'OR' ? 'or' : raw === 'AND' ? 'and' : 'not', at: start });
      continue;
    }
    const prefix = raw.endsWith('*');
    lexemes.push({ kind: 'word', text: prefix ? raw.replace(/\*+$/, '') : raw, quoted: false, prefix, ...(field ? { field } : {}), at: start });
    endsWithBareWord = !prefix && j === n;
  }
  return { lexemes, endsWithBareWord };
}

/**
 * Parses a query into a tree; null when it holds no word to search for
 * (empty, or only punctuation). Throws {@link SearchSyntaxError} for a
 * malformed query: an unclosed quote or parenthesis, an operator without its
 * term, or a query that only excludes.
 */
export function parseSearchQuery(input: string, options: { implicitPrefix?: boolean } = {}): QueryNode | null {
  const { lexemes, endsWithBareWord } = lex(input);
  let pos = 0;
  const peek = () => lexemes[pos];

  const orExpr = (): QueryNode | null => {
    const items: (QueryNode | null)[] = [andExpr()];
    while (peek()?.kind === 'or') {
      const op = lexemes[pos++]!;
      if (items[items.length - 1] === null || !startsTerm(peek())) throw new SearchSyntaxError(`"OR" at character ${op.at + 1} needs a search term on both sides, e.g. "lithium OR cobalt"`);
      items.push(andExpr());
    }
    const kept = items.filter((x): x is QueryNode => x !== null);
    if (kept.length <= 1) return kept[0] ?? null;
    return { type: 'or', items: kept };
  };

  const andExpr = (): QueryNode | null => {
    const items: QueryNode[] = [];
    for (;;) {
      const l = peek();
      if (!l || l.kind === 'or' || l.kind === 'close') break;
      if (l.kind === 'and') {
        pos++;
        if (!items.length || !startsTerm(peek())) throw new SearchSyntaxError(`"AND" at character ${l.at + 1} needs a search term on both sides, e.g. "lithium AND cobalt"`);
        continue;
      }
      const u = unary();
      if (u) items.push(u);
    }
    if (items.length <= 1) return items[0] ?? null;
    return { type: 'and', items };
  };

  const unary = (): QueryNode | null => {
    const l = lexemes[pos]!;
    if (l.kind === 'not') {
      pos++;
      if (!startsTerm(peek())) throw new SearchSyntaxError(`"NOT" at character ${l.at + 1} needs a term to exclude, e.g. "minerals NOT cobalt"`);
      const item = unary();
      return item ? { type: 'not', item } : null;
    }
    return primary();
  };

  const primary = (): QueryNode | null => {
    const l = lexemes[pos++]!;
    if (l.kind === 'open') {
      const inner = orExpr();
      if (peek()?.kind !== 'close') throw new SearchSyntaxError(`the parenthesis opened at character ${l.at + 1} is not closed`);
      pos++;
      return inner;
    }
    if (l.kind === 'close') throw new SearchSyntaxError(`the parenthesis at character ${l.at + 1} closes nothing`);
    if (l.kind !== 'word') throw new SearchSyntaxError(`unexpected "${l.kind.toUpperCase()}" at character ${l.at + 1}`);
    const tokens = searchTokens(l.text);
    if (!tokens.length) return null;
    return { type: 'terms', tokens, prefix: l.prefix, ...(l.field ? { field: l.field } : {}) };
  };

  const tree = orExpr();
  const rest = peek();
  if (rest) {
    if (rest.kind === 'close') throw new SearchSyntaxError(`the parenthesis at character ${rest.at + 1} closes nothing`);
    throw new SearchSyntaxError(`cannot read the query from character ${rest.at + 1}`);
  }
  if (!tree) return null;
  checkPositive(tree);
  if (options.implicitPrefix !== false && endsWithBareWord) markLastAsPrefix(tree);
  return tree;
}

function startsTerm(l: Lexeme | undefined): boolean {
  return !!l && (l.kind === 'word' || l.kind === 'open' || l.kind === 'not');
}

/** Every alternative must search for something: FTS5 (and sense) cannot list "everything but". */
function checkPositive(node: QueryNode): void {
  switch (node.type) {
    case 'terms':
      return;
    case 'not':
      throw new SearchSyntaxError('a search cannot only exclude: add a word to look for, e.g. "minerals NOT cobalt" or "minerals -cobalt"');
    case 'or':
      for (const item of node.items) {
        if (item.type === 'not') throw new SearchSyntaxError('"OR" cannot join an exclusion: write "(a OR b) NOT c" rather than "a OR NOT c"');
        checkPositive(item);
      }
      return;
    case 'and': {
      const positive = node.items.filter((i) => i.type !== 'not');
      if (!positive.length) throw new SearchSyntaxError('a search cannot only exclude: add a word to look for, e.g. "minerals NOT cobalt" or "minerals -cobalt"');
      for (const item of positive) checkPositive(item);
      for (const item of node.items) if (item.type === 'not') checkNegated(item.item);
      return;
    }
  }
}

function checkNegated(node: QueryNode): void {
  if (node.type === 'not') throw new SearchSyntaxError('a double exclusion ("NOT NOT" or "NOT -") is not a search; remove both');
  if (node.type !== 'terms') checkPositive(node);
}

/** The last positive word typed (when it ends the query) matches as a prefix. */
function markLastAsPrefix(node: QueryNode): void {
  if (node.type === 'terms') {
    node.prefix = true;
    return;
  }
  if (node.type === 'not') return;
  const last = node.items[node.items.length - 1];
  if (last) markLastAsPrefix(last);
}

/** The fields a tree names, to check them against what a search offers. */
export function fieldsOf(node: QueryNode): Set<SearchField> {
  const out = new Set<SearchField>();
  const visit = (n: QueryNode): void => {
    if (n.type === 'terms') {
      if (n.field) out.add(n.field);
    } else if (n.type === 'not') visit(n.item);
    else n.items.forEach(visit);
  };
  visit(node);
  return out;
}

/** The positive terms of a tree (not under NOT), in reading order: what to show as "the match". */
export function positiveTerms(node: QueryNode): Extract<QueryNode, { type: 'terms' }>[] {
  if (node.type === 'terms') return [node];
  if (node.type === 'not') return [];
  return node.items.flatMap(positiveTerms);
}
