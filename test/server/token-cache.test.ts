import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createAgentToken } from '../../server/auth/tokens.ts';
import { bearerAuth } from '../../server/http/auth.ts';
import type { AppEnv } from '../../server/http/env.ts';
import { BACKENDS } from './support/backends.ts';
import { useServer } from './support/server.ts';

// The token → caller cache of http/auth.ts, driven with a fake clock over the real database: a token deleted
// behind the process's back is trusted until its entry expires, and not a moment longer.

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`bearer token cache — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const appWith = (cacheMs: number, now: () => number) =>
      new Hono<AppEnv>()
        .use('*', bearerAuth(ctx.db, { cacheMs, now }))
        .get('/who', (c) => c.json({ agent: c.get('caller').agentName }));

    const who = (app: Hono<AppEnv>, token: string) =>
      app.request('/who', { headers: { Authorization: `Bearer ${token}` } });

    const revoke = async (agentId: string) => {
      await ctx.db.deleteFrom('api_tokens').where('agent_id', '=', agentId).execute();
    };

    it('trusts a checked token for the cache period, then reads it again and refuses a revoked one', async () => {
      const { token, agentId } = await createAgentToken(ctx.db, {
        tenantId: 'demo',
        agentName: 'Cached Cleo',
        role: 'agent',
      });
      let t = 1_000_000;
      const app = appWith(30_000, () => t);
      expect(await (await who(app, token)).json()).toEqual({ agent: 'Cached Cleo' });
      await revoke(agentId);
      t += 29_000;
      expect((await who(app, token)).status).toBe(200);
      t += 1_001;
      expect((await who(app, token)).status).toBe(401);
    });

    it('with the cache off, a revoked token is refused on the next request', async () => {
      const { token, agentId } = await createAgentToken(ctx.db, {
        tenantId: 'demo',
        agentName: 'Uncached Uma',
        role: 'agent',
      });
      const app = appWith(0, Date.now);
      expect((await who(app, token)).status).toBe(200);
      await revoke(agentId);
      expect((await who(app, token)).status).toBe(401);
    });

    it('never caches an invalid token: it is refused, and a later valid one is accepted', async () => {
      const app = appWith(30_000, Date.now);
      expect((await who(app, 'no-such-token')).status).toBe(401);
      expect((await who(app, 'known-demo-token')).status).toBe(200);
    });
  });
}
