import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Identifier, SocialNetwork } from '../../lib/contract/identifier.ts';
import { normalizeIdentifier } from '../../lib/contract/normalize.ts';
import { chunks } from '../db/chunks.ts';
import type { Database, NewProfile } from '../db/types.ts';

/** A profile with its identities and social accounts, as the seed and the generator produce them. */
export interface ProfileBundle {
  profile: Omit<NewProfile, 'tenant_id' | 'created_at' | 'updated_at'>;
  identities: Identifier[];
  social: { network: SocialNetwork; handle: string; followers: number }[];
}

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters at ~20 columns. */
const CHUNK = 500;

/**
 * Writes bundles in multi-row INSERTs, one transaction per call. Idempotent: profiles upsert by id (the same
 * values leave the row as it was), identities and social accounts are keyed by their unique indexes.
 * Timestamps are only set on insert, so re-running a seed changes nothing.
 */
export async function writeProfiles(
  db: Kysely<Database>,
  tenantId: string,
  bundles: readonly ProfileBundle[],
  now = new Date().toISOString(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(bundles, CHUNK)) {
      await trx
        .insertInto('profiles')
        .values(part.map((b) => ({ ...b.profile, tenant_id: tenantId, created_at: now, updated_at: now })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            external_id: eb.ref('excluded.external_id'),
            name: eb.ref('excluded.name'),
            loyalty_program: eb.ref('excluded.loyalty_program'),
            loyalty_tier: eb.ref('excluded.loyalty_tier'),
            loyalty_tier_rank: eb.ref('excluded.loyalty_tier_rank'),
            loyalty_points: eb.ref('excluded.loyalty_points'),
            loyalty_member_since: eb.ref('excluded.loyalty_member_since'),
            value_currency: eb.ref('excluded.value_currency'),
            value_lifetime: eb.ref('excluded.value_lifetime'),
            value_last12m: eb.ref('excluded.value_last12m'),
            value_orders_count: eb.ref('excluded.value_orders_count'),
            pref_channel: eb.ref('excluded.pref_channel'),
            pref_language: eb.ref('excluded.pref_language'),
            pref_notes: eb.ref('excluded.pref_notes'),
          })),
        )
        .execute();

      const identities = part.flatMap((b) =>
        b.identities.map((raw) => {
          const id = normalizeIdentifier(raw);
          return {
            id: randomUUID(),
            tenant_id: tenantId,
            profile_id: b.profile.id,
            kind: id.kind,
            network: id.kind === 'handle' ? id.network : '',
            value: id.value,
            source: 'seed',
            verified: 1,
            created_at: now,
          };
        }),
      );
      for (const rows of chunks(identities, CHUNK)) {
        await trx
          .insertInto('identities')
          .values(rows)
          .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'network', 'value']).doNothing())
          .execute();
      }

      const social = part.flatMap((b) =>
        b.social.map((s) => ({
          id: randomUUID(),
          tenant_id: tenantId,
          profile_id: b.profile.id,
          network: s.network,
          handle: s.handle,
          followers: s.followers,
          updated_at: now,
        })),
      );
      for (const rows of chunks(social, CHUNK)) {
        await trx
          .insertInto('social_accounts')
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'profile_id', 'network', 'handle'])
              .doUpdateSet((eb) => ({ followers: eb.ref('excluded.followers') })),
          )
          .execute();
      }
    }
  });
}
