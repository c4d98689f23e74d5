import { describe, expect, it } from 'vitest';
import { AuditPage } from '../../lib/contract/audit.ts';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { agentWithRole } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const SOFIA = 'prf_sofia_reyes';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`roles, audit, rate limit and docs over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 100_000 });

    it('enforces roles on every route, answering 403 forbidden naming the role needed', async () => {
      const agent = await agentWithRole(ctx.db, 'agent');
      const lead = await agentWithRole(ctx.db, 'lead');
      const routes: { method: string; path: string; json?: unknown; needs: 'lead' | 'admin' }[] = [
        {
          method: 'POST',
          path: '/v1/merges',
          json: { sourceProfileId: 'a', targetProfileId: 'b' },
          needs: 'lead',
        },
        { method: 'POST', path: '/v1/merges/mrg_x/undo', needs: 'lead' },
        { method: 'GET', path: '/v1/settings/sla', needs: 'lead' },
        {
          method: 'PUT',
          path: '/v1/settings/sla',
          json: { hoursByTierRank: {}, untieredHours: 1 },
          needs: 'lead',
        },
        { method: 'GET', path: '/v1/audit', needs: 'admin' },
      ];
      for (const r of routes) {
        const who = r.needs === 'lead' ? [agent] : [agent, lead];
        for (const caller of who) {
          const reply = await call(ctx.url, r.path, { method: r.method, json: r.json, token: caller.token });
          expect(reply.status, `${r.method} ${r.path}`).toBe(403);
          const error = ErrorBody.parse(reply.body).error;
          expect(error.code).toBe('forbidden');
          expect(error.message).toContain(`${r.needs} role`);
          expect(error.details).toEqual({ requiredRole: r.needs });
        }
      }
      // What an agent may do answers something other than 403.
      const allowed = [
        { method: 'POST', path: '/v1/search', json: { q: 'sofia' } },
        { method: 'GET', path: '/v1/tasks' },
        {
          method: 'POST',
          path: `/v1/profiles/${SOFIA}/identities`,
          json: { identifier: { kind: 'order', value: 'R-1' } },
        },
        {
          method: 'POST',
          path: '/v1/interactions',
          json: { profileId: SOFIA, channel: 'email', direction: 'outbound', summary: 'x' },
        },
        { method: 'POST', path: '/v1/lookup', json: { identifiers: [{ kind: 'email', value: 'x@y.z' }] } },
      ];
      for (const r of allowed) {
        const reply = await call(ctx.url, r.path, { method: r.method, json: r.json, token: agent.token });
        expect(reply.status, `${r.method} ${r.path}: ${reply.text}`).toBeLessThan(300);
      }
      const leadMerge = await call(ctx.url, '/v1/merges/mrg_x/undo', { method: 'POST', token: lead.token });
      expect(leadMerge.status).toBe(404);
    });

    it('GET /v1/audit lists writes and reads newest first, filters by action and time, pages by cursor', async () => {
      await call(ctx.url, `/v1/profiles/${SOFIA}/identities`, {
        method: 'POST',
        json: { identifier: { kind: 'email', value: 'audit.me@example.com' } },
      });
      const page = async (query: string) => {
        const reply = await call(ctx.url, `/v1/audit${query}`);
        expect(reply.status, reply.text).toBe(200);
        return AuditPage.parse(reply.body);
      };
      const links = await page('?action=identity.link');
      expect(links.items.length).toBeGreaterThanOrEqual(2);
      expect(links.items.every((i) => i.action === 'identity.link')).toBe(true);
      expect(links.items[0]).toMatchObject({ agentId: 'agt_demo', profileIds: [SOFIA] });
      expect(links.items[0]?.identifierHashes[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(links)).not.toContain('audit.me@example.com');

      const all = await page('?limit=1');
      expect(all.items).toHaveLength(1);
      const next = await page(`?limit=1&cursor=${all.nextCursor}`);
      expect(next.items[0]?.id).not.toBe(all.items[0]?.id);
      expect((next.items[0]?.at ?? '') <= (all.items[0]?.at ?? '')).toBe(true);

      const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
      expect((await page(`?from=${future}`)).items).toEqual([]);
      for (const bad of ['?from=yesterday', '?action=DROP%20TABLE', '?limit=9999', '?cursor=nope']) {
        expect((await call(ctx.url, `/v1/audit${bad}`)).status, bad).toBe(400);
      }
    });

    it('/docs is a self-contained page listing every operation of /openapi.json', async () => {
      const spec = (await call(ctx.url, '/openapi.json', { token: null })).body as {
        paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>;
      };
      const expected = [
        ['post', '/v1/profiles/{id}/identities'],
        ['delete', '/v1/profiles/{id}/identities'],
        ['post', '/v1/merges'],
        ['post', '/v1/merges/{id}/undo'],
        ['post', '/v1/search'],
        ['get', '/v1/search'],
        ['post', '/v1/tasks'],
        ['get', '/v1/tasks'],
        ['patch', '/v1/tasks/{id}'],
        ['post', '/v1/interactions'],
        ['get', '/v1/settings/sla'],
        ['put', '/v1/settings/sla'],
        ['get', '/v1/audit'],
      ] as const;
      for (const [method, path] of expected) {
        const op = spec.paths[path]?.[method];
        expect(op?.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op?.responses ?? {}), `${method} ${path}`).toContain('429');
      }
      const docs = await fetch(new URL('/docs', ctx.url));
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      expect(docs.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      const html = await docs.text();
      expect(html).not.toMatch(/<script|<link|src=/i);
      for (const path of Object.keys(spec.paths)) expect(html).toContain(`<code>${path}</code>`);
    });
  });

  describe.skipIf(backend.skip)(`per-token rate limit — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 3 });

    it('answers 429 rate_limited with Retry-After once a token spends its bucket; other tokens are unaffected', async () => {
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await fetch(new URL('/v1/me', ctx.url), {
          headers: { Authorization: 'Bearer known-demo-token' },
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else await res.text();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(20);
      expect(ErrorBody.parse(await limited?.json()).error.code).toBe('rate_limited');

      const other = await agentWithRole(ctx.db, 'agent', 'Fresh Bucket');
      expect((await call(ctx.url, '/v1/me', { token: other.token })).status).toBe(200);
      // Unauthenticated requests are refused before the bucket: they cannot drain a real agent's budget.
      expect((await call(ctx.url, '/v1/me', { token: 'wrong' })).status).toBe(401);
    });
  });
}
