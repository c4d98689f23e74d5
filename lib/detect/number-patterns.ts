import type { DetectionPatterns } from '../contract/detection-patterns.ts';
import { patternSourceProblem } from '../contract/detection-patterns.ts';
import { checkDigitValid } from './check-digits.ts';
import type { TextSpan } from './extract-emails.ts';

export interface NumberSpan extends TextSpan {
  kind: 'loyalty' | 'order';
}

/** Tenant patterns compiled once: one alternation per page, so each text node is searched once. */
export interface CompiledPatterns {
  /** False when there is nothing to look for: text without `@` can then be skipped unread. */
  active: boolean;
  find(text: string): NumberSpan[];
}

export const NO_PATTERNS: CompiledPatterns = { active: false, find: () => [] };

// A number must stand alone: `XSK-204816` or `SK-2048167` is not card SK-204816.
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}_-])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}_])';

/**
 * Compiles the backend's patterns with fixed flags (`giu`; the tenant cannot turn on anything else).
 * Patterns the contract would refuse are dropped, so a bad row never breaks detection of the others.
 */
export function compilePatterns(config: DetectionPatterns): CompiledPatterns {
  const usable = config.patterns.filter((p) => patternSourceProblem(p.source) === null);
  if (usable.length === 0) return NO_PATTERNS;
  // Each pattern in its own named group, so a match says which kind and check digit it is.
  const alternation = usable.map((p, i) => `(?<p${i}>${p.source})`).join('|');
  const regex = new RegExp(`${EDGE_BEFORE}(?:${alternation})${EDGE_AFTER}`, 'giu');
  return {
    active: true,
    find(text) {
      const found: NumberSpan[] = [];
      // Text this long is a data dump, not a message: scanning it could take long with a greedy pattern.
      if (text.length > 20_000) return found;
      for (const match of text.matchAll(regex)) {
        const index = usable.findIndex((_, i) => match.groups?.[`p${i}`] !== undefined);
        const pattern = usable[index];
        if (!pattern || match[0].length === 0) continue;
        if (!checkDigitValid(pattern.checkDigit, match[0])) continue;
        found.push({
          kind: pattern.kind,
          value: match[0],
          start: match.index,
          end: match.index + match[0].length,
        });
      }
      return found;
    },
  };
}
