/** Distinct colours for new labels and relation types (Tableau 10, then a lighter set). */
export const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#a0cbe8', '#ffbe7d', '#8cd17d', '#b6992d', '#f1ce63', '#86bcb6', '#d37295', '#fabfd2', '#d4a6c8', '#79706e',
];

/** The first palette colour not yet used, so a new label stands out from the others. */
export function nextColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return PALETTE.find((c) => !taken.has(c)) ?? PALETTE[used.length % PALETTE.length]!;
}
