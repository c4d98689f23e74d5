import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_PATTERNS, DetectionPatterns } from '../../lib/contract/detection-patterns.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`GET /v1/detection-patterns — ${backend.title}`, () => {
    const ctx = useServer(backend);

    const store = async (value: string) => {
      const me = (await call(ctx.url, '/v1/me')).body as { tenant: { id: string } };
      await ctx.db.deleteFrom('tenant_settings').where('key', '=', 'detection').execute();
      await ctx.db
        .insertInto('tenant_settings')
        .values({
          tenant_id: me.tenant.id,
          key: 'detection',
          value,
          updated_at: new Date().toISOString(),
          updated_by: null,
        })
        .execute();
    };

    it('needs a token', async () => {
      expect((await call(ctx.url, '/v1/detection-patterns', { token: null })).status).toBe(401);
    });

    it("serves the demo brands' formats until the tenant sets its own", async () => {
      const reply = await call(ctx.url, '/v1/detection-patterns');
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body).toEqual(DEFAULT_DETECTION_PATTERNS);
      const sources = DetectionPatterns.parse(reply.body).patterns.map((p) => p.source);
      expect(sources).toEqual(expect.arrayContaining(['SK-\\d{6}', 'HH-\\d{6}', 'LC-\\d{6}', 'O-\\d{5}']));
    });

    it('serves the stored setting, with defaults filled in', async () => {
      await store(
        JSON.stringify({
          patterns: [
            { kind: 'loyalty', source: 'ACME\\d{10}', checkDigit: 'luhn' },
            { kind: 'order', source: 'R\\d{8}' },
          ],
        }),
      );
      const reply = await call(ctx.url, '/v1/detection-patterns');
      expect(reply.body).toEqual({
        patterns: [
          { kind: 'loyalty', source: 'ACME\\d{10}', checkDigit: 'luhn' },
          { kind: 'order', source: 'R\\d{8}', checkDigit: 'none' },
        ],
      });
    });

    it('falls back to the defaults when the stored setting is unsafe or not JSON, never a 500', async () => {
      for (const bad of ['{"patterns":[{"kind":"loyalty","source":"(a+)+"}]}', 'not json']) {
        await store(bad);
        const reply = await call(ctx.url, '/v1/detection-patterns');
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual(DEFAULT_DETECTION_PATTERNS);
      }
    });
  });
}
