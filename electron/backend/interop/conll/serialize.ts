import { bioTags, layerSpans, LAYERS, type Layer } from '../layers.ts';
import type { Bundle } from '../model.ts';
import { tokenizeDocument } from '../tokens.ts';

/**
 * CoNLL IOB2 with one tag column per layer: `TOKEN<TAB>MENTIONS<TAB>CLAIMS`
 * (and `<TAB>OTHER` when the export has spans of kind "other"), so that an
 * entity inside a tagged claim keeps its tags. A blank line separates
 * sentences; each document starts with `-DOCSTART- ID` (its Gloss id) and
 * `O` in every tag column. Sentences and tokens come from Intl.Segmenter
 * (sentences go on after initials and titles: "Louis D. Boccardi"), tokens
 * are split at every span boundary ("Pakistan" in "Pakistan’s"). Within a
 * layer, a token takes the outermost span. Labels can be limited to those
 * named; labels with spaces are written with underscores.
 */
export function serializeConll(bundle: Bundle, options: { labels?: readonly string[] } = {}): string {
  const perDoc = bundle.documents.map((doc) => ({ doc, layers: layerSpans(bundle, doc, options.labels) }));
  const columns: Layer[] = LAYERS.filter((l) => l !== 'other' || perDoc.some((d) => d.layers.get('other')!.length));
  const out: string[] = [];
  for (const { doc, layers } of perDoc) {
    out.push([`-DOCSTART- ${doc.key.replace(/\s+/g, '_')}`, ...columns.map(() => 'O')].join('\t'), '');
    const sentences = tokenizeDocument(doc, layers.get('mentions'));
    const tags = columns.map((c) => bioTags(sentences, layers.get(c)!));
    sentences.forEach((sentence, si) => {
      sentence.forEach((t, ti) => out.push([t.text, ...tags.map((column) => column[si]![ti]!)].join('\t')));
      out.push('');
    });
  }
  return out.join('\n');
}
