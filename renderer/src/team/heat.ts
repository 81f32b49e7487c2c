/** A background colour for an agreement figure in [−1, 1]: red for disagreement through yellow to green; grey when there is none. */
export function heatColor(value: number | null): string {
  if (value === null) return '#e5e7eb';
  const t = Math.max(0, Math.min(1, value));
  const hue = Math.round(t * 120); // 0 red … 120 green
  return `hsl(${hue} 70% 80%)`;
}

/** A figure for tables: three decimals, a dash for none. */
export function fmt(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}
