/** Maps a position through a document change (ProseMirror's Mappable, without the import). */
export interface Mappable {
  map(pos: number, assoc?: number): number;
}

/**
 * Every highlighted range of a document, sorted by start, in typed arrays:
 * `from`, `to` and the `owner` (a caller's slot number) of each. Finding the
 * ranges near a position is a binary search plus a scan of at most the
 * longest range's length; adding or removing one moves the array tail
 * (a memmove of a few hundred kilobytes at 100,000 ranges), with no objects
 * to allocate. The reader keeps all of a document's annotations here and
 * builds ProseMirror decorations only for the part it draws.
 *
 * Changed in place by `insert` and `remove`; `map` gives a new index.
 */
export class RangeIndex {
  private from: Float64Array;
  private to: Float64Array;
  private owner: Int32Array;
  /** Number of ranges. */
  size = 0;
  /** Longer than or as long as every range held (it does not shrink on removal: scans stay correct, just longer). */
  private maxLen = 0;

  constructor(capacity = 16) {
    this.from = new Float64Array(Math.max(4, capacity));
    this.to = new Float64Array(Math.max(4, capacity));
    this.owner = new Int32Array(Math.max(4, capacity));
  }

  /** An index of the given ranges, in any order (one sort). Empty ranges (to ≤ from) are left out. */
  static of(from: ArrayLike<number>, to: ArrayLike<number>, owner: ArrayLike<number>): RangeIndex {
    const n = from.length;
    const index = new RangeIndex(n);
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = from[i - 1]! <= from[i]!;
    // Usually given in order already (the plugin lays annotations out by start): then no sort.
    const order = sorted ? null : Array.from({ length: n }, (_, i) => i).sort((x, y) => from[x]! - from[y]! || to[x]! - to[y]!);
    let k = 0;
    for (let j = 0; j < n; j++) {
      const i = order ? order[j]! : j;
      const f = from[i]!;
      const t = to[i]!;
      if (t <= f) continue;
      index.from[k] = f;
      index.to[k] = t;
      index.owner[k++] = owner[i]!;
      if (t - f > index.maxLen) index.maxLen = t - f;
    }
    index.size = k;
    return index;
  }

  /** Adds a range (ignored when empty). */
  insert(from: number, to: number, owner: number): void {
    if (to <= from) return;
    if (this.size === this.from.length) this.grow();
    // After every range that starts before it, or at the same place and ends no later.
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.from[mid]! < from || (this.from[mid] === from && this.to[mid]! <= to)) lo = mid + 1;
      else hi = mid;
    }
    this.from.copyWithin(lo + 1, lo, this.size);
    this.to.copyWithin(lo + 1, lo, this.size);
    this.owner.copyWithin(lo + 1, lo, this.size);
    this.from[lo] = from;
    this.to[lo] = to;
    this.owner[lo] = owner;
    this.size++;
    if (to - from > this.maxLen) this.maxLen = to - from;
  }

  /** Removes the range `from`–`to` of `owner`; false when it is not there. */
  remove(from: number, to: number, owner: number): boolean {
    for (let i = this.lowerBound(from); i < this.size && this.from[i] === from; i++) {
      if (this.to[i] !== to || this.owner[i] !== owner) continue;
      this.from.copyWithin(i, i + 1, this.size);
      this.to.copyWithin(i, i + 1, this.size);
      this.owner.copyWithin(i, i + 1, this.size);
      this.size--;
      return true;
    }
    return false;
  }

  /**
   * Calls `fn` for each range touching [lo, hi] (from ≤ hi and to ≥ lo), in
   * order of start; with `strict`, only those overlapping it (from < hi and to > lo).
   */
  forEach(lo: number, hi: number, fn: (from: number, to: number, owner: number) => void, strict = false): void {
    for (let i = this.lowerBound(lo - this.maxLen); i < this.size; i++) {
      const f = this.from[i]!;
      if (strict ? f >= hi : f > hi) break;
      const t = this.to[i]!;
      if (strict ? t > lo : t >= lo) fn(f, t, this.owner[i]!);
    }
  }

  /** Every range, in order of start. */
  forAll(fn: (from: number, to: number, owner: number) => void): void {
    for (let i = 0; i < this.size; i++) fn(this.from[i]!, this.to[i]!, this.owner[i]!);
  }

  /**
   * A new index with every range mapped through a document change, as
   * ProseMirror maps an inline decoration (start after, end before inserted
   * text); ranges left empty are dropped. Mapping is monotonic, so the starts
   * stay in order (ranges sharing a start may then differ in the order of ends,
   * which nothing relies on).
   */
  map(mapping: Mappable): RangeIndex {
    const out = new RangeIndex(this.size);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const f = mapping.map(this.from[i]!, 1);
      const t = mapping.map(this.to[i]!, -1);
      if (t <= f) continue;
      out.from[n] = f;
      out.to[n] = t;
      out.owner[n] = this.owner[i]!;
      if (t - f > out.maxLen) out.maxLen = t - f;
      n++;
    }
    out.size = n;
    return out;
  }

  /** The first index whose start is at or after `pos`. */
  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.from[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const from = new Float64Array(cap);
    const to = new Float64Array(cap);
    const owner = new Int32Array(cap);
    from.set(this.from);
    to.set(this.to);
    owner.set(this.owner);
    this.from = from;
    this.to = to;
    this.owner = owner;
  }
}
