// UTF-16 ↔ code point offsets (shared/text/codepoints.ts) on the text that
// breaks naive conversions: astral emoji, modifiers, flags, ZWJ sequences,
// mathematical letters, combining marks, right-to-left scripts.
import { describe, expect, it } from 'vitest';
import { codePointToUtf16, codePointToUtf16Many, countCodePoints, utf16ToCodePoint, utf16ToCodePointMany } from '../../shared/index.ts';

const SAMPLES: Record<string, string> = {
  ascii: 'Pakistan met the minister.',
  'emoji with skin tone': 'Thumbs 👍🏽 up',
  flag: 'Flag 🇵🇰 of Pakistan 🇺🇸',
  'ZWJ sequence': 'Family 👨‍👩‍👧‍👦 and 🏳️‍🌈 end',
  'mathematical alphanumerics': '𝐀𝐁𝐂 bold and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯',
  'combining marks': 'Cafe\u0301 and e\u0301\u0323 and Zu\u0308rich',
  Arabic: 'قال رئيس الوزراء شهباز شريف ١٢٣',
  Hebrew: 'שלום עולם, ‏ירושלים‏',
  'mixed direction': 'The minister said «معادن نادرة» (rare minerals) 🇵🇰 today',
  'starts and ends astral': '𝐀middle😀',
  empty: '',
};

/** Reference conversion: code points are what `Array.from` iterates. */
const cpLength = (s: string) => Array.from(s).length;

/** The UTF-16 offsets where a code point starts, plus the end. */
function boundaries(text: string): number[] {
  const out = [0];
  for (const ch of text) out.push(out[out.length - 1]! + ch.length);
  return out;
}

describe('code point offsets', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    describe(name, () => {
      const bounds = boundaries(text);

      it('counts code points as Array.from does', () => {
        expect(countCodePoints(text)).toBe(cpLength(text));
      });

      it('round-trips every offset', () => {
        for (const [cp, u16] of bounds.entries()) {
          expect(utf16ToCodePoint(text, u16)).toBe(cp);
          expect(codePointToUtf16(text, cp)).toBe(u16);
          expect(utf16ToCodePoint(text, codePointToUtf16(text, cp))).toBe(cp);
          expect(text.slice(0, u16)).toBe(Array.from(text).slice(0, cp).join(''));
        }
      });

      it('the batch conversions agree with the single ones, in any order', () => {
        const shuffled = [...bounds.keys()].reverse().concat([...bounds.keys()].filter((k) => k % 2 === 0));
        expect(codePointToUtf16Many(text, shuffled)).toEqual(shuffled.map((cp) => codePointToUtf16(text, cp)));
        const u16s = shuffled.map((cp) => bounds[cp]!);
        expect(utf16ToCodePointMany(text, u16s)).toEqual(shuffled);
        // Every UTF-16 offset, including ones inside a surrogate pair, maps the same way both ways.
        const all = Array.from({ length: text.length + 1 }, (_, i) => text.length - i);
        expect(utf16ToCodePointMany(text, all)).toEqual(all.map((i) => utf16ToCodePoint(text, i)));
      });

      it('refuses code point offsets past the end', () => {
        const n = cpLength(text);
        expect(() => codePointToUtf16(text, n + 1)).toThrow(RangeError);
        expect(() => codePointToUtf16(text, n + 1)).toThrow(/past the end/);
        expect(() => codePointToUtf16Many(text, [0, n + 1])).toThrow(RangeError);
      });
    });
  }

  it('converts an annotation span over emoji and flags the way brat and W3C count', () => {
    const text = 'Deal 👍🏽 for 🇵🇰 Pakistan';
    const start = text.indexOf('Pakistan');
    const end = start + 'Pakistan'.length;
    expect([start, end]).toEqual([19, 27]);
    expect(utf16ToCodePointMany(text, [start, end])).toEqual([15, 23]);
    expect(Array.from(text).slice(15, 23).join('')).toBe('Pakistan');
  });

  it('counts an offset inside a surrogate pair as having begun that code point', () => {
    const text = 'a😀b';
    expect(utf16ToCodePoint(text, 2)).toBe(2);
    expect(utf16ToCodePointMany(text, [2])).toEqual([2]);
  });

  it('treats lone surrogates as one code point each, as Array.from does', () => {
    for (const text of ['a\ud800b', 'a\udc00b', '\ud800', 'x\ud83d', '\udc00\ud800', '\ud83d😀']) {
      const bounds = boundaries(text);
      expect(countCodePoints(text), JSON.stringify(text)).toBe(cpLength(text));
      for (const [cp, u16] of bounds.entries()) {
        expect(codePointToUtf16(text, cp), `${JSON.stringify(text)} @${cp}`).toBe(u16);
        expect(utf16ToCodePoint(text, u16), `${JSON.stringify(text)} @${u16}`).toBe(cp);
      }
      expect(codePointToUtf16Many(text, [...bounds.keys()])).toEqual(bounds);
      expect(utf16ToCodePointMany(text, bounds)).toEqual([...bounds.keys()]);
    }
  });
});
