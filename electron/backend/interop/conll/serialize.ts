import type { Bundle, BundleDocument } from '../model.ts';

/**
 * CoNLL IOB2: one token per line (`TOKEN<TAB>TAG`), a blank line between
 * sentences, and a `-DOCSTART-` line before each document. Tokens and
 * sentences come from Intl.Segmenter within each block, so that no sentence
 * crosses a paragraph. Where spans nest, a token takes the outermost one (the
 * longest, then the first); a span's first token in each sentence is B-.
 * Labels with spaces are written with underscores.
 */
export function serializeConll(bundle: Bundle): string {
  const out: string[] = [];
  for (const doc of bundle.documents) {
    out.push('-DOCSTART-\tO', '');
    for (const sentence of sentences(doc)) {
      const tags = tagTokens(doc, sentence);
      sentence.forEach((t, i) => out.push(`${t.text}\t${tags[i]}`));
      out.push('');
    }
  }
  return out.join('\n');
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Sentences of word and punctuation tokens (whitespace dropped), block by block. */
export function sentences(doc: BundleDocument): Token[][] {
  const lang = doc.metadata.language || undefined;
  const sentenceSeg = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const wordSeg = new Intl.Segmenter(lang, { granularity: 'word' });
  const blocks = doc.blocks.length ? doc.blocks : [{ start: 0, end: doc.text.length }];
  const out: Token[][] = [];
  for (const b of blocks) {
    const blockText = doc.text.slice(b.start, b.end);
    for (const s of sentenceSeg.segment(blockText)) {
      // A sentence segment may hold line breaks (lists, verse): each line is a sentence of its own.
      let offset = 0;
      for (const line of s.segment.split('\n')) {
        const tokens: Token[] = [];
        for (const w of wordSeg.segment(line)) {
          if (!w.segment.trim()) continue;
          const start = b.start + s.index + offset + w.index;
          // A token never holds whitespace: CoNLL separates fields with it.
          tokens.push({ text: w.segment.replace(/\s+/g, '_'), start, end: start + w.segment.length });
        }
        if (tokens.length) out.push(tokens);
        offset += line.length + 1;
      }
    }
  }
  return out;
}

function tagTokens(doc: BundleDocument, tokens: readonly Token[]): string[] {
  // Outermost first: longer spans win, then the earlier one.
  const spans = doc.annotations
    .flatMap((a) => a.ranges.map((r) => ({ label: a.label.replace(/\s+/g, '_'), start: r.start, end: r.end })))
    .sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const owner = tokens.map((t) => spans.findIndex((s) => s.start < t.end && t.start < s.end));
  return tokens.map((_, i) => {
    const k = owner[i]!;
    if (k === -1) return 'O';
    return `${i > 0 && owner[i - 1] === k ? 'I' : 'B'}-${spans[k]!.label}`;
  });
}
