import { describe, expect, it } from 'vitest';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import { hashIdentityKey } from '../../server/profiles/audit.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`lookup and profiles over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const lookup = async (identifiers: unknown[], context?: unknown) => {
      const reply = await call(ctx.url, '/v1/lookup', { method: 'POST', json: { identifiers, context } });
      expect(reply.status, reply.text).toBe(200);
      return LookupResponse.parse(reply.body);
    };

    it('answers matched and not_found in request order, with normalised identifiers', async () => {
      const { results } = await lookup([
        { kind: 'email', value: 'nobody@example.com' },
        { kind: 'handle', network: 'x', value: '@SofiaFlies' },
        { kind: 'handle', network: 'x', value: '@random_user1' },
        { kind: 'email', value: ' Sofia.Reyes@EXAMPLE.com ' },
        { kind: 'loyalty', value: 'sk 204816' },
        { kind: 'handle', network: 'x', value: 'tylertravelsworld' },
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'not_found',
        'matched',
        'not_found',
        'matched',
        'matched',
        'matched',
      ]);
      expect(results.map((r) => r.identifier)).toEqual([
        { kind: 'email', value: 'nobody@example.com' },
        { kind: 'handle', network: 'x', value: 'sofiaflies' },
        { kind: 'handle', network: 'x', value: 'random_user1' },
        { kind: 'email', value: 'sofia.reyes@example.com' },
        { kind: 'loyalty', value: 'SK204816' },
        { kind: 'handle', network: 'x', value: 'tylertravelsworld' },
      ]);
      const sofia = results[1];
      if (sofia?.status !== 'matched') throw new Error('Sofia not matched');
      expect(sofia.profile).toMatchObject({
        id: 'prf_sofia_reyes',
        name: 'Sofia Reyes',
        tier: { program: 'Skyward', name: 'Gold', rank: 2 },
        value: { currency: 'USD', lifetime: 48200, last12m: 9850 },
        social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
        reach: { followers: 412 },
      });
      expect(results[3]).toEqual(results[1] && { ...results[1], identifier: results[3]?.identifier });
      const tyler = results[5];
      if (tyler?.status !== 'matched') throw new Error('Tyler not matched');
      expect(tyler.profile).toMatchObject({
        name: 'Tyler Vance',
        tier: null,
        value: null,
        reach: { followers: 20400 },
      });
    });

    it('finds every persona by e-mail, handle and card', async () => {
      const { results } = await lookup([
        { kind: 'email', value: 'john.carter@example.net' },
        { kind: 'handle', network: 'x', value: 'maryokafor' },
        { kind: 'loyalty', value: 'HH-900075' },
        { kind: 'handle', network: 'x', value: '@JaneSmith' },
        { kind: 'loyalty', value: 'SK-100042' },
      ]);
      const names = results.map((r) =>
        r.status === 'matched' ? `${r.profile.name}/${r.profile.tier?.name}` : r.status,
      );
      expect(names).toEqual([
        'John Carter/Member',
        'Mary Okafor/Plus',
        'Daniel Brooks/Ambassador',
        'Jane Smith/Gold',
        'Priya Nair/Platinum',
      ]);
    });

    it('does not match a handle on another network', async () => {
      const { results } = await lookup([{ kind: 'handle', network: 'instagram', value: 'sofiaflies' }]);
      expect(results[0]?.status).toBe('not_found');
    });

    it('answers a full batch of 100 with one result each', async () => {
      const identifiers = Array.from({ length: 100 }, (_, i) =>
        i % 10 === 0
          ? { kind: 'handle', network: 'x', value: 'priyanflies' }
          : { kind: 'email', value: `n${i}@example.com` },
      );
      const { results } = await lookup(identifiers);
      expect(results).toHaveLength(100);
      expect(results.filter((r) => r.status === 'matched')).toHaveLength(10);
    });

    it('returns the profile detail', async () => {
      const reply = await call(ctx.url, '/v1/profiles/prf_sofia_reyes');
      expect(reply.status).toBe(200);
      const profile = ProfileDetail.parse(reply.body);
      expect(profile).toMatchObject({
        id: 'prf_sofia_reyes',
        externalId: 'SK-204816',
        loyalty: { program: 'Skyward', tier: 'Gold', tierRank: 2 },
        preferences: { channel: 'email' },
      });
      expect(profile.identities).toEqual(
        expect.arrayContaining([
          { kind: 'email', value: 'sofia.reyes@example.com' },
          { kind: 'handle', network: 'x', value: 'sofiaflies' },
          { kind: 'loyalty', value: 'SK204816' },
        ]),
      );
    });

    it('answers 404 not_found for an unknown profile id', async () => {
      const reply = await call(ctx.url, '/v1/profiles/prf_nobody');
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ error: { code: 'not_found' } });
    });

    it('writes an audit row per lookup with hashed identifiers and the page origin only', async () => {
      const rid = 'audit-test-1';
      await call(ctx.url, '/v1/lookup', {
        method: 'POST',
        headers: { 'Request-Id': rid },
        json: {
          identifiers: [{ kind: 'email', value: 'Sofia.Reyes@example.com' }],
          context: { pageOrigin: 'https://x.com/sofiaflies/status/1?ref=sofia.reyes@example.com' },
        },
      });
      const row = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('request_id', '=', rid)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        tenant_id: 'demo',
        agent_id: 'agt_demo',
        action: 'lookup',
        page_origin: 'https://x.com',
      });
      expect(JSON.parse(row.profile_ids)).toEqual(['prf_sofia_reyes']);
      expect(JSON.parse(row.identifier_hashes)).toEqual([
        hashIdentityKey('demo', 'email:sofia.reyes@example.com'),
      ]);
      expect(JSON.stringify(row)).not.toContain('sofia.reyes@');
    });

    it('writes an audit row per profile read', async () => {
      const rid = 'audit-test-2';
      await call(ctx.url, '/v1/profiles/prf_jane_smith', { headers: { 'Request-Id': rid } });
      const row = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('request_id', '=', rid)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ action: 'profile.read', agent_id: 'agt_demo' });
      expect(JSON.parse(row.profile_ids)).toEqual(['prf_jane_smith']);
    });

    it('keeps tenants apart: another tenant sees none of the demo profiles', async () => {
      const { createAgentToken } = await import('../../server/auth/tokens.ts');
      await ctx.db
        .insertInto('tenants')
        .values({ id: 'other', name: 'Other Co', created_at: new Date().toISOString() })
        .execute();
      const { token } = await createAgentToken(ctx.db, {
        tenantId: 'other',
        agentName: 'Other agent',
        role: 'agent',
      });
      const reply = await call(ctx.url, '/v1/lookup', {
        method: 'POST',
        token,
        json: { identifiers: [{ kind: 'email', value: 'sofia.reyes@example.com' }] },
      });
      expect(LookupResponse.parse(reply.body).results[0]?.status).toBe('not_found');
      expect((await call(ctx.url, '/v1/profiles/prf_sofia_reyes', { token })).status).toBe(404);
      const me = await call(ctx.url, '/v1/me', { token });
      expect(me.body).toMatchObject({ tenant: { id: 'other', name: 'Other Co' }, agent: { role: 'agent' } });
    });
  });
}
