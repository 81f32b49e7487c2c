import type { Block } from '../../../shared/index.ts';

/** Builds a document's text from blocks of plain text, joined by blank lines, with their ranges. */
export class BlockTextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly blocks: Block[] = [];

  add(type: Block['type'], text: string, level?: number): void {
    // Preformatted text keeps its spaces and line breaks (code, tables, verse); elsewhere whitespace collapses.
    const clean =
      type === 'preformatted' ? text.replace(/^(?:[ \t]*\n)+/, '').trimEnd() : text.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (!clean) return;
    if (this.parts.length) {
      this.parts.push('\n\n');
      this.length += 2;
    }
    const start = this.length;
    this.parts.push(clean);
    this.length += clean.length;
    this.blocks.push(level ? { type, level, start, end: this.length } : { type, start, end: this.length });
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** One paragraph block per non-empty line of plain text; the text is left exactly as it is. */
export function lineBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (text.slice(start, end).trim()) blocks.push({ type: 'paragraph', start, end });
    start = end + 1;
  }
  return blocks;
}
