import { lineBlocks } from '../../import/blocks.ts';
import { normalizeNewlines } from '../../import/decode.ts';
import type { ParsedDocument } from '../../import/parsed.ts';
import { titleFromText } from '../text.ts';

/** Plain text: newlines normalized, otherwise kept exactly; the title is the first non-empty line. */
export function parseText(decoded: string): ParsedDocument {
  const text = normalizeNewlines(decoded);
  return { title: titleFromText(text), text, blocks: lineBlocks(text), metadata: { format: 'txt' } };
}
