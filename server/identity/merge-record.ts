import type { Merge } from '../../lib/contract/identity.ts';
import type { MergesTable } from '../db/types.ts';

/** The tables whose rows belong to a profile and move with it on a merge. */
export const MOVABLE_TABLES = [
  'identities',
  'social_accounts',
  'interactions',
  'cases',
  'items',
  'tasks',
] as const;

export type MovedIds = Record<(typeof MOVABLE_TABLES)[number], string[]>;

export function parseMoved(text: string): MovedIds {
  const empty: MovedIds = {
    identities: [],
    social_accounts: [],
    interactions: [],
    cases: [],
    items: [],
    tasks: [],
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return empty;
  }
  if (parsed === null || typeof parsed !== 'object') return empty;
  for (const table of MOVABLE_TABLES) {
    const ids = (parsed as Record<string, unknown>)[table];
    if (Array.isArray(ids)) empty[table] = ids.filter((id): id is string => typeof id === 'string');
  }
  return empty;
}

export function toMerge(row: MergesTable): Merge {
  const moved = parseMoved(row.moved);
  return {
    id: row.id,
    sourceProfileId: row.source_profile_id,
    targetProfileId: row.target_profile_id,
    at: row.at,
    agentId: row.agent_id,
    reason: row.reason,
    moved: {
      identities: moved.identities.length,
      socialAccounts: moved.social_accounts.length,
      interactions: moved.interactions.length,
      cases: moved.cases.length,
      items: moved.items.length,
      tasks: moved.tasks.length,
    },
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}
