import { describe, expect, it } from 'vitest';
import { defaultOption, sameText } from '../../renderer/src/common/Combobox.tsx';

const options = [
  { id: 'p1', label: 'Pakistan is a key US partner on critical minerals' },
  { id: 'p2', label: 'Pakistan is a key partner' },
];

describe('the picker default', () => {
  it('compares ignoring case and spacing', () => {
    expect(sameText('  pakistan is a KEY\tpartner ', 'Pakistan is a key partner')).toBe(true);
    expect(sameText('Pakistan is a key partner.', 'Pakistan is a key partner')).toBe(false);
  });
  it('with Create offered: an exact match, else Create, never a similar option', () => {
    expect(defaultOption(options, 'pakistan is a key partner', true)).toBe(1);
    expect(defaultOption(options, 'Pakistan is a partner', true)).toBe(options.length); // "Create"
    expect(defaultOption(options.slice(0, 1), 'Pakistan is a key partner', true)).toBe(1); // "Create", after the one option
  });
  it('without Create: the first match', () => {
    expect(defaultOption(options, 'anything', false)).toBe(0);
  });
});
