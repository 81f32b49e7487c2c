// Whole-word occurrences of an entity's names in a text, for propagation.

/** A letter, digit, combining mark or underscore: characters that continue a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

export interface FormMatch {
  /** UTF-16 offsets. */
  start: number;
  end: number;
  /** The name or alias that matched. */
  form: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regular expression for one form: whitespace matches any run of whitespace; word edges need a boundary. */
function formPattern(form: string): string {
  const parts = form.trim().split(/\s+/u).map(escapeRegExp);
  let body = parts.join('\\s+');
  const chars = [...form.trim()];
  // A boundary is required only where the form itself begins or ends with a word character ("U.S." may be followed by a letter-free "." only).
  if (WORD_CHAR.test(chars[0] ?? '')) body = `(?<![\\p{L}\\p{N}\\p{M}_])${body}`;
  if (WORD_CHAR.test(chars[chars.length - 1] ?? '')) body = `${body}(?![\\p{L}\\p{N}\\p{M}_])`;
  return body;
}

/**
 * Finds whole-word occurrences of any of `forms` in `text`. Where matches
 * overlap, the earliest and then the longest wins ("Islamic Republic of
 * Pakistan" over "Pakistan" inside it). Offsets are UTF-16 code units.
 */
export function findForms(text: string, forms: readonly string[], caseSensitive = true): FormMatch[] {
  const unique = [...new Set(forms.map((f) => f.trim()).filter(Boolean))];
  const all: FormMatch[] = [];
  for (const form of unique) {
    const re = new RegExp(formPattern(form), caseSensitive ? 'gu' : 'giu');
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      all.push({ start: m.index, end: m.index + m[0].length, form });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FormMatch[] = [];
  let reach = -1;
  for (const m of all) {
    if (m.start < reach) continue;
    out.push(m);
    reach = m.end;
  }
  return out;
}
