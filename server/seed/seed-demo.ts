import type { Kysely } from 'kysely';
import { createAgentToken } from '../auth/tokens.ts';
import type { Database } from '../db/types.ts';
import { DEMO_AGENT, DEMO_TENANT, DEMO_TOKEN_DEFAULT, PERSONA_BUNDLES } from './personas.ts';
import { writeProfiles } from './profile-bundle.ts';

export async function ensureDemoTenant(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('tenants')
    .values({ ...DEMO_TENANT, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The demo tenant, the story personas and the demo agent's token. Idempotent: a second run changes no row.
 * Returns the demo token's plaintext (KNOWN_SEED_TOKEN, else the well-known demo token).
 */
export async function seedDemo(
  db: Kysely<Database>,
  token = process.env.KNOWN_SEED_TOKEN || DEMO_TOKEN_DEFAULT,
) {
  await ensureDemoTenant(db);
  await writeProfiles(db, DEMO_TENANT.id, PERSONA_BUNDLES);
  await createAgentToken(db, {
    tenantId: DEMO_TENANT.id,
    agentId: DEMO_AGENT.id,
    agentName: DEMO_AGENT.name,
    role: DEMO_AGENT.role,
    token,
  });
  return { token, profiles: PERSONA_BUNDLES.length };
}
