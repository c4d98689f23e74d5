import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { IdentityLinkResult, Merge, SearchResponse } from '../../lib/contract/identity.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { insertIdentity, insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const SOFIA = 'prf_sofia_reyes';
const TYLER = 'prf_tyler_vance';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`identity reconciliation over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const link = (profileId: string, json: unknown) =>
      call(ctx.url, `/v1/profiles/${profileId}/identities`, { method: 'POST', json });
    const unlink = (profileId: string, json: unknown) =>
      call(ctx.url, `/v1/profiles/${profileId}/identities`, { method: 'DELETE', json });
    const lookupOne = async (identifier: unknown) => {
      const reply = await call(ctx.url, '/v1/lookup', {
        method: 'POST',
        json: { identifiers: [identifier] },
      });
      return LookupResponse.parse(reply.body).results[0];
    };
    const errorOf = (body: unknown) => ErrorBody.parse(body).error;

    it('links an e-mail deterministically: verified, normalised, then found by lookup', async () => {
      const reply = await link(SOFIA, { identifier: { kind: 'email', value: ' Sofia@Work.Example ' } });
      expect(reply.status, reply.text).toBe(201);
      const result = IdentityLinkResult.parse(reply.body);
      expect(result.record).toMatchObject({
        identifier: { kind: 'email', value: 'sofia@work.example' },
        source: 'agent',
        verified: true,
        linkedBy: 'agt_demo',
      });
      expect(Date.parse(result.record.linkedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
      const found = await lookupOne({ kind: 'email', value: 'SOFIA@work.example' });
      expect(found).toMatchObject({ status: 'matched', profile: { id: SOFIA } });

      const again = await link(SOFIA, { identifier: { kind: 'email', value: 'sofia@work.example' } });
      expect(again.status).toBe(200);
      const events = await ctx.db
        .selectFrom('identity_events')
        .selectAll()
        .where('profile_id', '=', SOFIA)
        .where('value', '=', 'sofia@work.example')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['link']);
    });

    it('a handle needs evidence, and is recorded as an agent confirmation (who, when, evidence), unverified', async () => {
      const missing = await link(TYLER, {
        identifier: { kind: 'handle', network: 'instagram', value: '@TylerT' },
      });
      expect(missing.status).toBe(400);
      expect(errorOf(missing.body).message).toMatch(/^evidence:/);

      const evidence = 'https://x.com/tylertravelsworld/status/1';
      const reply = await link(TYLER, {
        identifier: { kind: 'handle', network: 'instagram', value: '@TylerT' },
        evidence,
      });
      expect(reply.status, reply.text).toBe(201);
      expect(IdentityLinkResult.parse(reply.body).record).toMatchObject({
        identifier: { kind: 'handle', network: 'instagram', value: 'tylert' },
        verified: false,
        linkedBy: 'agt_demo',
        evidence,
      });
      const row = await ctx.db
        .selectFrom('identities')
        .selectAll()
        .where('value', '=', 'tylert')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ profile_id: TYLER, linked_by: 'agt_demo', evidence, verified: 0 });
    });

    it('a handle already linked to another profile → 409 identity_conflict naming that profile', async () => {
      const reply = await link(TYLER, {
        identifier: { kind: 'handle', network: 'x', value: 'SofiaFlies' },
        evidence: 'https://x.com/sofiaflies',
      });
      expect(reply.status).toBe(409);
      const error = errorOf(reply.body);
      expect(error.code).toBe('identity_conflict');
      expect(error.message).toContain(SOFIA);
      expect(error.message).toContain('Sofia Reyes');
      expect(error.details).toEqual({ profileId: SOFIA, profileName: 'Sofia Reyes' });
      const found = await lookupOne({ kind: 'handle', network: 'x', value: 'sofiaflies' });
      expect(found).toMatchObject({ status: 'matched', profile: { id: SOFIA } });
    });

    it('unlinks with the identifier in the body; unknown ones and unknown profiles answer 404', async () => {
      await link(TYLER, { identifier: { kind: 'order', value: 'ord-77 12' } });
      const reply = await unlink(TYLER, { identifier: { kind: 'order', value: 'ORD7712' } });
      expect(reply.status, reply.text).toBe(204);
      expect(await lookupOne({ kind: 'order', value: 'ORD-7712' })).toMatchObject({ status: 'not_found' });
      const events = await ctx.db
        .selectFrom('identity_events')
        .select('action')
        .where('value', '=', 'ORD7712')
        .orderBy('at')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['link', 'unlink']);

      expect((await unlink(TYLER, { identifier: { kind: 'order', value: 'ORD7712' } })).status).toBe(404);
      expect((await link('prf_nobody', { identifier: { kind: 'email', value: 'a@b.c' } })).status).toBe(404);
      // Linking an identifier that normalises to nothing is a 400, not a stored empty key.
      const empty = await link(TYLER, { identifier: { kind: 'loyalty', value: ' - - ' } });
      expect(empty.status).toBe(400);
    });

    it('audits link and unlink with hashed identifiers only', async () => {
      const rows = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', 'in', ['identity.link', 'identity.unlink'])
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const all = JSON.stringify(rows);
      expect(all).not.toContain('sofia@work.example');
      expect(all).not.toContain('ORD7712');
    });

    describe('merges', () => {
      const DUP = 'prf_test_sofia_dup';
      const merge = (json: unknown) => call(ctx.url, '/v1/merges', { method: 'POST', json });

      it('moves identities, social accounts, interactions, cases, items and tasks; undo moves exactly them back', async () => {
        await insertProfile(ctx.db, DUP, { name: 'S. Reyes' });
        await insertIdentity(ctx.db, DUP, 'email', 'sreyes@old.example');
        const now = new Date().toISOString();
        await ctx.db
          .insertInto('social_accounts')
          .values([
            {
              id: 'soc_dup_ig',
              tenant_id: 'demo',
              profile_id: DUP,
              network: 'instagram',
              handle: 'sreyes',
              followers: 9,
              updated_at: now,
            },
            // Sofia already has this account: it stays with the duplicate rather than break the unique index.
            {
              id: 'soc_dup_x',
              tenant_id: 'demo',
              profile_id: DUP,
              network: 'x',
              handle: 'sofiaflies',
              followers: 412,
              updated_at: now,
            },
          ])
          .execute();
        await ctx.db
          .insertInto('interactions')
          .values({
            id: 'int_dup_1',
            tenant_id: 'demo',
            profile_id: DUP,
            at: now,
            channel: 'email',
            direction: 'inbound',
            summary: 'old mailbox',
            case_id: null,
            sentiment: null,
            contact_requested: 0,
            agent: null,
            type: null,
            created_at: now,
          })
          .execute();
        const tasksBefore = await ctx.db
          .selectFrom('tasks')
          .select('id')
          .where('profile_id', '=', SOFIA)
          .execute();

        const reply = await merge({
          sourceProfileId: DUP,
          targetProfileId: SOFIA,
          reason: 'same person, old e-mail',
        });
        expect(reply.status, reply.text).toBe(201);
        const merged = Merge.parse(reply.body);
        expect(merged.moved).toEqual({
          identities: 1,
          socialAccounts: 1,
          interactions: 1,
          cases: 0,
          items: 0,
          tasks: 0,
        });
        expect(await lookupOne({ kind: 'email', value: 'sreyes@old.example' })).toMatchObject({
          status: 'matched',
          profile: { id: SOFIA },
        });
        const source = await ctx.db
          .selectFrom('profiles')
          .selectAll()
          .where('id', '=', DUP)
          .executeTakeFirstOrThrow();
        expect(source.merged_into).toBe(SOFIA);
        const interaction = await ctx.db
          .selectFrom('interactions')
          .select('profile_id')
          .where('id', '=', 'int_dup_1')
          .executeTakeFirstOrThrow();
        expect(interaction.profile_id).toBe(SOFIA);

        // A merged profile cannot be merged, linked to or merged into again.
        expect((await merge({ sourceProfileId: DUP, targetProfileId: TYLER })).status).toBe(409);
        const linkMerged = await link(DUP, { identifier: { kind: 'email', value: 'x@y.example' } });
        expect(linkMerged.status).toBe(409);
        expect(errorOf(linkMerged.body).details).toEqual({ mergedInto: SOFIA });

        const undo = await call(ctx.url, `/v1/merges/${merged.id}/undo`, { method: 'POST' });
        expect(undo.status, undo.text).toBe(200);
        expect(Merge.parse(undo.body)).toMatchObject({ id: merged.id, undoneBy: 'agt_demo' });
        expect(await lookupOne({ kind: 'email', value: 'sreyes@old.example' })).toMatchObject({
          status: 'matched',
          profile: { id: DUP },
        });
        const revived = await ctx.db
          .selectFrom('profiles')
          .select('merged_into')
          .where('id', '=', DUP)
          .executeTakeFirstOrThrow();
        expect(revived.merged_into).toBeNull();
        const social = await ctx.db
          .selectFrom('social_accounts')
          .select(['id', 'profile_id'])
          .where('id', 'in', ['soc_dup_ig', 'soc_dup_x'])
          .orderBy('id')
          .execute();
        expect(social).toEqual([
          { id: 'soc_dup_ig', profile_id: DUP },
          { id: 'soc_dup_x', profile_id: DUP },
        ]);
        // Sofia's own rows never moved.
        const sofiaIdentities = await ctx.db
          .selectFrom('identities')
          .select('value')
          .where('profile_id', '=', SOFIA)
          .execute();
        expect(sofiaIdentities.map((i) => i.value)).toContain('sofiaflies');
        const tasksAfter = await ctx.db
          .selectFrom('tasks')
          .select('id')
          .where('profile_id', '=', SOFIA)
          .execute();
        expect(tasksAfter).toEqual(tasksBefore);

        const twice = await call(ctx.url, `/v1/merges/${merged.id}/undo`, { method: 'POST' });
        expect(twice.status).toBe(409);
        expect(errorOf(twice.body).message).toMatch(/already undone/);
        const events = await ctx.db
          .selectFrom('identity_events')
          .select('action')
          .where('merge_id', '=', merged.id)
          .orderBy('at')
          .execute();
        expect(events.map((e) => e.action)).toEqual(['merge', 'undo_merge']);
      });

      it('refuses two profiles holding different cards of the same programme: 409 merge_conflict saying why', async () => {
        await insertProfile(ctx.db, 'prf_test_other_skyward', {
          name: 'Other Flyer',
          loyaltyProgram: 'Skyward',
        });
        await insertIdentity(ctx.db, 'prf_test_other_skyward', 'loyalty', 'SK999999');
        const before = await ctx.db.selectFrom('identities').selectAll().orderBy('id').execute();
        const reply = await merge({ sourceProfileId: 'prf_test_other_skyward', targetProfileId: SOFIA });
        expect(reply.status).toBe(409);
        const error = errorOf(reply.body);
        expect(error.code).toBe('merge_conflict');
        expect(error.message).toMatch(/SK999999.*SK204816.*Skyward/);
        expect(await ctx.db.selectFrom('identities').selectAll().orderBy('id').execute()).toEqual(before);
        const source = await ctx.db
          .selectFrom('profiles')
          .select('merged_into')
          .where('id', '=', 'prf_test_other_skyward')
          .executeTakeFirstOrThrow();
        expect(source.merged_into).toBeNull();
      });

      it('cards of different programmes are no conflict; an undo a later merge depends on is refused', async () => {
        await insertProfile(ctx.db, 'prf_test_a', { name: 'Alpha Tester', loyaltyProgram: 'Slice Club' });
        await insertIdentity(ctx.db, 'prf_test_a', 'loyalty', 'SC1');
        await insertProfile(ctx.db, 'prf_test_b', { name: 'Alpha T.', loyaltyProgram: 'Harbor Hotels' });
        await insertIdentity(ctx.db, 'prf_test_b', 'loyalty', 'HH1');
        await insertProfile(ctx.db, 'prf_test_c', { name: 'A. Tester' });
        const first = await merge({ sourceProfileId: 'prf_test_a', targetProfileId: 'prf_test_b' });
        expect(first.status, first.text).toBe(201);
        const second = await merge({ sourceProfileId: 'prf_test_b', targetProfileId: 'prf_test_c' });
        expect(second.status, second.text).toBe(201);
        const undoFirst = await call(ctx.url, `/v1/merges/${Merge.parse(first.body).id}/undo`, {
          method: 'POST',
        });
        expect(undoFirst.status).toBe(409);
        expect(errorOf(undoFirst.body).details).toEqual({ dependentMergeId: Merge.parse(second.body).id });
        // Undo in reverse order works.
        expect(
          (await call(ctx.url, `/v1/merges/${Merge.parse(second.body).id}/undo`, { method: 'POST' })).status,
        ).toBe(200);
        expect(
          (await call(ctx.url, `/v1/merges/${Merge.parse(first.body).id}/undo`, { method: 'POST' })).status,
        ).toBe(200);
        const cards = await ctx.db
          .selectFrom('identities')
          .select(['profile_id', 'value'])
          .where('value', 'in', ['SC1', 'HH1'])
          .orderBy('value')
          .execute();
        expect(cards).toEqual([
          { profile_id: 'prf_test_b', value: 'HH1' },
          { profile_id: 'prf_test_a', value: 'SC1' },
        ]);
      });

      it('refuses a self-merge, unknown profiles and unknown merges', async () => {
        expect((await merge({ sourceProfileId: SOFIA, targetProfileId: SOFIA })).status).toBe(400);
        expect((await merge({ sourceProfileId: 'prf_nope', targetProfileId: SOFIA })).status).toBe(404);
        expect((await call(ctx.url, '/v1/merges/mrg_nope/undo', { method: 'POST' })).status).toBe(404);
      });
    });

    describe('search', () => {
      const search = async (q: string) => {
        const reply = await call(ctx.url, '/v1/search', { method: 'POST', json: { q } });
        expect(reply.status, reply.text).toBe(200);
        return SearchResponse.parse(reply.body).results.map((r) => r.name);
      };

      it('finds by name prefix or part, e-mail, card and order number after normalisation', async () => {
        expect(await search('sofia')).toContain('Sofia Reyes');
        expect(await search('REYES')).toContain('Sofia Reyes');
        expect((await search('Sofia.Reyes@Example.com'))[0]).toBe('Sofia Reyes');
        expect((await search('sk 204 816'))[0]).toBe('Sofia Reyes');
        expect((await search('@janesmith'))[0]).toBe('Jane Smith');
        expect(await search('nobody@example.com')).toEqual([]);
        // LIKE wildcards in q are literal characters, not patterns.
        expect(await search('%%')).toEqual([]);
        expect(await search('__')).toEqual([]);
      });

      it('puts name prefixes before other name matches, and leaves merged profiles out', async () => {
        await insertProfile(ctx.db, 'prf_test_smithers', { name: 'Anna Smithers' });
        await insertProfile(ctx.db, 'prf_test_smith_merged', { name: 'Smith Merged' });
        await ctx.db
          .updateTable('profiles')
          .set({ merged_into: SOFIA })
          .where('id', '=', 'prf_test_smith_merged')
          .execute();
        const names = await search('smith');
        expect(names.indexOf('Anna Smithers')).toBeGreaterThan(-1);
        expect(names).not.toContain('Smith Merged');
        expect(names.indexOf('Jane Smith')).toBeGreaterThan(-1);
      });

      it('GET /v1/search?q= answers the same; q shorter than 2 characters → 400', async () => {
        const reply = await call(ctx.url, '/v1/search?q=daniel');
        expect(reply.status).toBe(200);
        expect(SearchResponse.parse(reply.body).results[0]?.name).toBe('Daniel Brooks');
        for (const bad of [{ q: 'a' }, { q: '  a ' }, {}, { q: 3 }]) {
          const r = await call(ctx.url, '/v1/search', { method: 'POST', json: bad });
          expect(r.status, JSON.stringify(bad)).toBe(400);
          expect(errorOf(r.body).message).toMatch(/^q:/);
        }
      });
    });
  });
}
