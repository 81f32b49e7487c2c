interface Props {
  /** The group's accessible name, e.g. "Merge entities". */
  label: string;
  /** The checked items, the first the default target. */
  options: { id: string; text: string }[];
  target: string;
  onTarget(id: string): void;
  onMerge(): void;
}

/** "Merge N selected into [one of them] [Merge]": the bar shown when two or more rows are checked. */
export function MergeBar({ label, options, target, onTarget, onMerge }: Props) {
  return (
    <div className="gl-merge-bar" role="group" aria-label={label}>
      <label>
        Merge {options.length} selected into{' '}
        <select value={target} onChange={(e) => onTarget(e.target.value)}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.text}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onMerge}>
        Merge
      </button>
    </div>
  );
}
