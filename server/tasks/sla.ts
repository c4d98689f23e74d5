import type { Kysely } from 'kysely';
import { SlaPolicy } from '../../lib/contract/tasks.ts';
import type { Database, ProfileRow } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';

// How soon a follow-up is due, by the customer's tier: the top tier first. Per tenant in tenant_settings
// (key `sla`), validated with the contract's SlaPolicy on write and again on read.

export const SLA_KEY = 'sla';

export const DEFAULT_SLA: SlaPolicy = {
  hoursByTierRank: { '1': 2, '2': 8, '3': 24 },
  otherTiersHours: 48,
  untieredHours: 72,
};

/** Record keys must be tier ranks: "1", "2" … (a key like "gold" would silently never match). */
export function checkSlaRanks(policy: SlaPolicy): void {
  for (const key of Object.keys(policy.hoursByTierRank)) {
    if (!/^[1-9]\d{0,2}$/.test(key)) {
      throw new ApiError(
        400,
        'invalid_body',
        `hoursByTierRank.${key.slice(0, 40)}: keys must be tier ranks (1 = top tier), e.g. "1", "2"`,
      );
    }
  }
}

export async function readSla(db: Kysely<Database>, tenantId: string): Promise<SlaPolicy> {
  const row = await db
    .selectFrom('tenant_settings')
    .select('value')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', SLA_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SLA;
  try {
    const parsed = SlaPolicy.safeParse(JSON.parse(row.value));
    // A stored policy that no longer validates (edited by hand) falls back to the defaults rather than
    // failing every task creation.
    return parsed.success ? parsed.data : DEFAULT_SLA;
  } catch {
    return DEFAULT_SLA;
  }
}

export function slaHours(policy: SlaPolicy, tierRank: number | null): number {
  if (tierRank === null) return policy.untieredHours;
  return (
    policy.hoursByTierRank[String(tierRank)] ??
    policy.otherTiersHours ??
    DEFAULT_SLA.otherTiersHours ??
    policy.untieredHours
  );
}

export function slaDueAt(
  policy: SlaPolicy,
  profile: Pick<ProfileRow, 'loyalty_tier_rank'>,
  from: Date,
): string {
  return new Date(from.getTime() + slaHours(policy, profile.loyalty_tier_rank) * 3_600_000).toISOString();
}
