import type { Kysely } from 'kysely';
import { createAgentToken } from '../auth/tokens.ts';
import type { Database } from '../db/types.ts';
import { importRows } from '../import/import-rows.ts';
import type { SourceRow } from '../import/source-row.ts';
import { seedAttentionMonth } from './attention-month.ts';
import { DEMO_AGENT, DEMO_TENANT, DEMO_TOKEN_DEFAULT } from './personas.ts';
import { STORY_PROFILE_IDS, storyProfiles } from './story-profiles.ts';

/** The stories are re-dated once they are this old, so "landed yesterday" stays true on a long-lived demo. */
const STORY_ANCHOR_MAX_AGE_MS = 12 * 3_600_000;
const ANCHOR_KEY = 'demo.story_anchor';

export async function ensureDemoTenant(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('tenants')
    .values({ ...DEMO_TENANT, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The moment the stories are dated from. Kept in tenant_settings so that seeding twice writes the very same
 * rows (the import sees them unchanged); renewed when older than 12 hours, which re-dates the stories.
 */
async function storyAnchor(db: Kysely<Database>, now: Date): Promise<Date> {
  const row = await db
    .selectFrom('tenant_settings')
    .select('value')
    .where('tenant_id', '=', DEMO_TENANT.id)
    .where('key', '=', ANCHOR_KEY)
    .executeTakeFirst();
  const stored = row ? new Date(JSON.parse(row.value) as string) : undefined;
  if (
    stored &&
    !Number.isNaN(stored.getTime()) &&
    now.getTime() - stored.getTime() < STORY_ANCHOR_MAX_AGE_MS
  ) {
    return stored;
  }
  const value = JSON.stringify(now.toISOString());
  await db
    .insertInto('tenant_settings')
    .values({
      tenant_id: DEMO_TENANT.id,
      key: ANCHOR_KEY,
      value,
      updated_at: now.toISOString(),
      updated_by: null,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'key']).doUpdateSet({ value, updated_at: now.toISOString() }),
    )
    .execute();
  return now;
}

async function* asSource<T>(rows: readonly T[]): AsyncGenerator<SourceRow> {
  for (const [i, value] of rows.entries()) yield { line: i + 1, value };
}

/**
 * The demo tenant, the story personas with their full histories, and the demo agent's token. The personas
 * go through the import (the same code as `npm run server -- import`). Idempotent: a second run changes no
 * row. Returns the demo token's plaintext (KNOWN_SEED_TOKEN, else the well-known demo token).
 */
export async function seedDemo(
  db: Kysely<Database>,
  token = process.env.KNOWN_SEED_TOKEN || DEMO_TOKEN_DEFAULT,
) {
  await ensureDemoTenant(db);
  const anchor = await storyAnchor(db, new Date());
  const stories = storyProfiles(anchor);
  const report = await importRows(db, asSource(stories), {
    tenantId: DEMO_TENANT.id,
    profileIdFor: (externalId) => STORY_PROFILE_IDS[externalId],
  });
  if (report.rejectedTotal > 0) {
    // The stories are ours: a rejection is a bug (or a demo database an agent re-linked), and says which.
    const first = report.rejected[0];
    throw new Error(`seed: story row ${first?.line} rejected at ${first?.field}: ${first?.reason}`);
  }
  // The team lead's dashboard (issue 6): a month of a team's attention, dated from the same anchor.
  await seedAttentionMonth(db, { tenantId: DEMO_TENANT.id, now: anchor });
  await createAgentToken(db, {
    tenantId: DEMO_TENANT.id,
    agentId: DEMO_AGENT.id,
    agentName: DEMO_AGENT.name,
    role: DEMO_AGENT.role,
    token,
  });
  return { token, profiles: stories.length, report };
}
