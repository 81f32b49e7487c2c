import { describe, expect, it } from 'vitest';
import { snapToWords, trimToWords } from '../../renderer/src/reader/wordSnap.ts';

const snap = (text: string, a: string, b = a) => {
  const start = text.indexOf(a);
  const end = text.indexOf(b, start) + b.length;
  const r = snapToWords(text, start, end);
  return text.slice(r.start, r.end);
};

describe('snapToWords', () => {
  it('widens a selection that starts or ends inside a word', () => {
    expect(snap('Talks in Islamabad went well', 'lamab')).toBe('Islamabad');
    expect(snap('Talks in Islamabad went well', 's in Isl')).toBe('Talks in Islamabad');
  });
  it('keeps a selection that already has whole words, and spaces at its edges', () => {
    expect(snap('Talks in Islamabad', 'in')).toBe('in');
    expect(snap('Talks in Islamabad', ' in ')).toBe(' in ');
  });
  it('treats apostrophes and hyphens inside words as part of them', () => {
    expect(snap("They don't trade rare-earth metals", 'on')).toBe("don't");
    expect(snap("They don't trade rare-earth metals", 'ear')).toBe('rare-earth');
    expect(snap("the 'quoted' word", 'uot')).toBe('quoted');
  });
  it('keeps combining marks with their letters and never splits an emoji', () => {
    const text = 'Cafe\u0301 🇵🇰 Lahore';
    expect(snap(text, 'af')).toBe('Cafe\u0301');
    const flag = text.indexOf('🇵🇰');
    // Starting between the two halves of a surrogate pair moves to the pair's start.
    const r = snapToWords(text, flag + 1, flag + 3);
    expect(text.slice(r.start, r.end)).toBe('🇵🇰'.slice(0, 4));
    expect(snap('ok 👍🏽 Sehr schön', 'chö')).toBe('schön');
  });
  it('handles right-to-left text', () => {
    expect(snap('قال وزير الخارجية', 'زي')).toBe('وزير');
  });
});

describe('trimToWords', () => {
  const trim = (text: string, selected: string) => {
    const start = text.indexOf(selected);
    const r = trimToWords(text, start, start + selected.length);
    return text.slice(r.start, r.end);
  };
  it('leaves out white space, dashes, commas and a sentence’s full stop at either end', () => {
    const text = 'Prices fell after the Chile–EU deal, analysts said. Talks in Islamabad. Then — silence.';
    expect(trim(text, 'Chile–')).toBe('Chile');
    expect(trim(text, 'deal, ')).toBe('deal');
    expect(trim(text, ' Islamabad. ')).toBe('Islamabad');
    expect(trim(text, '— silence.')).toBe('silence');
    expect(trim(text, 'Chile–EU')).toBe('Chile–EU');
  });
  it('keeps abbreviations, initials, and quotes or brackets whose partner is inside', () => {
    const text = 'The U.S. and Apple Inc. met J. Smith (Reuters) on “a model” deal, said "Boric".';
    expect(trim(text, 'U.S. ')).toBe('U.S.');
    expect(trim(text, 'Apple Inc.')).toBe('Apple Inc.');
    expect(trim(text, 'J.')).toBe('J.');
    expect(trim(text, '(Reuters)')).toBe('(Reuters)');
    expect(trim(text, '(Reuters')).toBe('Reuters');
    expect(trim(text, '“a model”')).toBe('“a model”');
    expect(trim(text, 'a model” ')).toBe('a model');
    expect(trim(text, '"Boric".')).toBe('"Boric"');
  });
  it('counts surrogate pairs, combining marks and right-to-left text as word characters around it', () => {
    expect(trim('Cafe\u0301, 🇵🇰 team.', 'Cafe\u0301, ')).toBe('Cafe\u0301');
    expect(trim('وقعت تشيلي، والاتحاد.', 'تشيلي، ')).toBe('تشيلي');
    expect(trim('Go 👍🏽.', '👍🏽.')).toBe('👍🏽');
  });
  it('keeps a selection of punctuation only as it was made', () => {
    expect(trim('Wait — what?', '—')).toBe('—');
    expect(trim('Wait . what', ' . ')).toBe(' . ');
  });
});
