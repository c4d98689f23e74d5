import { describe, expect, it } from 'vitest';
import { DetectionPatterns } from '../../../lib/contract/detection-patterns.ts';
import { luhnValid, mod10Valid } from '../../../lib/detect/check-digits.ts';
import { extractEmails } from '../../../lib/detect/extract-emails.ts';
import { extractHandles } from '../../../lib/detect/extract-handles.ts';
import { extractIdentifiers } from '../../../lib/detect/extract-identifiers.ts';
import { compilePatterns } from '../../../lib/detect/number-patterns.ts';

const keys = (
  text: string,
  network: 'x' | 'instagram' | 'threads' = 'x',
  patterns = compilePatterns({ patterns: [] }),
) => extractIdentifiers(text, network, patterns).map((found) => found.key);

describe('fediverse handles and e-mail addresses never pass for each other', () => {
  it('reads @user@host as a fediverse handle, not an e-mail or an X mention', () => {
    expect(keys('ping @sofia@mastodon.social about it')).toEqual(['handle:fediverse:sofia@mastodon.social']);
  });

  it('reads user@host as an e-mail address, not a fediverse handle', () => {
    expect(keys('write sofia.reyes@example.com')).toEqual(['email:sofia.reyes@example.com']);
  });

  it('reads both in one sentence', () => {
    expect(keys('@jane@hachyderm.io or jane.smith@example.com')).toEqual([
      'handle:fediverse:jane@hachyderm.io',
      'email:jane.smith@example.com',
    ]);
  });
});

describe('Instagram and Threads handles', () => {
  it('keeps inner dots and drops a trailing one', () => {
    expect(extractHandles('thanks @mary.okafor. and @john_c', 'instagram').map((s) => s.value)).toEqual([
      '@mary.okafor',
      '@john_c',
    ]);
  });

  it('refuses names longer than 30 characters and names inside e-mail addresses', () => {
    expect(extractHandles(`@${'a'.repeat(31)}`, 'threads')).toEqual([]);
    expect(keys('mary@example.org', 'instagram')).toEqual(['email:mary@example.org']);
  });
});

describe('tenant card and order patterns', () => {
  const defaults = compilePatterns(
    DetectionPatterns.parse({
      patterns: [
        { kind: 'loyalty', source: 'SK-\\d{6}' },
        { kind: 'order', source: 'O-\\d{5}' },
        { kind: 'loyalty', source: '\\d{16}', checkDigit: 'luhn' },
        { kind: 'order', source: 'EAN\\d{13}', checkDigit: 'mod10' },
      ],
    }),
  );

  it('finds numbers that stand alone and normalises them', () => {
    expect(keys('Card SK-204816, order O-12345.', 'x', defaults)).toEqual([
      'loyalty:SK204816',
      'order:O12345',
    ]);
    expect(keys('XSK-204816 SK-2048167 PO-12345', 'x', defaults)).toEqual([]);
  });

  it('checks Luhn and GS1 mod 10 digits', () => {
    expect(luhnValid('4539 1488 0343 6467')).toBe(true);
    expect(luhnValid('4539 1488 0343 6468')).toBe(false);
    expect(mod10Valid('4006381333931')).toBe(true);
    expect(mod10Valid('4006381333932')).toBe(false);
    expect(keys('4539148803436467 4539148803436468', 'x', defaults)).toEqual(['loyalty:4539148803436467']);
    expect(keys('EAN4006381333931 EAN4006381333932', 'x', defaults)).toEqual(['order:EAN4006381333931']);
  });

  it('refuses unsafe or broken sources with the reason', () => {
    for (const source of ['(a+)+$', '(\\d*)*', '(x)\\1', '(?<=a)b', '[', 'x'.repeat(121)]) {
      const result = DetectionPatterns.safeParse({ patterns: [{ kind: 'loyalty', source }] });
      expect(result.success, source).toBe(false);
    }
  });

  it('e-mail addresses win over a number pattern inside them', () => {
    expect(keys('sk-204816@example.com', 'x', defaults)).toEqual(['email:sk-204816@example.com']);
  });
});

describe('extractEmails edge cases', () => {
  it('ignores e-mail-looking URL credentials and takes IDN domains', () => {
    expect(extractEmails('https://bob:secret@example.com/x').length).toBe(0);
    expect(extractEmails('anna@bücher.de').map((s) => s.value)).toEqual(['anna@bücher.de']);
  });
});
