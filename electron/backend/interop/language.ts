// The language of an imported text that does not declare one (a .txt, a PDF,
// HTML without lang), so the library's Language column and filter are filled,
// the reader can mark the text's language for screen readers (WCAG 3.1.2),
// and word segmentation uses the right locale. Writing systems used by one
// language decide at once; Latin and Cyrillic texts are told apart by their
// commonest function words, which in a news article make a tenth or more of
// the words. Too little text, or no clear winner, gives no language: a
// guess is never written where the evidence is thin.

/** The letters of one or more scripts (a `v` class: letters only, as a script also holds digits and marks). */
const lettersOf = (...scripts: string[]) => new RegExp(`[\\p{L}&&[${scripts.map((n) => `\\p{Script=${n}}`).join('')}]]`, 'gv');

/** Scripts that name their language (or the language a news text in them is most likely in). */
const SCRIPTS: readonly { letters: RegExp; language: string }[] = [
  { letters: lettersOf('Arabic'), language: 'ar' },
  { letters: lettersOf('Hebrew'), language: 'he' },
  { letters: lettersOf('Cyrillic'), language: 'ru' },
  { letters: lettersOf('Greek'), language: 'el' },
  { letters: lettersOf('Han'), language: 'zh' },
  { letters: lettersOf('Hiragana', 'Katakana'), language: 'ja' },
  { letters: lettersOf('Hangul'), language: 'ko' },
  { letters: lettersOf('Devanagari'), language: 'hi' },
  { letters: lettersOf('Bengali'), language: 'bn' },
  { letters: lettersOf('Tamil'), language: 'ta' },
  { letters: lettersOf('Thai'), language: 'th' },
  { letters: lettersOf('Georgian'), language: 'ka' },
  { letters: lettersOf('Armenian'), language: 'hy' },
  { letters: lettersOf('Latin'), language: 'latin' },
];

/** Function words of languages written in Latin letters: frequent in any text, rare in the others. */
const LATIN_WORDS: Record<string, string> = {
  en: 'the and of to in is that for was with said on it as are by be this have from has were which not but had they their its an at he she will would',
  es: 'el la de que y en los del las por con una para se es al lo como más fue su pero sus ha este esta también entre sobre dijo',
  fr: 'le la les de des et est que une dans du pour qui pas sur au avec ce sont il aux cette ont été mais elle ses leur plus selon',
  de: 'der die und das ist nicht den mit von zu sich des auf ein eine für im dem auch es wurde sind wird nach bei aus hat sagte',
  it: 'il di che la e per un una del della non sono con gli le nel alla è da ha anche dei delle ma come più essere stato',
  pt: 'de que o a do da em um uma para com não os no na se por mais as dos foi é ao das também pelo pela sua seu disse',
  nl: 'de het een van en is dat niet op te zijn voor met die er ook werd aan bij heeft zal naar om maar dan wordt',
  sv: 'och att det som en på är av för med till den inte har om ett var de jag men från skulle sig efter också',
  da: 'og at det en til er som på de med af for ikke der var har et den fra men også blev skal efter',
  nb: 'og det er som en til på av for med at ikke har de den et var om fra men også ble skal etter',
  pl: 'i w na z się że nie do jest to jak o przez od za po oraz jego już był była są które który także',
  cs: 'a se na v je že to s z do o jako by pro ale jsou byl byla jeho které který také podle',
  tr: 've bir bu da de için ile olarak çok daha gibi olan ne ama en göre sonra kadar değil',
  id: 'yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena oleh telah ada',
  ro: 'și de în la că cu nu pe este din o un mai care pentru sau fost au fi lui',
  fi: 'ja on ei se että oli kun mutta hän ovat myös tai joka kuin mukaan',
  hu: 'a az és hogy nem is egy van meg de ez volt már csak mint szerint',
};

/** Letters that only some Cyrillic languages use. */
const CYRILLIC: readonly { letters: RegExp; language: string }[] = [
  { letters: /[іїєґ]/giu, language: 'uk' },
  { letters: /[ђћџљњј]/giu, language: 'sr' },
  { letters: /[ѓќѕ]/giu, language: 'mk' },
  { letters: /[ў]/giu, language: 'be' },
];

/** Letters of Persian and Urdu that Arabic does not use. */
const ARABIC_SCRIPT: readonly { letters: RegExp; language: string }[] = [
  { letters: /[ٹڈڑںےھ]/gu, language: 'ur' },
  { letters: /[پچژگکی]/gu, language: 'fa' },
];

/** Each function word with the languages it belongs to ("de" is Spanish, French, Portuguese, Dutch, Romanian). */
const LANGUAGES_OF_WORD = new Map<string, string[]>();
for (const [lang, words] of Object.entries(LATIN_WORDS)) for (const w of words.split(' ')) LANGUAGES_OF_WORD.set(w, [...(LANGUAGES_OF_WORD.get(w) ?? []), lang]);

/** How much of a text is read: enough for any article's verdict, bounded for a book. */
const SAMPLE_UNITS = 20_000;
/** Fewer letters than this say too little about a language. */
const MIN_LETTERS = 24;

/**
 * The text's language as a BCP 47 primary tag (`en`, `ar`, `zh`…), or
 * undefined when the text is too short or its evidence unclear.
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE_UNITS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return undefined;
  // One native scan per script rather than a test of every script per letter: this runs on every import.
  const counts = new Map<string, number>();
  for (const { letters: re, language } of SCRIPTS) {
    const n = sample.match(re)?.length ?? 0;
    if (n) counts.set(language, n);
  }
  // Japanese mixes Han with kana; a few kana among Chinese characters still make it Japanese.
  if ((counts.get('ja') ?? 0) > 0.05 * ((counts.get('zh') ?? 0) + (counts.get('ja') ?? 0))) counts.set('ja', (counts.get('ja') ?? 0) + (counts.get('zh') ?? 0));
  const [script, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n < letters / 2 && n < MIN_LETTERS) return undefined;
  if (script === 'latin') return latinLanguage(sample);
  if (script === 'ru') return bySpecialLetters(sample, CYRILLIC, n) ?? 'ru';
  if (script === 'ar') return bySpecialLetters(sample, ARABIC_SCRIPT, n) ?? 'ar';
  return script || undefined;
}

/** A language whose own letters make at least 0.5% of the script's letters. */
function bySpecialLetters(sample: string, candidates: readonly { letters: RegExp; language: string }[], total: number): string | undefined {
  let best: { language: string; count: number } | undefined;
  for (const c of candidates) {
    const count = sample.match(c.letters)?.length ?? 0;
    if (count >= Math.max(2, total * 0.005) && count > (best?.count ?? 0)) best = { language: c.language, count };
  }
  return best?.language;
}

function latinLanguage(sample: string): string | undefined {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = new Map<string, number>();
  for (const w of words) for (const lang of LANGUAGES_OF_WORD.get(w) ?? []) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return undefined;
  // At least a few function words, a tenth of the words or more, and clearly ahead of the runner-up.
  if (first[1] < 3 || first[1] < words.length * 0.08) return undefined;
  if (second && second[1] > first[1] * 0.8) return undefined;
  return first[0];
}
