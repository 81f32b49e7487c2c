import { GlossError, parseSearchQuery, SearchSyntaxError, type QueryNode } from '../../../shared/index.ts';

/** Columns of `documents_fts` a term may be limited to. */
const DOCUMENT_COLUMNS = new Set(['title', 'text']);

/**
 * Parses what a user typed and writes it as an FTS5 query over
 * `documents_fts`. Every word is re-quoted from its tokens, so the user's
 * text is never FTS5 syntax; operators come from the parsed tree only.
 * Returns '' when there is nothing to search for. A malformed query, or a
 * field documents do not have, is a `validation` error in plain words.
 */
export function toFtsQuery(input: string): string {
  const tree = parseQuery(input);
  if (!tree) return '';
  return render(tree);
}

/** Parses a query, turning syntax errors into the API's validation errors. */
export function parseQuery(input: string): QueryNode | null {
  try {
    return parseSearchQuery(input);
  } catch (err) {
    if (err instanceof SearchSyntaxError) throw new GlossError('validation', `search: ${err.message}`);
    throw err;
  }
}

function render(node: QueryNode): string {
  switch (node.type) {
    case 'terms': {
      if (node.field && !DOCUMENT_COLUMNS.has(node.field)) {
        throw new GlossError('validation', `search: documents have no "${node.field}:" field (title: and text: work here); search annotations for ${node.field}:`);
      }
      // Tokens are letters, digits, marks and "_" only: no quote can occur inside.
      const phrase = `"${node.tokens.join(' ')}"${node.prefix ? ' *' : ''}`;
      return node.field ? `${node.field} : ${phrase}` : phrase;
    }
    case 'or':
      return `(${node.items.map(render).join(' OR ')})`;
    case 'and': {
      const positive = node.items.filter((i) => i.type !== 'not');
      const negative = node.items.filter((i): i is Extract<QueryNode, { type: 'not' }> => i.type === 'not');
      let out = positive.length === 1 ? render(positive[0]!) : `(${positive.map(render).join(' AND ')})`;
      for (const n of negative) out = `(${out} NOT ${render(n.item)})`;
      return out;
    }
    case 'not':
      // parseSearchQuery never leaves a NOT outside an AND with a positive term.
      throw new GlossError('validation', 'search: a search cannot only exclude');
  }
}
