/** Colours of stance values: for is green, against red, neutral grey; other values take a quiet palette. */
const FOR = new Set(['favor', 'favour', 'for', 'agree', 'support', 'supports', 'pro', 'positive', 'yes', 'true']);
const AGAINST = new Set(['against', 'disagree', 'deny', 'denies', 'refute', 'refutes', 'oppose', 'con', 'negative', 'no', 'false']);
const NEUTRAL = new Set(['neutral', 'none', 'discuss', 'unrelated', 'observing', 'comment', 'query', 'unclear', 'mixed']);

const GREEN = '#2e7d32';
const RED = '#c62828';
const GREY = '#6b7280';
const OTHERS = ['#3a6ea5', '#7b5ea7', '#00838f', '#8d6e63', '#5c6bc0', '#ad7a00'];

/**
 * A stance value's colour. Known names decide first; otherwise the first two
 * values of the set read as for and against (as the contested marker reads
 * them), and the rest take the palette in order.
 */
export function stanceColor(value: string, values: readonly string[]): string {
  const v = value.toLowerCase();
  if (FOR.has(v)) return GREEN;
  if (AGAINST.has(v)) return RED;
  if (NEUTRAL.has(v)) return GREY;
  const i = values.indexOf(value);
  if (i === 0) return GREEN;
  if (i === 1) return RED;
  return OTHERS[(i < 0 ? values.length : i) % OTHERS.length]!;
}
