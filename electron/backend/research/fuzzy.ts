// Fuzzy matching for the entity and proposition pickers: what a researcher
// types is matched ignoring case, accents and punctuation, as a prefix, word
// by word, and with a small number of typos.

/** Lower case, accents and punctuation removed, words separated by one space. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Typos tolerated in a word of `length` characters. */
function allowedTypos(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** How well one query word matches one candidate word: 1 exact, 0.9 prefix, lower for typos, 0 not at all. */
function wordScore(q: string, w: string, last: boolean): number {
  if (q === w) return 1;
  // Only the word being typed (the last) may be a bare prefix of a longer word; earlier words still earn partial credit.
  if (w.startsWith(q)) return last ? 0.9 : 0.75;
  const max = allowedTypos(q.length);
  if (max === 0) return 0;
  const whole = editDistance(q, w, max);
  const prefix = w.length > q.length ? editDistance(q, w.slice(0, q.length), max) : max + 1;
  const d = Math.min(whole, prefix);
  return d <= max ? 0.6 - 0.1 * d : 0;
}

/**
 * Scores `candidate` against `query` in [0, 1]: 1 for equal folded text, 0.95
 * for a prefix, then by how well every query word matches some candidate word
 * (all words must match for more than 0.4; a partial match of a longer query
 * scores below that). 0 means no match.
 */
export function fuzzyScore(query: string, candidate: string): number {
  const q = fold(query);
  const c = fold(candidate);
  if (!q || !c) return 0;
  if (q === c) return 1;
  if (c.startsWith(q)) return 0.95;
  const qWords = q.split(' ');
  const cWords = c.split(' ');
  let total = 0;
  let matched = 0;
  for (const [i, qw] of qWords.entries()) {
    let best = 0;
    for (const cw of cWords) best = Math.max(best, wordScore(qw, cw, i === qWords.length - 1));
    if (best > 0) matched++;
    total += best;
  }
  if (matched === qWords.length) {
    const phrase = c.includes(q) ? 0.05 : 0;
    return Math.min(0.9, 0.45 + 0.4 * (total / qWords.length) + phrase);
  }
  // Most of a longer query matched: still worth showing, below every full match.
  if (qWords.length >= 3 && matched / qWords.length >= 0.5) return 0.4 * (total / qWords.length);
  return 0;
}

/** The best score over several forms (a name and its aliases); aliases weigh slightly less. */
export function bestFormScore(query: string, name: string, aliases: readonly string[]): { score: number; matched: string } {
  let best = { score: fuzzyScore(query, name), matched: name };
  for (const alias of aliases) {
    const score = fuzzyScore(query, alias) * 0.98;
    if (score > best.score) best = { score, matched: alias };
  }
  return best;
}
