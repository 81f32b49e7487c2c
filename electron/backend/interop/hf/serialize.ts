import { utf16ToCodePointMany } from '../../../../shared/index.ts';
import { bioTags, layerSpans } from '../layers.ts';
import type { Bundle } from '../model.ts';
import { tokenizeDocument } from '../tokens.ts';

/**
 * A Hugging Face `datasets`-ready JSONL: one line per document with `id`,
 * `text`, `tokens`, `token_offsets` (`[start, end]` in code points, as Python
 * slices the text), `ner_tags` (the entity mention layer) and `claim_tags`
 * (claims), both IOB2 strings. Tokens split at every span boundary. Labels
 * can be limited to those named.
 */
export function serializeHf(bundle: Bundle, options: { labels?: readonly string[] } = {}): string {
  const lines: string[] = [];
  for (const doc of bundle.documents) {
    const layers = layerSpans(bundle, doc, options.labels);
    const sentences = tokenizeDocument(doc, layers.get('mentions'));
    const tokens = sentences.flat();
    const cps = utf16ToCodePointMany(doc.text, tokens.flatMap((t) => [t.start, t.end]));
    lines.push(
      JSON.stringify({
        id: doc.key,
        text: doc.text,
        tokens: tokens.map((t) => t.text),
        token_offsets: tokens.map((_, i) => [cps[2 * i]!, cps[2 * i + 1]!]),
        ner_tags: bioTags(sentences, layers.get('mentions')!).flat(),
        claim_tags: bioTags(sentences, layers.get('claims')!).flat(),
      }),
    );
  }
  return lines.map((l) => l + '\n').join('');
}
