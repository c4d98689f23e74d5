import { describe, expect, it } from 'vitest';
import { mayHoldIdentifier } from '../../../lib/detect/text-prefilter.ts';

// Short strings are scanned by a loop, long ones by indexOf: both paths must see both at signs.
const long = (s: string) => `${'x'.repeat(40)}${s}${'y'.repeat(40)}`;

describe('mayHoldIdentifier', () => {
  it.each([
    ['@a', true],
    ['＠a', true],
    ['a＠', true],
    [long('@'), true],
    [long('＠'), true],
    ['', false],
    ['·', false],
    ['12 replies', false],
    [long('no at sign'), false],
  ])('%j → %s', (data, expected) => {
    expect(mayHoldIdentifier(data, false)).toBe(expected);
  });

  it('lets digits through only when the tenant has number patterns', () => {
    expect(mayHoldIdentifier('card SK-204816', false)).toBe(false);
    expect(mayHoldIdentifier('card SK-204816', true)).toBe(true);
    expect(mayHoldIdentifier(long('4'), true)).toBe(true);
    expect(mayHoldIdentifier('＠a', true)).toBe(true);
    expect(mayHoldIdentifier('no numbers', true)).toBe(false);
  });
});
