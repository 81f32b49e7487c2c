import type { BundleDocument } from './model.ts';

// Sentences and tokens for the token-based exports (CoNLL, spaCy, Hugging
// Face): boundaries from Intl.Segmenter (ICU's Unicode rules, in the
// document's language), sentences not broken after initials and titles
// ("Louis D. Boccardi", "Mr. Smith"), and tokens split at every annotation
// boundary, so that a span inside a word ("Pakistan" in "Pakistan’s") keeps
// its own tokens. Offsets are UTF-16, as everywhere inside Gloss.

/** A token: its text and UTF-16 range in the document's text. Never whitespace. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Titles and abbreviations after which ICU breaks a sentence but the sentence goes on (English, Spanish, French, German). */
const TITLES = new Set(
  ('Mr Mrs Ms Mx Dr Prof St Mt Ft Gen Sen Rep Gov Lt Col Capt Cmdr Sgt Maj Adm Jr Sr Sra Srta Dra Lic Ing Hon Rev Pres Messrs Mme Mlle Hr Fr Inc Corp Co Ltd Bros ' +
    'No Nos vs Vol pp Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec approx Ave Blvd')
    .split(' '),
);
/** Words that usually open a new sentence: after "U.S." they mean the sentence did end there. */
const OPENERS = new Set('The A An He She It They We I You This That These Those But And Or So Yet In On At For If When While After Before There Here His Her Its Their Our'.split(' '));

/**
 * Sentences of tokens (whitespace dropped), block by block; every annotation
 * boundary is a token boundary. No sentence ends inside one of the
 * `together` ranges (entity mentions: a name is never cut in two, even where
 * the corpus's span runs over a full stop).
 */
export function tokenizeDocument(doc: BundleDocument, together: readonly { start: number; end: number }[] = []): Token[][] {
  const lang = doc.metadata.language || undefined;
  const sentenceSeg = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const wordSeg = new Intl.Segmenter(lang, { granularity: 'word' });
  const cuts = boundaries(doc);
  const out: Token[][] = [];
  for (const region of regions(doc)) {
    const text = doc.text.slice(region.start, region.end);
    const inside = (offset: number) => together.some((r) => r.start < offset && offset < r.end);
    const parts = mergeSentences([...sentenceSeg.segment(text)].map((x) => ({ start: x.index, text: x.segment })), (at) => inside(region.start + at));
    for (const s of parts) {
      // A sentence may hold line breaks (lists, verse): each line is a sentence of its own.
      let offset = 0;
      for (const line of s.text.split('\n')) {
        const tokens: Token[] = [];
        for (const w of wordSeg.segment(line)) {
          if (!w.segment.trim()) continue;
          const start = region.start + s.start + offset + w.index;
          tokens.push(...splitAt({ text: w.segment, start, end: start + w.segment.length }, cuts));
        }
        if (tokens.length) out.push(tokens);
        offset += line.length + 1;
      }
    }
  }
  return out;
}

/** The text's blocks, and any stretch between them that holds more than whitespace, in order. */
function regions(doc: BundleDocument): { start: number; end: number }[] {
  const blocks = [...doc.blocks].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const b of blocks.length ? blocks : [{ start: 0, end: doc.text.length }]) {
    if (b.start > at && doc.text.slice(at, b.start).trim()) out.push({ start: at, end: b.start });
    if (b.end > Math.max(b.start, at)) out.push({ start: Math.max(b.start, at), end: b.end });
    at = Math.max(at, b.end);
  }
  if (at < doc.text.length && doc.text.slice(at).trim()) out.push({ start: at, end: doc.text.length });
  return out;
}

/** Joins ICU sentences that end in an initial or a title, are followed by a lower-case word, or break inside a kept-together range. */
function mergeSentences(parts: { start: number; text: string }[], inside: (offset: number) => boolean): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev && (continues(prev.text, p.text) || inside(p.start) || inside(p.start - (prev.text.length - prev.text.trimEnd().length)))) prev.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

function continues(prev: string, next: string): boolean {
  const end = prev.trimEnd();
  if (!end.endsWith('.') || /\n\s*$/.test(prev)) return false;
  const first = /^\s*(\S+)/u.exec(next)?.[1] ?? '';
  if (/^\p{Ll}/u.test(first)) return true;
  const word = /(?:^|[\s(“"‘'«])([\p{L}.]+)\.$/u.exec(end)?.[1] ?? '';
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "Louis D. Boccardi"
  if (TITLES.has(word)) return true;
  // "U.S. Army": an abbreviation with inner dots goes on unless the next word usually opens a sentence.
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return !OPENERS.has(first.replace(/[^\p{L}]/gu, ''));
  return false;
}

/** Every start and end of every annotation range, sorted. */
function boundaries(doc: BundleDocument): number[] {
  const set = new Set<number>();
  for (const a of doc.annotations) for (const r of a.ranges) set.add(r.start).add(r.end);
  return [...set].sort((a, b) => a - b);
}

/** A token cut at the boundaries that fall inside it. */
function splitAt(t: Token, cuts: readonly number[]): Token[] {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! <= t.start) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= cuts.length || cuts[lo]! >= t.end) return [t];
  const out: Token[] = [];
  let from = t.start;
  for (let i = lo; i < cuts.length && cuts[i]! < t.end; i++) {
    out.push({ text: t.text.slice(from - t.start, cuts[i]! - t.start), start: from, end: cuts[i]! });
    from = cuts[i]!;
  }
  out.push({ text: t.text.slice(from - t.start), start: from, end: t.end });
  return out;
}
