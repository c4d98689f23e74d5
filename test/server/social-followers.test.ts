import { describe, expect, it } from 'vitest';
import { Merge } from '../../lib/contract/identity.ts';
import { insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// profiles.social_followers (migration 0008) is the followers summed over the profile's social accounts, NULL
// when it has none, kept by triggers on social_accounts rather than by each writer. The class of a profile in
// triage and analytics reads it, so a drift would misclass customers silently: every test here compares it
// with the sum computed from the accounts themselves, for the whole tenant, after each kind of write.

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(
    `profiles.social_followers follows social accounts — ${backend.title}`,
    () => {
      const ctx = useServer(backend);

      /** Profiles whose stored sum differs from their accounts' sum (should be none). */
      const drifted = async () => {
        const [profiles, accounts] = await Promise.all([
          ctx.db.selectFrom('profiles').select(['id', 'social_followers']).execute(),
          ctx.db.selectFrom('social_accounts').select(['profile_id', 'followers']).execute(),
        ]);
        const sums = new Map<string, number>();
        for (const a of accounts) sums.set(a.profile_id, (sums.get(a.profile_id) ?? 0) + Number(a.followers));
        return profiles.flatMap((p) => {
          const stored = p.social_followers === null ? null : Number(p.social_followers);
          const expected = sums.get(p.id) ?? null;
          return stored === expected ? [] : [{ id: p.id, stored, expected }];
        });
      };
      const stored = async (id: string) => {
        const row = await ctx.db
          .selectFrom('profiles')
          .select('social_followers')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return row.social_followers === null ? null : Number(row.social_followers);
      };
      const account = (id: string, profileId: string, handle: string, followers: number) =>
        ctx.db
          .insertInto('social_accounts')
          .values({
            id,
            tenant_id: 'demo',
            profile_id: profileId,
            network: 'x',
            handle,
            followers,
            updated_at: new Date().toISOString(),
          })
          .execute();

      it('the seeded tenant (stories, imported month): every profile holds its accounts’ sum, NULL without one', async () => {
        expect(await drifted()).toEqual([]);
        const withAccounts = await ctx.db
          .selectFrom('profiles')
          .select('id')
          .where('social_followers', 'is not', null)
          .execute();
        expect(withAccounts.length).toBeGreaterThan(0);
      });

      it('insert, update, move and delete of accounts; a merge and its undo move the sums with the accounts', async () => {
        await insertProfile(ctx.db, 'prf_sf_a', { name: 'Ana' });
        await insertProfile(ctx.db, 'prf_sf_b', { name: 'Bea' });
        expect(await stored('prf_sf_a')).toBeNull();
        await account('sa_sf_1', 'prf_sf_a', 'ana1', 120);
        await account('sa_sf_2', 'prf_sf_a', 'ana2', 30);
        await account('sa_sf_3', 'prf_sf_b', 'bea', 7);
        expect(await stored('prf_sf_a')).toBe(150);
        await ctx.db
          .updateTable('social_accounts')
          .set({ followers: 1000 })
          .where('id', '=', 'sa_sf_2')
          .execute();
        expect(await stored('prf_sf_a')).toBe(1120);

        const reply = await call(ctx.url, '/v1/merges', {
          method: 'POST',
          json: { sourceProfileId: 'prf_sf_b', targetProfileId: 'prf_sf_a' },
        });
        expect(reply.status, reply.text).toBe(201);
        expect(await stored('prf_sf_a')).toBe(1127);
        expect(await stored('prf_sf_b')).toBeNull();
        expect(await drifted()).toEqual([]);

        const undo = await call(ctx.url, `/v1/merges/${Merge.parse(reply.body).id}/undo`, { method: 'POST' });
        expect(undo.status, undo.text).toBe(200);
        expect(await stored('prf_sf_a')).toBe(1120);
        expect(await stored('prf_sf_b')).toBe(7);

        await ctx.db.deleteFrom('social_accounts').where('profile_id', '=', 'prf_sf_a').execute();
        expect(await stored('prf_sf_a')).toBeNull();
        expect(await drifted()).toEqual([]);
      });
    },
  );
}
