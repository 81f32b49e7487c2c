/** A range of text (UTF-16 offsets) that is not the article's prose. */
export interface TextRange {
  start: number;
  end: number;
}

/** "Keywords: …", "Tags — …": lines that list terms rather than say something. */
const KEYWORD_LINE = /^\s*(key ?words?|tags?|topics?|subjects?|categories|filed under|related topics)\s*[:：—–-]/iu;
/** A heading that starts a reference list: everything after it, to the end, is the list. */
const REFERENCES_HEADING = /^\s*(references|bibliography|works cited|sources|literature cited|further reading|notes and references|endnotes)\s*:?\s*$/iu;
/** One entry of a reference list: "[3] …", "3. Smith, J. (2019) …", or a line with a DOI. */
const CITATION_LINE = /^\s*(\[\d{1,3}\]\s+\S|\d{1,3}\.\s+\p{Lu}[\p{L}'’-]+,\s+\p{Lu}\.|.*\bdoi:\s*10\.\d{4,}|.*\bhttps?:\/\/doi\.org\/)/iu;

/**
 * The parts of a text that are boilerplate rather than prose: keyword lines,
 * reference lists and bibliographies (from their heading to the end), and
 * citation-like lines. Suggestions are not offered there, and claim matching
 * does not rank passages there.
 */
export function boilerplateRanges(text: string): TextRange[] {
  const out: TextRange[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const start = at;
    const end = at + line.length;
    at = end + 1;
    if (REFERENCES_HEADING.test(line)) {
      out.push({ start, end: text.length });
      break;
    }
    if (KEYWORD_LINE.test(line) || CITATION_LINE.test(line)) out.push({ start, end });
  }
  return out;
}

/** Whether [start, end) overlaps any of `ranges`. */
export function inRanges(ranges: readonly TextRange[], start: number, end: number): boolean {
  return ranges.some((r) => start < r.end && r.start < end);
}

/**
 * Whether [start, end) is a heading: a whole line (a title, "NEW AGREEMENTS
 * AND GLOBAL COORDINATION") that does not end as a sentence does and quotes
 * no one. Claim
 * matching leaves headings out: they share a story's words without saying
 * anything about them.
 */
export function isHeadingLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const next = text.indexOf('\n', start);
  const lineEnd = next < 0 ? text.length : next;
  if (text.slice(lineStart, start).trim() || text.slice(end, lineEnd).trim()) return false;
  const line = text.slice(start, end).trim();
  // Quoted speech on a line of its own is claim material even without a final stop.
  return line.length > 0 && line.length < 200 && !/[.!?…:;"”’)\]]$/u.test(line) && !/["“”«»]/u.test(line);
}
