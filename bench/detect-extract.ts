import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LinkifyIt } from 'linkify-it';
// @ts-expect-error twitter-text ships no types; used here only as a baseline.
import twitterText from 'twitter-text';
import { extractEmails } from '../lib/detect/extract-emails.ts';
import { extractMentions } from '../lib/detect/twitter-mentions.ts';

// Extractor throughput against the libraries that define the answers (twitter-text for @mentions,
// linkify-it for e-mail addresses), on the same corpus in the same run. Both are dev dependencies used
// only here. Corpus: the text of the real saved x.com page when ../shared/corpora is present, plus the
// conformance inputs, repeated to ~2 MB.
const ROOT = path.resolve(import.meta.dirname, '..');
const page = path.resolve(ROOT, '../shared/corpora/pages/x.com/home-timeline.html');
const pageText = existsSync(page)
  ? readFileSync(page, 'utf8')
      .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, '\n')
  : '';
const conformance = readFileSync(path.join(ROOT, 'test/fixtures/vendor/linkify-it/links.txt'), 'utf8');
const lines =
  `${pageText}\n${conformance}\nmail sofia.reyes@example.com or @sofiaflies, cc @dbrooks_travels\n`
    .split('\n')
    .filter((l) => l.trim() !== '');
const corpus: string[] = [];
while (corpus.reduce((n, l) => n + l.length, 0) < 2_000_000) corpus.push(...lines);
const bytes = corpus.reduce((n, l) => n + l.length, 0);

const linkify = new LinkifyIt();
const tt = twitterText as { extractMentions(text: string): string[] };

function time(run: () => number): { ms: number; found: number } {
  run(); // warm-up
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    found = run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[2] ?? NaN, found };
}

const ours = {
  mentions: time(() => corpus.reduce((n, l) => n + extractMentions(l).length, 0)),
  emails: time(() => corpus.reduce((n, l) => n + extractEmails(l).length, 0)),
};
const base = {
  mentions: time(() => corpus.reduce((n, l) => n + tt.extractMentions(l).length, 0)),
  emails: time(() =>
    corpus.reduce(
      (n, l) =>
        n +
        (linkify.match(l) ?? []).filter(
          (m) => m.schema === 'mailto:' || (m.schema === '' && m.raw.includes('@')),
        ).length,
      0,
    ),
  ),
};

const mb = bytes / 1e6;
console.log(`corpus ${mb.toFixed(1)} MB in ${corpus.length} lines, Node ${process.version}`);
console.log('extractor              MB/s   found   baseline MB/s   found   ratio (≥1 is as fast or faster)');
for (const kind of ['mentions', 'emails'] as const) {
  const o = ours[kind];
  const b = base[kind];
  console.log(
    `${kind === 'mentions' ? '@mentions vs twitter-text' : 'e-mail vs linkify-it    '}  ${(mb / (o.ms / 1000)).toFixed(0).padStart(5)}  ${String(o.found).padStart(6)}  ${(mb / (b.ms / 1000)).toFixed(0).padStart(14)}  ${String(b.found).padStart(6)}  ${(b.ms / o.ms).toFixed(2)}`,
  );
}
