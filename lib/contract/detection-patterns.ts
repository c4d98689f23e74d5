import * as z from 'zod/mini';

// How a brand's loyalty card and order numbers look, served by GET /v1/detection-patterns and compiled
// once by the content script (lib/detect/number-patterns.ts). Each pattern is a regex SOURCE only: flags
// are fixed by the compiler, length is capped, and nested quantifiers — the shape of catastrophic
// backtracking — are refused, so a tenant setting cannot freeze every agent's browser.

export const CHECK_DIGITS = ['luhn', 'mod10', 'none'] as const;
/** `luhn`: ISO/IEC 7812 (cards). `mod10`: GS1 weights 3-1 from the right (EAN/UPC-style). */
export const CheckDigit = z.enum(CHECK_DIGITS);
export type CheckDigit = z.infer<typeof CheckDigit>;

export const PATTERN_SOURCE_MAX = 120;

/** Why a source is refused, or null when it is acceptable. Shared by the schema and the compiler. */
export function patternSourceProblem(source: string): string | null {
  if (source.length === 0 || source.length > PATTERN_SOURCE_MAX) {
    return `must be 1..${PATTERN_SOURCE_MAX} characters`;
  }
  // A quantified group that itself contains a quantifier: `(a+)+`, `(\d*)*`, `(?:x{2,})+`.
  if (/\([^)]*[+*}][^)]*\)\s*[+*{]/.test(source)) return 'nested quantifiers are not allowed';
  // Back-references and lookbehinds are not needed for card numbers and cost the most to run.
  if (/\\[1-9]|\\k<|\(\?<[=!]/.test(source)) return 'back-references and lookbehind are not allowed';
  try {
    new RegExp(source, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  return null;
}

export const DetectionPattern = z.object({
  kind: z.enum(['loyalty', 'order']),
  /** What the agent would call it ("Skyward card"); for settings screens, not for matching. */
  label: z.optional(z.string().check(z.maxLength(80))),
  source: z.string().check(
    z.refine((source) => patternSourceProblem(source) === null, {
      error: (issue) => `pattern ${patternSourceProblem(String(issue.input))}`,
    }),
  ),
  checkDigit: z._default(CheckDigit, 'none'),
});
export type DetectionPattern = z.infer<typeof DetectionPattern>;

export const DetectionPatterns = z
  .object({ patterns: z.array(DetectionPattern).check(z.maxLength(32)) })
  .register(z.globalRegistry, {
    id: 'DetectionPatterns',
    description: "Regular-expression sources for the tenant's loyalty card and order numbers.",
  });
export type DetectionPatterns = z.infer<typeof DetectionPatterns>;

/** What a tenant gets until an admin sets `detection`: the demo brands' card formats and order numbers. */
export const DEFAULT_DETECTION_PATTERNS: DetectionPatterns = {
  patterns: [
    { kind: 'loyalty', label: 'Skyward card', source: 'SK-\\d{6}', checkDigit: 'none' },
    { kind: 'loyalty', label: 'Harbor Hotels card', source: 'HH-\\d{6}', checkDigit: 'none' },
    { kind: 'loyalty', label: 'Harbor Hotels legacy card', source: 'LC-\\d{6}', checkDigit: 'none' },
    { kind: 'loyalty', label: 'Slice Club card', source: 'SC-\\d{5}', checkDigit: 'none' },
    { kind: 'loyalty', label: 'DeskPro Rewards card', source: 'DP-\\d{6}', checkDigit: 'none' },
    { kind: 'order', label: 'Order', source: 'O-\\d{5}', checkDigit: 'none' },
  ],
};
