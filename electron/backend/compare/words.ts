// Words of a text for comparison: case, accents, punctuation, quote styles
// and spacing do not count, and every word keeps its UTF-16 offsets into the
// original text so that results can be shown and highlighted there.

/** A run of letters, digits and combining marks. Everything else (spaces, punctuation, ’ “ ” ‑) separates words. */
const WORD = '[\\p{L}\\p{N}\\p{M}]+';

/** The words of a text with their original offsets, as parallel arrays. */
export interface Words {
  /** Folded forms: lower case, no accents ("Élysée" → "elysee"). */
  forms: string[];
  /** UTF-16 offsets into the original text. */
  starts: Int32Array;
  ends: Int32Array;
}

/** Lower case without accents; compatibility forms folded (ﬁ → fi, full-width → ASCII). */
export function foldWord(word: string): string {
  // Pure ASCII (most words of English news) needs no normalisation.
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Splits `text` (or `text[from, to)`) into folded words with their offsets. */
export function wordsOf(text: string, from = 0, to = text.length): Words {
  const forms: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const re = new RegExp(WORD, 'gu');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    const form = foldWord(text.slice(m.index, end));
    if (!form) continue;
    forms.push(form);
    starts.push(m.index);
    ends.push(end);
  }
  return { forms, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
