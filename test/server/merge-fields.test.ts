import { describe, expect, it } from 'vitest';
import { Merge } from '../../lib/contract/identity.ts';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import type { ProfilesTable } from '../../server/db/types.ts';
import { insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

// A merge takes the source's loyalty, value and preferences into the target by the rules in
// server/identity/merge-fields.ts, records them, and an undo puts the target's exact previous values back.

type Fields = Partial<Omit<ProfilesTable, 'id' | 'tenant_id'>>;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`merge moves loyalty, value and preferences — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const profile = async (id: string, fields: Fields) => {
      await insertProfile(ctx.db, id, { name: id });
      if (Object.keys(fields).length > 0) {
        await ctx.db.updateTable('profiles').set(fields).where('id', '=', id).execute();
      }
    };
    const row = (id: string) =>
      ctx.db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const merge = async (sourceProfileId: string, targetProfileId: string) => {
      const reply = await call(ctx.url, '/v1/merges', {
        method: 'POST',
        json: { sourceProfileId, targetProfileId },
      });
      expect(reply.status, reply.text).toBe(201);
      return Merge.parse(reply.body);
    };
    const undo = async (mergeId: string) => {
      const reply = await call(ctx.url, `/v1/merges/${mergeId}/undo`, { method: 'POST' });
      expect(reply.status, reply.text).toBe(200);
    };
    const detail = async (id: string) => {
      const reply = await call(ctx.url, `/v1/profiles/${id}`);
      expect(reply.status, reply.text).toBe(200);
      return ProfileDetail.parse(reply.body);
    };

    const gold = {
      loyalty_program: 'SkyMiles',
      loyalty_tier: 'Gold',
      loyalty_tier_rank: 2,
      loyalty_points: 40_000,
      loyalty_member_since: '2019-03-01',
      loyalty_tier_expires_at: '2027-01-31',
    } satisfies Fields;
    const platinum = {
      loyalty_program: 'SkyMiles',
      loyalty_tier: 'Platinum',
      loyalty_tier_rank: 1,
      loyalty_points: 120_000,
      loyalty_member_since: '2015-06-12',
      loyalty_tier_expires_at: null,
    } satisfies Fields;

    it('a bare target takes the source loyalty, value and preferences whole; undo empties them again', async () => {
      await profile('prf_mf_bare', {});
      await profile('prf_mf_rich', {
        ...gold,
        value_currency: 'EUR',
        value_lifetime: 1234.5,
        value_last12m: 200.25,
        value_orders_count: 7,
        value_last_order_at: '2026-10-02T10:00:00.000Z',
        pref_channel: 'email',
        pref_language: 'es',
        pref_notes: JSON.stringify(['prefers aisle seats']),
      });
      const before = await row('prf_mf_bare');
      const merged = await merge('prf_mf_rich', 'prf_mf_bare');

      const target = await detail('prf_mf_bare');
      expect(target.loyalty).toMatchObject({
        program: 'SkyMiles',
        tier: 'Gold',
        tierRank: 2,
        points: 40_000,
        memberSince: '2019-03-01',
        tierExpiresAt: '2027-01-31',
      });
      expect(target.value).toMatchObject({ currency: 'EUR', lifetime: 1234.5, last12m: 200.25 });
      expect(target.preferences).toEqual({
        channel: 'email',
        language: 'es',
        notes: ['prefers aisle seats'],
      });
      expect((await row('prf_mf_bare')).value_orders_count).toBe(7);

      await undo(merged.id);
      const after = await row('prf_mf_bare');
      expect({ ...after, updated_at: '' }).toEqual({ ...before, updated_at: '' });
      expect((await detail('prf_mf_bare')).loyalty).toBeNull();
    });

    it('the better tier (lower rank) wins as a whole block; a worse source tier leaves the target as it is', async () => {
      await profile('prf_mf_gold', gold);
      await profile('prf_mf_plat', platinum);
      await profile('prf_mf_silver', { ...gold, loyalty_tier: 'Silver', loyalty_tier_rank: 3 });

      const up = await merge('prf_mf_plat', 'prf_mf_gold');
      // Points are not added: one membership seen twice, or two programmes, never 160,000.
      expect(await row('prf_mf_gold')).toMatchObject(platinum);
      await undo(up.id);
      expect(await row('prf_mf_gold')).toMatchObject(gold);

      await merge('prf_mf_silver', 'prf_mf_gold');
      expect(await row('prf_mf_gold')).toMatchObject(gold);
    });

    it('value in the same currency is summed with the later last order; another currency keeps the target', async () => {
      const eur = {
        value_currency: 'EUR',
        value_lifetime: 1000,
        value_last12m: 100,
        value_orders_count: 4,
        value_last_order_at: '2026-01-01T00:00:00.000Z',
      } satisfies Fields;
      await profile('prf_mf_eur_a', eur);
      await profile('prf_mf_eur_b', {
        value_currency: 'EUR',
        value_lifetime: 250.5,
        value_last12m: null,
        value_orders_count: 2,
        value_last_order_at: '2026-09-30T00:00:00.000Z',
      });
      await profile('prf_mf_usd', { ...eur, value_currency: 'USD', value_lifetime: 9999 });

      const summed = await merge('prf_mf_eur_b', 'prf_mf_eur_a');
      expect(await row('prf_mf_eur_a')).toMatchObject({
        value_currency: 'EUR',
        value_lifetime: 1250.5,
        value_last12m: 100,
        value_orders_count: 6,
        value_last_order_at: '2026-09-30T00:00:00.000Z',
      });
      await undo(summed.id);
      expect(await row('prf_mf_eur_a')).toMatchObject(eur);

      await merge('prf_mf_usd', 'prf_mf_eur_a');
      expect(await row('prf_mf_eur_a')).toMatchObject(eur);
    });

    it('preferences: the target keeps what it set, fills its blanks and gains the notes it lacked', async () => {
      await profile('prf_mf_pref_t', {
        pref_channel: 'phone',
        pref_language: null,
        pref_notes: JSON.stringify(['VIP', 'no calls after 6 pm']),
      });
      await profile('prf_mf_pref_s', {
        pref_channel: 'email',
        pref_language: 'fr',
        pref_notes: JSON.stringify(['no calls after 6 pm', 'vegetarian']),
      });
      await merge('prf_mf_pref_s', 'prf_mf_pref_t');
      expect((await detail('prf_mf_pref_t')).preferences).toEqual({
        channel: 'phone',
        language: 'fr',
        notes: ['VIP', 'no calls after 6 pm', 'vegetarian'],
      });
    });

    it('undo leaves a field changed since the merge (e.g. by an import) as it is, and restores the rest', async () => {
      await profile('prf_mf_later_t', {});
      await profile('prf_mf_later_s', { ...gold, pref_language: 'de' });
      const merged = await merge('prf_mf_later_s', 'prf_mf_later_t');
      await ctx.db
        .updateTable('profiles')
        .set({ loyalty_points: 41_000 })
        .where('id', '=', 'prf_mf_later_t')
        .execute();
      await undo(merged.id);
      expect(await row('prf_mf_later_t')).toMatchObject({
        loyalty_program: null,
        loyalty_tier: null,
        loyalty_points: 41_000,
        pref_language: null,
      });
    });
  });
}
