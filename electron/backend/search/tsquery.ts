import { GlossError, searchTokens, type QueryNode } from '../../../shared/index.ts';
import { parseQuery } from './fts.ts';

/** Weights of the document vector's parts (see store/pg/migrations.ts): the title's words A, the text's B. */
const FIELD_WEIGHT = { title: 'A', text: 'B' } as const;

/**
 * Parses what a user typed and writes it as a PostgreSQL tsquery over the
 * documents' `search` vector: the same language and the same meaning as
 * `toFtsQuery` gives FTS5 (phrases, OR, NOT, prefixes, title:/text:). Every
 * word is a folded token re-quoted here (letters, digits, marks and `_`
 * only: no quote or operator can come from the user's text). Returns ''
 * when there is nothing to search for.
 */
export function toTsQuery(input: string): string {
  const tree = parseQuery(input);
  return tree ? tsQueryOf(tree) : '';
}

/**
 * The tsquery of a parsed query. PostgreSQL keeps word positions up to
 * 16,383 only (later words all sit at 16,383), so in a longer text a phrase
 * cannot be checked by the index: `{ loose: true }` writes a query that finds
 * a superset there (a phrase as all its words, NOT left out), which the
 * caller then checks word by word (see `matchesQuery`).
 */
export function tsQueryOf(tree: QueryNode, options: { loose?: boolean } = {}): string {
  return options.loose ? loose(tree) : render(tree);
}

/** Positions PostgreSQL records exactly: words after this one share its position. */
export const TSVECTOR_MAX_POSITION = 16_383;

function loose(node: QueryNode): string {
  switch (node.type) {
    case 'terms': {
      const words = node.tokens.map((t, i) => `'${t}'${node.prefix && i === node.tokens.length - 1 ? ':*' : ''}`);
      return words.length === 1 ? words[0]! : `(${words.join(' & ')})`;
    }
    case 'or':
      return `(${node.items.map(loose).join(' | ')})`;
    case 'and': {
      const parts = node.items.filter((i) => i.type !== 'not').map(loose);
      return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
    }
    case 'not':
      throw new GlossError('validation', 'search: a search cannot only exclude');
  }
}

function render(node: QueryNode): string {
  switch (node.type) {
    case 'terms': {
      if (node.field && !(node.field in FIELD_WEIGHT)) {
        throw new GlossError('validation', `search: documents have no "${node.field}:" field (title: and text: work here); search annotations for ${node.field}:`);
      }
      const weight = node.field ? FIELD_WEIGHT[node.field as keyof typeof FIELD_WEIGHT] : '';
      const last = node.tokens.length - 1;
      const words = node.tokens.map((t, i) => {
        const suffix = (node.prefix && i === last ? '*' : '') + weight;
        return `'${t}'${suffix ? `:${suffix}` : ''}`;
      });
      return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
    }
    case 'or':
      return `(${node.items.map(render).join(' | ')})`;
    case 'and': {
      const parts = node.items.map((i) => (i.type === 'not' ? `!${render(i.item)}` : render(i)));
      return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
    }
    case 'not':
      throw new GlossError('validation', 'search: a search cannot only exclude');
  }
}

/**
 * The words a document's vector is made of: its title's and its text's
 * tokens as document and annotation search fold them, joined by spaces, so
 * that PostgreSQL's 'simple' configuration sees exactly these words at
 * these positions.
 */
export function searchWords(text: string): string {
  return searchTokens(text).join(' ');
}
