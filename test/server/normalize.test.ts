import { describe, expect, it } from 'vitest';
import {
  identityKey,
  normalizeEmail,
  normalizeHandle,
  normalizeIdentifier,
  normalizeNumber,
} from '../../lib/contract/normalize.ts';

describe('normalizeEmail', () => {
  it.each([
    [' Sofia.Reyes@EXAMPLE.com ', 'sofia.reyes@example.com'],
    ['mailto:Jane.Smith@Example.com', 'jane.smith@example.com'],
    ['MAILTO:john.carter@example.net', 'john.carter@example.net'],
    ['\tmary.okafor@example.org\n', 'mary.okafor@example.org'],
    // Full-width characters, as pasted from some CJK input methods, fold to ASCII.
    ['ｐｒｉｙａ．ｎａｉｒ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'priya.nair@example.com'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe('normalizeHandle', () => {
  it.each([
    ['@SofiaFlies', 'sofiaflies'],
    ['sofiaflies', 'sofiaflies'],
    ['  @JaneSmith ', 'janesmith'],
    ['＠DBrooks_Travels', 'dbrooks_travels'],
    // Fediverse handles keep their host; only the leading @ goes.
    ['@Mary@Mastodon.Social', 'mary@mastodon.social'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHandle(input)).toBe(expected);
  });

  it('drops only one leading @', () => {
    expect(normalizeHandle('@@x')).toBe('@x');
  });
});

describe('normalizeNumber', () => {
  it.each([
    ['sk 204816', 'SK204816'],
    ['SK-204816', 'SK204816'],
    ['lc–000 123', 'LC000123'],
    ['hh—900075', 'HH900075'],
    [' DP 778-201 ', 'DP778201'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });
});

describe('normalizeIdentifier and identityKey', () => {
  it('normalises each kind and keeps the handle network', () => {
    expect(normalizeIdentifier({ kind: 'handle', network: 'x', value: '@SofiaFlies' })).toEqual({
      kind: 'handle',
      network: 'x',
      value: 'sofiaflies',
    });
    expect(normalizeIdentifier({ kind: 'email', value: ' A@B.COM' })).toEqual({
      kind: 'email',
      value: 'a@b.com',
    });
    expect(normalizeIdentifier({ kind: 'loyalty', value: 'sk 204816' })).toEqual({
      kind: 'loyalty',
      value: 'SK204816',
    });
    expect(normalizeIdentifier({ kind: 'order', value: 'ord-77 12' })).toEqual({
      kind: 'order',
      value: 'ORD7712',
    });
  });

  it('is idempotent', () => {
    for (const id of [
      { kind: 'handle', network: 'instagram', value: '@Some.One' },
      { kind: 'email', value: ' X@Y.Z ' },
      { kind: 'loyalty', value: 'ab-12 34' },
    ] as const) {
      const once = normalizeIdentifier(id);
      expect(normalizeIdentifier(once)).toEqual(once);
    }
  });

  it('gives the stable keys badges carry', () => {
    expect(identityKey(normalizeIdentifier({ kind: 'email', value: 'Jane@Example.com ' }))).toBe(
      'email:jane@example.com',
    );
    expect(identityKey(normalizeIdentifier({ kind: 'handle', network: 'x', value: '@JaneSmith' }))).toBe(
      'handle:x:janesmith',
    );
    expect(identityKey(normalizeIdentifier({ kind: 'loyalty', value: 'LC-000123' }))).toBe(
      'loyalty:LC000123',
    );
  });

  it('distinguishes the same handle on two networks', () => {
    const onX = identityKey(normalizeIdentifier({ kind: 'handle', network: 'x', value: 'janesmith' }));
    const onInstagram = identityKey(
      normalizeIdentifier({ kind: 'handle', network: 'instagram', value: 'janesmith' }),
    );
    expect(onX).not.toBe(onInstagram);
  });
});
