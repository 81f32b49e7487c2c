import type { Node as PMNode } from 'prosemirror-model';
import type { Block, TextRange } from '../../../shared/index.ts';
import { readerSchema } from './schema.ts';

/** Documents with more blocks than this are grouped into sections of SECTION_SIZE blocks (see the schema's `section`). */
export const SECTION_THRESHOLD = 128;
export const SECTION_SIZE = 32;

/**
 * Maps between offsets into a document's text (UTF-16) and ProseMirror
 * positions. Each block holds exactly `text.slice(block.start, block.end)`;
 * text between blocks (the newlines) is not shown.
 */
export class OffsetMap {
  /** Position of each block's first character. */
  private readonly contentStart: Float64Array;
  /** Each block's start and end offsets, copied out of the block objects for the binary searches. */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  /** `sectionSize`: blocks per section when the document is grouped into sections (buildDoc's choice), else 0. */
  constructor(
    readonly blocks: readonly Block[],
    readonly sectionSize = 0,
  ) {
    const n = blocks.length;
    this.contentStart = new Float64Array(n);
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const b = blocks[i]!;
      // A section's opening token before its first block, and the previous section's closing token.
      if (sectionSize > 0 && i % sectionSize === 0) pos += i > 0 ? 2 : 1;
      this.contentStart[i] = pos + 1;
      this.starts[i] = b.start;
      this.ends[i] = b.end;
      pos += b.end - b.start + 2;
    }
  }

  /** The position of a text offset; offsets between blocks snap to the next block (or the previous, with `bias` -1). */
  toPos(offset: number, bias: 1 | -1 = 1): number {
    const n = this.starts.length;
    if (!n) return 1;
    const i = this.blockAtOffset(offset);
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    if (offset < start) return this.contentStart[i]!;
    if (offset > end) return bias > 0 && i + 1 < n ? this.contentStart[i + 1]! : this.contentStart[i]! + (end - start);
    return this.contentStart[i]! + (offset - start);
  }

  /** The text offset of a position. */
  toOffset(pos: number): number {
    let lo = 0;
    let hi = this.contentStart.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.contentStart[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    return start + Math.max(0, Math.min(this.ends[lo]! - start, pos - this.contentStart[lo]!));
  }

  /** Text ranges to position ranges, one per range. */
  rangeToPos(r: TextRange): { from: number; to: number } {
    return { from: this.toPos(r.start, 1), to: this.toPos(r.end, -1) };
  }

  /** Index of the last block starting at or before `offset`. */
  private blockAtOffset(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Blocks for a document that has none: one paragraph per non-empty line. */
export function fallbackBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) blocks.push({ type: 'paragraph', start, end });
    start = end + 1;
  }
  return blocks.length ? blocks : [{ type: 'paragraph', start: 0, end: text.length }];
}

/** Builds the ProseMirror document for a text and its blocks; a long document's blocks are grouped into sections. */
export function buildDoc(text: string, blocks: readonly Block[]): { doc: PMNode; map: OffsetMap } {
  const usable = blocks.length ? blocks : fallbackBlocks(text);
  const sectionSize = usable.length > SECTION_THRESHOLD ? SECTION_SIZE : 0;
  const s = readerSchema;
  const nodes = usable.map((b) => {
    const content = b.end > b.start ? [s.text(text.slice(b.start, b.end))] : [];
    switch (b.type) {
      case 'heading': return s.nodes.heading!.create({ level: b.level ?? 2 }, content);
      case 'blockquote': return s.nodes.blockquote!.create(null, content);
      case 'listItem': return s.nodes.listItem!.create(null, content);
      case 'preformatted': return s.nodes.preformatted!.create(null, content);
      default: return s.nodes.paragraph!.create(null, content);
    }
  });
  const sections = [];
  if (sectionSize) for (let i = 0; i < nodes.length; i += sectionSize) sections.push(s.nodes.section!.create(null, nodes.slice(i, i + sectionSize)));
  return { doc: s.nodes.doc!.create(null, sectionSize ? sections : nodes), map: new OffsetMap(usable, sectionSize) };
}
