import { describe, expect, it } from 'vitest';
import { snapToWords } from '../../renderer/src/reader/wordSnap.ts';

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
