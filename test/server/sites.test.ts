import { describe, expect, it } from 'vitest';
import { SiteList } from '../../lib/contract/sites.ts';
import { createAgentToken } from '../../server/auth/tokens.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const acme = {
  id: 'acme-helpdesk',
  name: 'Acme helpdesk',
  urlPatterns: ['https://help.acme-support.test/*', 'https://*.acme-support.test/tickets/*'],
  selectors: { message: '.ticket-comment', author: '.comment-author', email: '.requester-email' },
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`site definitions over HTTP — ${backend.title}`, () => {
    const ctx = useServer(backend);

    it('answers no sites until an admin stores some, then those, validated', async () => {
      const before = await call(ctx.url, '/v1/sites');
      expect(before.status, before.text).toBe(200);
      expect(before.body).toEqual({ sites: [] });

      const put = await call(ctx.url, '/v1/sites', { method: 'PUT', json: { sites: [acme] } });
      expect(put.status, put.text).toBe(200);
      const after = await call(ctx.url, '/v1/sites');
      expect(SiteList.parse(after.body)).toEqual({ sites: [acme] });

      // Replacing is idempotent: same row, new content.
      const again = await call(ctx.url, '/v1/sites', {
        method: 'PUT',
        json: { sites: [{ ...acme, name: 'Acme support' }] },
      });
      expect(again.status, again.text).toBe(200);
      const rows = await ctx.db
        .selectFrom('tenant_settings')
        .selectAll()
        .where('key', '=', 'sites')
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.value ?? '{}').sites[0].name).toBe('Acme support');
    });

    it('refuses patterns that would widen Known to every site, naming the field', async () => {
      for (const pattern of [
        '<all_urls>',
        '*://*/*',
        'https://*/*',
        'ftp://files.acme.test/*',
        'https://acme.test',
      ]) {
        const reply = await call(ctx.url, '/v1/sites', {
          method: 'PUT',
          json: { sites: [{ ...acme, urlPatterns: [pattern] }] },
        });
        expect(reply.status, pattern).toBe(400);
        expect(reply.text).toContain('sites[0].urlPatterns[0]');
      }
      const missing = await call(ctx.url, '/v1/sites', {
        method: 'PUT',
        json: { sites: [{ ...acme, selectors: { author: '.a' } }] },
      });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('sites[0].selectors.message');
      const duplicate = await call(ctx.url, '/v1/sites', { method: 'PUT', json: { sites: [acme, acme] } });
      expect(duplicate.status).toBe(400);
      expect(duplicate.text).toContain('unique');
    });

    it('lets any agent read but only an admin replace', async () => {
      const { token } = await createAgentToken(ctx.db, {
        tenantId: 'demo',
        agentName: 'Ana Agent',
        role: 'agent',
      });
      expect((await call(ctx.url, '/v1/sites', { token })).status).toBe(200);
      const put = await call(ctx.url, '/v1/sites', { method: 'PUT', token, json: { sites: [] } });
      expect(put.status).toBe(403);
      expect(put.text).toContain('admin');
      expect((await call(ctx.url, '/v1/sites', { token: null })).status).toBe(401);
    });

    it('answers no sites, not a 500, when the stored row is not valid', async () => {
      await ctx.db
        .updateTable('tenant_settings')
        .set({ value: '{"sites":[{"id":"Bad Id"}]}' })
        .where('key', '=', 'sites')
        .execute();
      const reply = await call(ctx.url, '/v1/sites');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ sites: [] });
    });
  });
}
