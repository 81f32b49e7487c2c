import type { DiffSegment } from '../../../shared/index.ts';

interface Props {
  segments: readonly DiffSegment[];
  mode: 'inline' | 'side';
  fromLabel: string;
  toLabel: string;
}

/**
 * A diff between two versions: deletions and insertions marked with <del> and
 * <ins> (announced by screen readers as such), either inline in one text or
 * side by side (the older text with its deletions, the newer with its insertions).
 */
export function DiffView({ segments, mode, fromLabel, toLabel }: Props) {
  if (mode === 'inline') {
    return (
      <div className="gl-diff gl-diff-inline" role="region" aria-label={`Changes from ${fromLabel} to ${toLabel}`} tabIndex={0}>
        {segments.map((s, i) => piece(s, i))}
      </div>
    );
  }
  return (
    <div className="gl-diff-side">
      <div className="gl-diff" role="region" aria-label={`${fromLabel}, with deletions marked`} tabIndex={0}>
        <h3>{fromLabel}</h3>
        {segments.filter((s) => s.kind !== 'insert').map((s, i) => piece(s, i))}
      </div>
      <div className="gl-diff" role="region" aria-label={`${toLabel}, with insertions marked`} tabIndex={0}>
        <h3>{toLabel}</h3>
        {segments.filter((s) => s.kind !== 'delete').map((s, i) => piece(s, i))}
      </div>
    </div>
  );
}

function piece(s: DiffSegment, key: number) {
  if (s.kind === 'insert') return <ins key={key}>{s.text}</ins>;
  if (s.kind === 'delete') return <del key={key}>{s.text}</del>;
  return <span key={key}>{s.text}</span>;
}
