import type { EqualRun } from './diff.ts';

/** Where an offset of the old text lands in the new one, and whether it went through unchanged text. */
export interface Mapped {
  offset: number;
  /** True when the character at the boundary is unchanged; false when it was deleted or replaced. */
  exact: boolean;
}

/**
 * Maps offsets of the old text into the new one through the equal runs of
 * a diff. A start offset names the character after it, an end offset the
 * character before it: each maps exactly when that character survived.
 * When it did not (it was deleted or replaced), a start maps to where the
 * replacement begins and an end to where it ends, so a span whose edge was
 * rewritten covers the rewritten text; insertions just outside a span stay
 * outside it.
 */
export class OffsetMap {
  private readonly oldStarts: Int32Array;

  constructor(
    private readonly runs: readonly EqualRun[],
    private readonly newLength: number,
  ) {
    this.oldStarts = Int32Array.from(runs, (r) => r.oldStart);
  }

  /** The new position of the range start `offset` (the character at `offset`). */
  start(offset: number): Mapped {
    const k = this.runAtOrBefore(offset);
    const r = k >= 0 ? this.runs[k]! : undefined;
    if (r && offset < r.oldStart + r.length) return { offset: r.newStart + (offset - r.oldStart), exact: true };
    // Deleted: the replacement begins after the run before it.
    return { offset: r ? r.newStart + r.length : 0, exact: false };
  }

  /** The new position of the range end `offset` (the character before `offset`). */
  end(offset: number): Mapped {
    if (offset <= 0) return { offset: 0, exact: false };
    const k = this.runAtOrBefore(offset - 1);
    const r = k >= 0 ? this.runs[k]! : undefined;
    if (r && offset - 1 < r.oldStart + r.length) return { offset: r.newStart + (offset - r.oldStart), exact: true };
    // Deleted: the replacement ends where the next run begins.
    const next = this.runs[k + 1];
    return { offset: next ? next.newStart : this.newLength, exact: false };
  }

  /**
   * How many unchanged characters lie next to the old span `[start, end)`
   * on its better side, when the whole span is unchanged (one equal run);
   * -1 otherwise. Text that survived around a span says the diff found the
   * span itself and not a lone look-alike in rewritten text.
   */
  survivingContext(start: number, end: number): number {
    const k = this.runAtOrBefore(start);
    const r = k >= 0 ? this.runs[k]! : undefined;
    if (!r || end > r.oldStart + r.length) return -1;
    return Math.max(start - r.oldStart, r.oldStart + r.length - end);
  }

  /** Index of the last run starting at or before `offset`, or -1. */
  private runAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.oldStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.oldStarts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
