import { identityKey } from '../contract/normalize.ts';
import type { BadgeResult } from '../messaging/schemas.ts';
import type { LookupOutcome } from './lookup-client.ts';

/**
 * Reduces a lookup outcome to what a badge may show in the page: the tier's name and nothing else about
 * the person (no name, spend or history — the page's own scripts can see the content script's DOM).
 */
export function toBadgeResult(outcome: LookupOutcome): BadgeResult {
  const key = identityKey(outcome.identifier);
  switch (outcome.status) {
    case 'matched':
      return { key, status: 'matched', label: outcome.profile.tier?.name ?? 'Known' };
    case 'ambiguous':
      // Several profiles claim this identifier: the agent must pick in the sidebar, so show it as known.
      return { key, status: 'matched', label: `${outcome.candidates.length} profiles` };
    case 'unknown':
      return { key, status: 'unknown' };
    case 'error':
      return { key, status: 'error', error: outcome.error };
  }
}
