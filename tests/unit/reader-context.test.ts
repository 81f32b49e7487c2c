import { describe, expect, it } from 'vitest';
import { sentenceAround } from '../../renderer/src/reader/context.ts';

const TEXT = 'Pakistan was not invited. Officials in Pakistan said “we will talk.” Then Pakistan signed.\nNew paragraph on Pakistan';
const at = (n: number) => {
  let i = -1;
  for (let k = 0; k <= n; k++) i = TEXT.indexOf('Pakistan', i + 1);
  return sentenceAround(TEXT, i, i + 8);
};

describe('sentenceAround', () => {
  it('gives the sentence each mention is in', () => {
    expect(at(0)).toEqual({ before: '', quote: 'Pakistan', after: ' was not invited.' });
    expect(at(1)).toEqual({ before: 'Officials in ', quote: 'Pakistan', after: ' said “we will talk.”' });
    expect(at(2)).toEqual({ before: 'Then ', quote: 'Pakistan', after: ' signed.' });
    expect(at(3)).toEqual({ before: 'New paragraph on ', quote: 'Pakistan', after: '' });
  });
  it('shortens a long sentence around the span', () => {
    const long = `${'word '.repeat(100)}Pakistan ${'more '.repeat(100)}end.`;
    const i = long.indexOf('Pakistan');
    const c = sentenceAround(long, i, i + 8, 60);
    expect(c.quote).toBe('Pakistan');
    expect(c.before.startsWith('…')).toBe(true);
    expect(c.after.endsWith('…')).toBe(true);
    expect(c.before.length + c.after.length).toBeLessThanOrEqual(60);
  });
});
