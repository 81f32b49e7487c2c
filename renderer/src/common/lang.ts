const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A document's language as an HTML `lang` value, or undefined when it is not
 * a language tag the browser knows: metadata is typed by people ("English",
 * "en_US"), and an invalid `lang` misleads screen readers more than none.
 */
export function langAttribute(language: string | undefined): string | undefined {
  const tag = language?.trim().replace(/_/g, '-');
  if (!tag) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && names.of(canonical.split('-')[0]!) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** A language tag as people read it ("Arabic", "English (United States)"); the text itself when it is not a known tag. */
export function languageName(language: string | undefined): string {
  const tag = langAttribute(language);
  if (!tag) return language ?? '';
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
