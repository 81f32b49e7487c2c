import type { Bundle, BundleDocument } from '../model.ts';

/**
 * CoNLL IOB2: one token per line (`TOKEN<TAB>TAG`), a blank line between
 * sentences, and a `-DOCSTART-` line before each document. Tokens and
 * sentences come from Intl.Segmenter within each block, so that no sentence
 * crosses a paragraph. Where spans nest, a token takes the outermost one (the
 * longest, then the first); a span's first token in each sentence, and in
 * each range of a discontinuous span, is B-.
 * Labels with spaces are written with underscores.
 */
export function serializeConll(bundle: Bundle, _options: { labels?: readonly string[] } = {}): string {
  const out: string[] = [];
  for (const doc of bundle.documents) {
    out.push('-DOCSTART-\tO', '');
    const sents = sentences(doc);
    const owners = owningSpans(doc, sents.flat());
    let k = 0;
    for (const sentence of sents) {
      sentence.forEach((t, i) => {
        const owner = owners[k + i]!;
        const tag = owner === undefined ? 'O' : `${i > 0 && owners[k + i - 1] === owner ? 'I' : 'B'}-${owner.label}`;
        out.push(`${t.text}\t${tag}`);
      });
      k += sentence.length;
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

interface Span {
  label: string;
  start: number;
  end: number;
}

/**
 * The span each token belongs to (undefined: none), tokens in text order.
 * Spans are taken outermost first (longer, then earlier), each claiming the
 * tokens it overlaps that no outer span has claimed: a binary search finds
 * its first token, so the cost is the spans' sizes, not spans × tokens.
 */
function owningSpans(doc: BundleDocument, tokens: readonly Token[]): (Span | undefined)[] {
  const spans: Span[] = doc.annotations
    .flatMap((a) => a.ranges.map((r) => ({ label: a.label.replace(/\s+/g, '_'), start: r.start, end: r.end })))
    .sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const owners = new Array<Span | undefined>(tokens.length);
  for (const s of spans) {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < s.end; i++) if (!owners[i]) owners[i] = s;
  }
  return owners;
}
