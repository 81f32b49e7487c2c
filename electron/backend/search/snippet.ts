import { tokenSpans, type QueryNode } from '../../../shared/index.ts';
import { parseQuery } from './fts.ts';

/** Marks around a match in a snippet, as the FTS5 engine writes them (U+E000 … U+E001). */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The positive words of a query (those not under NOT), with whether each is a prefix. */
function positiveWords(node: QueryNode, out: { token: string; prefix: boolean }[] = []): { token: string; prefix: boolean }[] {
  switch (node.type) {
    case 'terms':
      node.tokens.forEach((token, i) => out.push({ token, prefix: node.prefix && i === node.tokens.length - 1 }));
      break;
    case 'or':
    case 'and':
      for (const item of node.items) if (item.type !== 'not') positiveWords(item, out);
      break;
    case 'not':
      break;
  }
  return out;
}

/**
 * A snippet of `text` around the first of the query's words it holds, about
 * `size` words long, matches marked as FTS5's snippet() marks them. For
 * engines without FTS5's snippet (PostgreSQL's ts_headline does not fold
 * accents as Gloss does).
 */
export function snippetFor(text: string, query: string, size = 16): string {
  const tree = parseQuery(query);
  const words = tree ? positiveWords(tree) : [];
  const matches = (token: string) => words.some((w) => (w.prefix ? token.startsWith(w.token) : token === w.token));
  const spans = tokenSpans(text);
  const first = spans.findIndex((s) => matches(s.token));
  const from = Math.max(0, (first === -1 ? 0 : first) - Math.floor(size / 4));
  const to = Math.min(spans.length, from + size);
  if (from >= to) return text.slice(0, 200);
  let out = from > 0 ? '…' : '';
  let at = spans[from]!.start;
  for (let i = from; i < to; i++) {
    const s = spans[i]!;
    out += text.slice(at, s.start);
    out += matches(s.token) ? `${OPEN}${text.slice(s.start, s.end)}${CLOSE}` : text.slice(s.start, s.end);
    at = s.end;
  }
  return out + (to < spans.length ? '…' : '');
}
