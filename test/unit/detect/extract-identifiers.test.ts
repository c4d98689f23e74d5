import { describe, expect, it } from 'vitest';
import { extractEmails } from '../../../lib/detect/extract-emails.ts';
import { extractHandles } from '../../../lib/detect/extract-handles.ts';
import { emailFromMailto, extractIdentifiers } from '../../../lib/detect/extract-identifiers.ts';
import { networkForHost } from '../../../lib/detect/network-for-host.ts';

const keys = (text: string, network: 'x' | 'instagram' = 'x') =>
  extractIdentifiers(text, network).map((found) => found.key);

describe('extractEmails', () => {
  it('finds addresses in prose and leaves trailing punctuation out', () => {
    const text = 'Write to priya.nair@example.com, or Sofia.Reyes@Example.com.';
    expect(extractEmails(text).map((span) => span.value)).toEqual([
      'priya.nair@example.com',
      'Sofia.Reyes@Example.com',
    ]);
    const [first] = extractEmails(text);
    expect(text.slice(first?.start, first?.end)).toBe('priya.nair@example.com');
  });

  it('rejects an address without a top-level domain', () => {
    expect(extractEmails('ping foo@bar about it')).toEqual([]);
  });

  it('handles plus addressing, subdomains and parentheses', () => {
    expect(extractEmails('(john.carter+pizza@mail.example.net)').map((span) => span.value)).toEqual([
      'john.carter+pizza@mail.example.net',
    ]);
  });

  it('does not start an address with dots', () => {
    expect(extractEmails('see...jane@example.com').map((span) => span.value)).toEqual(['jane@example.com']);
  });
});

describe('extractHandles', () => {
  it('finds handles with underscores and digits, without trailing punctuation', () => {
    expect(extractHandles('Hey @dbrooks_travels, and @random_user1!', 'x').map((span) => span.value)).toEqual(
      ['@dbrooks_travels', '@random_user1'],
    );
  });

  it('does not read the domain of an e-mail address as a handle', () => {
    expect(extractHandles('user@example.com', 'x')).toEqual([]);
    expect(extractHandles('x@a b@c_d', 'x')).toEqual([]);
  });

  it('ignores a lone @ and @@', () => {
    expect(extractHandles('meet @ 5, @@sofiaflies', 'x')).toEqual([]);
  });

  it('keeps inner dots of Instagram handles and drops a sentence dot', () => {
    expect(extractHandles('Thanks @jane.doe.', 'instagram').map((span) => span.value)).toEqual(['@jane.doe']);
    expect(extractHandles('Thanks @jane.doe.', 'x').map((span) => span.value)).toEqual(['@jane']);
  });
});

describe('extractIdentifiers', () => {
  it('returns normalised keys in reading order, e-mail winning over its @domain', () => {
    expect(keys('@SofiaFlies wrote to Priya.Nair@Example.com and @a')).toEqual([
      'handle:x:sofiaflies',
      'email:priya.nair@example.com',
      'handle:x:a',
    ]);
  });

  it('yields no handle for user@example.com', () => {
    expect(keys('user@example.com')).toEqual(['email:user@example.com']);
  });

  it('uses the network it is given', () => {
    expect(keys('@maryokafor', 'instagram')).toEqual(['handle:instagram:maryokafor']);
  });
});

describe('emailFromMailto', () => {
  it('takes the first recipient and ignores the query', () => {
    expect(emailFromMailto('mailto:John.Carter@example.net,b@example.com?subject=Hi')?.key).toBe(
      'email:john.carter@example.net',
    );
    expect(emailFromMailto('mailto:jane%40example.com')?.key).toBe('email:jane@example.com');
  });

  it('returns null for other links and malformed ones', () => {
    expect(emailFromMailto('https://example.com')).toBeNull();
    expect(emailFromMailto('mailto:%E0%A4%A')).toBeNull();
    expect(emailFromMailto('mailto:')).toBeNull();
  });
});

describe('networkForHost', () => {
  it('maps hosts to networks, X by default', () => {
    expect(networkForHost('x.com')).toBe('x');
    expect(networkForHost('twitter.com')).toBe('x');
    expect(networkForHost('www.instagram.com')).toBe('instagram');
    expect(networkForHost('127.0.0.1')).toBe('x');
  });
});
