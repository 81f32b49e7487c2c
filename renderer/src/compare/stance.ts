/** An icon for a stance, so it is never told by colour alone. */
export function stanceIcon(stance: string | null, positive: string | null, negative: string | null): string {
  if (!stance) return '';
  if (stance === 'mixed') return '±';
  if (stance === positive) return '✓';
  if (stance === negative) return '✗';
  return '○';
}
