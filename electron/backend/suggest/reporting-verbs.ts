/**
 * Verbs that report speech or a stated position ("said", "warned",
 * "denies"), in every inflection. Built from lemmas so the list stays
 * readable; irregular forms are listed with their lemma.
 */
const LEMMAS = [
  'say', 'tell', 'state', 'declare', 'warn', 'claim', 'argue', 'note', 'add', 'announce', 'insist', 'deny', 'acknowledge',
  'admit', 'assert', 'contend', 'explain', 'report', 'confirm', 'allege', 'emphasise', 'emphasize', 'stress', 'predict',
  'promise', 'concede', 'reveal', 'disclose', 'write', 'tweet', 'comment', 'remark', 'respond', 'reply', 'testify',
  'caution', 'describe', 'accuse', 'urge', 'vow', 'pledge', 'mention', 'highlight', 'reiterate', 'quip', 'joke',
  'lament', 'boast', 'affirm', 'aver', 'proclaim', 'tout', 'complain',
];

const IRREGULAR: Record<string, string[]> = { say: ['said', 'says'], tell: ['told'], write: ['wrote', 'written'] };

/**
 * Forms that are seldom anything but a reporting verb. Every other form
 * ("states", "claims", "noted", "added") is as often a noun or an adjective
 * ("the United States", "resource claims", "added value") and counts only
 * where compromise tagged it as a verb.
 */
const UNAMBIGUOUS = new Set([
  'said', 'says', 'told', 'warned', 'declared', 'announced', 'insisted', 'denied', 'denies', 'acknowledged', 'argued',
  'claimed', 'stated', 'admitted', 'asserted', 'contended', 'alleged', 'conceded', 'testified', 'reiterated',
  'emphasised', 'emphasized', 'wrote', 'tweeted', 'explained', 'confirmed', 'cautioned', 'vowed', 'urged',
]);

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular, `${lemma}ing`];
  if (/[^aeiou]y$/u.test(lemma)) {
    const stem = lemma.slice(0, -1);
    return [lemma, `${stem}ies`, `${stem}ied`, `${lemma}ing`];
  }
  if (lemma.endsWith('e')) return [lemma, `${lemma}s`, `${lemma}d`, `${lemma.slice(0, -1)}ing`];
  if (/(?:s|sh|ch|x|z)$/u.test(lemma)) return [lemma, `${lemma}es`, `${lemma}ed`, `${lemma}ing`];
  return [lemma, `${lemma}s`, `${lemma}ed`, `${lemma}ing`];
}

/**
 * Lemmas that report speech only when what was said follows: "adding that
 * …", "noting: …", but not "has added equity", "reveals an uncomfortable
 * reality" (the author's own claim).
 */
const NEED_CONTENT = new Set(['add', 'note', 'reveal', 'highlight', 'acknowledge', 'mention', 'describe', 'report', 'explain', 'confirm', 'stress', 'emphasise', 'emphasize']);

/** How much evidence a reporting form needs before it counts. */
export interface ReportingForm {
  /** compromise must have tagged the word as a verb. */
  needsVerbTag: boolean;
  /** "that", a colon or a quotation must follow (see {@link CONTENT_FOLLOWS}). */
  needsContent: boolean;
}

/** Every form, lower case. */
export const REPORTING_FORMS: ReadonlyMap<string, ReportingForm> = new Map(
  LEMMAS.flatMap((lemma) =>
    inflect(lemma).map((f) => [f, { needsVerbTag: !UNAMBIGUOUS.has(f), needsContent: NEED_CONTENT.has(lemma) }] as const),
  ),
);

/** What follows a reporting verb that introduces what was said: "that", a colon, a quotation, "as “…”". */
export const CONTENT_FOLLOWS = /^[\s,]*(?:that(?!\p{L})|:|[“"‘]|as[\s]+[“"‘])/u;

/** Reporting phrases that are not a single verb. */
export const REPORTING_PHRASE = /(?<!\p{L})(?:according to|in a statement|told reporters|pointed out|pointed to)(?!\p{L})/iu;
