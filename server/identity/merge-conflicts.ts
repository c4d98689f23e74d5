import type { IdentityRow, ProfileRow } from '../db/types.ts';

// When two profiles cannot be the same person. A member holds one card per loyalty programme, so two
// profiles each holding a different card of the same programme are two people. When either programme is
// unknown we cannot tell two programmes apart, and refuse rather than guess. Different e-mail addresses or
// order numbers are no conflict: one person has several of each. Two external ids are no conflict either:
// duplicates in the source CRM are exactly what a merge repairs.

export function mergeConflict(
  source: ProfileRow,
  target: ProfileRow,
  sourceIdentities: readonly IdentityRow[],
  targetIdentities: readonly IdentityRow[],
): string | undefined {
  const sourceCards = sourceIdentities.filter((i) => i.kind === 'loyalty').map((i) => i.value);
  const targetCards = targetIdentities.filter((i) => i.kind === 'loyalty').map((i) => i.value);
  if (sourceCards.length === 0 || targetCards.length === 0) return undefined;
  const sp = source.loyalty_program?.trim().toLowerCase();
  const tp = target.loyalty_program?.trim().toLowerCase();
  if (sp && tp && sp !== tp) return undefined;
  const programme = source.loyalty_program ?? target.loyalty_program ?? 'an unknown programme';
  return (
    `both profiles hold a different loyalty card (${sourceCards.join(', ')} vs ${targetCards.join(', ')}) ` +
    `of ${sp && tp ? `the same programme, ${programme}` : 'a programme that cannot be told apart'}; ` +
    'a member holds one card per programme, so these are two people'
  );
}
