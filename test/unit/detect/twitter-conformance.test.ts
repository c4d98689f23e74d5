import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractHandles } from '../../../lib/detect/extract-handles.ts';
import { extractMentionsOrLists, extractReply } from '../../../lib/detect/twitter-mentions.ts';

// Twitter's own conformance cases (vendored with their Apache-2.0 license): what an @mention is.
const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/vendor/twitter-text/extract-mentions.yml');

interface Case<T> {
  description: string;
  text: string;
  expected: T;
}
interface Indexed {
  screen_name: string;
  list_slug?: string;
  indices: [number, number];
}
const suite = parse(readFileSync(FIXTURE, 'utf8')).tests as {
  mentions: Case<string[]>[];
  mentions_with_indices: Case<Indexed[]>[];
  mentions_or_lists_with_indices: Case<Indexed[]>[];
  replies: Case<string | null>[];
};

const names = (text: string) => extractHandles(text, 'x').map((span) => span.value.slice(1));

describe('twitter-text conformance: mentions', () => {
  it('has the 44 cases the corpus README promises', () => {
    const total =
      suite.mentions.length +
      suite.mentions_with_indices.length +
      suite.mentions_or_lists_with_indices.length +
      suite.replies.length;
    expect(total).toBe(44);
  });

  it.each(suite.mentions)('$description', ({ text, expected }) => {
    expect(names(text)).toEqual(expected);
  });

  it.each(suite.mentions_with_indices)('with indices: $description', ({ text, expected }) => {
    const spans = extractHandles(text, 'x');
    expect(spans.map((s) => ({ screen_name: s.value.slice(1), indices: [s.start, s.end] }))).toEqual(
      expected,
    );
  });

  it.each(suite.mentions_or_lists_with_indices)('or lists: $description', ({ text, expected }) => {
    const spans = extractMentionsOrLists(text).map((s) => ({
      screen_name: s.screenName,
      list_slug: s.listSlug,
      indices: [s.start, s.end],
    }));
    expect(spans).toEqual(expected);
  });

  it.each(suite.replies)('replies: $description', ({ text, expected }) => {
    expect(extractReply(text)).toBe(expected ?? null);
  });
});
