import { stanceColor } from './stanceColors.ts';

interface Props {
  stance: string;
  values: readonly string[];
  /** e.g. "2" for a count, shown after the value. */
  count?: number;
  /** A document-level stance is drawn outlined, a claim's filled. */
  variant?: 'claim' | 'document';
  title?: string;
}

/** A stance value as a coloured badge; the text is always there, so colour is never the only cue. */
export function StanceBadge({ stance, values, count, variant = 'claim', title }: Props) {
  return (
    <span className={`gl-stance gl-stance-${variant}`} style={{ ['--stance' as string]: stanceColor(stance, values) }} title={title}>
      {stance}
      {count !== undefined && <span className="gl-stance-count"> {count}</span>}
    </span>
  );
}
