import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DETECTION_PATTERNS } from '../../../lib/contract/detection-patterns.ts';
import { compilePatterns } from '../../../lib/detect/number-patterns.ts';
import type { Candidate, FindEnv, SiteAdapter } from '../../../lib/sites/site-adapter.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/sites');

/** Puts a fixture page into the test's document (happy-dom; its scripts are not run). */
export function loadFixture(name: string): Document {
  const html = readFileSync(path.join(FIXTURES, name), 'utf8');
  document.documentElement.innerHTML = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<\/html>[\s\S]*$/i, '');
  return document;
}

/** What the annotator would badge: the adapter's candidates, one per identity per scope, as "role key". */
export function badged(
  adapter: SiteAdapter,
  root: Node = document.body,
): { line: string; candidate: Candidate }[] {
  const env: FindEnv = {
    patterns: compilePatterns(DEFAULT_DETECTION_PATTERNS),
    seen: new WeakSet(),
    discover: () => {},
    stats: { textNodes: 0 },
  };
  const perScope = new Map<Node, Set<string>>();
  const out: { line: string; candidate: Candidate }[] = [];
  for (const found of adapter.find(root, env)) {
    if (!found) continue;
    const keys = perScope.get(found.scope) ?? new Set();
    perScope.set(found.scope, keys);
    if (keys.has(found.key)) continue;
    keys.add(found.key);
    out.push({ line: `${found.role} ${found.key}`, candidate: found });
  }
  return out;
}

/** Every selector constant must match at least one element of its fixture. */
export function unmatchedSelectors(selectors: Record<string, string>, doc: Document): string[] {
  return Object.entries(selectors)
    .filter(([, selector]) => doc.querySelector(selector) === null)
    .map(([name, selector]) => `${name}: ${selector}`);
}
