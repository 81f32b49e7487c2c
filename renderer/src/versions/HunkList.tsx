import type { DiffHunk, Label } from '../../../shared/index.ts';

interface Props {
  hunks: readonly DiffHunk[];
  labels: readonly Label[];
}

const MAX_SHOWN = 120;

function clip(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}

/** Every change of a diff with the annotations it touched: the claims and entities a stealth edit affected. */
export function HunkList({ hunks, labels }: Props) {
  const name = new Map(labels.map((l) => [l.id, l]));
  const touching = hunks.filter((h) => h.annotations.length);
  return (
    <section className="gl-hunks" aria-label="Changes and the annotations they touched">
      <h3>
        {hunks.length} change{hunks.length === 1 ? '' : 's'}, {touching.length} touching annotations
      </h3>
      <ol>
        {hunks.map((h, i) => (
          <li key={i} className={h.annotations.length ? 'gl-hunk gl-hunk-touched' : 'gl-hunk'}>
            <span className="gl-hunk-text">
              {h.deleted && <del>{clip(h.deleted)}</del>}
              {h.deleted && h.inserted && ' → '}
              {h.inserted && <ins>{clip(h.inserted)}</ins>}
            </span>
            {h.annotations.length > 0 && (
              <ul aria-label="Annotations touched">
                {h.annotations.map((a) => {
                  const l = name.get(a.labelId);
                  return (
                    <li key={a.id}>
                      <span className="gl-label-chip" style={{ borderColor: l?.color }}>{l?.name ?? 'label'}</span> “{clip(a.quote)}”
                      {a.status && a.status !== 'kept' && <span className={`gl-anchor-status gl-anchor-${a.status}`}> {a.status}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
