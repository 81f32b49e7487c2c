import { describe, expect, it } from 'vitest';
import { buildDoc, SECTION_SIZE, SECTION_THRESHOLD } from '../../renderer/src/reader/offsets.ts';
import { mulberry32 } from '../bench/generate.ts';

// Offsets ↔ positions for flat documents and for long ones grouped into sections.
function makeText(paragraphs: number, seed: number) {
  const rng = mulberry32(seed);
  const parts: string[] = [];
  const blocks = [];
  let at = 0;
  for (let p = 0; p < paragraphs; p++) {
    const len = 1 + Math.floor(rng() * 30);
    const s = Array.from({ length: len }, (_, i) => String.fromCharCode(97 + ((p + i) % 26))).join('');
    blocks.push({ type: 'paragraph' as const, start: at, end: at + len });
    parts.push(s, '\n\n');
    at += len + 2;
  }
  return { text: parts.join(''), blocks, rng };
}

describe('reader offsets', () => {
  for (const paragraphs of [3, SECTION_THRESHOLD, SECTION_THRESHOLD + 1, 5 * SECTION_SIZE + 7]) {
    it(`maps offsets and positions both ways in a document of ${paragraphs} paragraphs`, () => {
      const { text, blocks, rng } = makeText(paragraphs, paragraphs);
      const { doc, map } = buildDoc(text, blocks);
      const sectioned = paragraphs > SECTION_THRESHOLD;
      expect(doc.childCount).toBe(sectioned ? Math.ceil(paragraphs / SECTION_SIZE) : paragraphs);
      if (sectioned) expect(doc.firstChild!.type.name).toBe('section');
      expect(doc.textBetween(0, doc.content.size, '\n\n')).toBe(text.slice(0, blocks[blocks.length - 1]!.end));
      for (let k = 0; k < 300; k++) {
        const b = blocks[Math.floor(rng() * blocks.length)]!;
        const start = b.start + Math.floor(rng() * (b.end - b.start));
        const end = start + 1 + Math.floor(rng() * (b.end - start));
        const from = map.toPos(start, 1);
        const to = map.toPos(end, -1);
        expect(doc.textBetween(from, to)).toBe(text.slice(start, end));
        expect(map.toOffset(from)).toBe(start);
        expect(map.toOffset(to)).toBe(end);
      }
      // Across blocks: the text between, without the separators.
      const a = blocks[0]!;
      const z = blocks[blocks.length - 1]!;
      expect(doc.textBetween(map.toPos(a.start), map.toPos(z.end, -1), '\n\n')).toBe(text.slice(a.start, z.end));
    });
  }
});
