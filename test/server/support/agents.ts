import type { Kysely } from 'kysely';
import { createAgentToken } from '../../../server/auth/tokens.ts';
import type { AgentRole, Database } from '../../../server/db/types.ts';

/** A fresh agent of the given role in the demo tenant, and its token. */
export async function agentWithRole(
  db: Kysely<Database>,
  role: AgentRole,
  name = `Test ${role}`,
): Promise<{ token: string; agentId: string }> {
  return createAgentToken(db, { tenantId: 'demo', agentName: name, role });
}

/** A bare profile in the demo tenant, written directly (there is no create-profile API). */
export async function insertProfile(
  db: Kysely<Database>,
  id: string,
  fields: { name: string; loyaltyProgram?: string; tierRank?: number },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('profiles')
    .values({
      id,
      tenant_id: 'demo',
      external_id: null,
      name: fields.name,
      loyalty_program: fields.loyaltyProgram ?? null,
      loyalty_tier: fields.loyaltyProgram ? 'Silver' : null,
      loyalty_tier_rank: fields.loyaltyProgram ? (fields.tierRank ?? 3) : null,
      loyalty_points: null,
      loyalty_member_since: null,
      value_currency: null,
      value_lifetime: null,
      value_last12m: null,
      value_orders_count: null,
      pref_channel: null,
      pref_language: null,
      pref_notes: '[]',
      created_at: now,
      updated_at: now,
      merged_into: null,
      loyalty_tier_expires_at: null,
      value_last_order_at: null,
    })
    .execute();
}

export async function insertIdentity(
  db: Kysely<Database>,
  profileId: string,
  kind: 'email' | 'handle' | 'loyalty' | 'order',
  value: string,
  network = '',
): Promise<void> {
  await db
    .insertInto('identities')
    .values({
      id: `idn_${profileId}_${kind}_${value}`,
      tenant_id: 'demo',
      profile_id: profileId,
      kind,
      network,
      value,
      source: 'test',
      verified: 1,
      created_at: new Date().toISOString(),
      linked_by: null,
      linked_at: null,
      evidence: null,
      confidence: null,
    })
    .execute();
}

export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
