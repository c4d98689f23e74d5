import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { createLookupFastPath } from '../../server/lookup-fast/fast-path.ts';
import { rawHandleOf } from '../../server/lookup-fast/raw-handle.ts';
import { insertIdentity, insertProfile } from './support/agents.ts';
import { BACKENDS } from './support/backends.ts';
import { call, DEMO_TOKEN, postStreamedOversizeBody, type Reply } from './support/http.ts';
import { useServer } from './support/server.ts';

// POST /v1/lookup is answered by lookup-fast/fast-path.ts before Hono on the real server (startServer). These
// tests drive that path over real HTTP for the edges it handles itself, and check that it answers exactly
// what the Hono route (with its Kysely reads) answers for the same data.

const lookup = (url: string, init: Parameters<typeof call>[2] = {}) =>
  call(url, '/v1/lookup', { method: 'POST', ...init });

function errorOf(reply: Reply, status: number, code: string): ErrorBody['error'] {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(reply.headers.get('request-id')).toBeTruthy();
  const body = ErrorBody.parse(reply.body);
  expect(body.error.code).toBe(code);
  return body.error;
}

/** A plugin that changes nothing: a Kysely with a plugin has no raw handle, so lookups take the Kysely path. */
const passThrough: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => args.result,
};

describe('lookup fast path: which requests it takes', () => {
  const fake = (method: string, url: string) => ({ method, url }) as IncomingMessage;
  // The handler must not run: nothing is listening on these fakes. Only the routing decision is under test.
  const fast = createLookupFastPath({
    db: undefined as never,
    authenticator: undefined as never,
    limiter: undefined as never,
    logger: { info: () => {}, error: () => {} },
    allowedOrigins: undefined,
  });
  const res = {} as ServerResponse;

  it('leaves every other method and path to Hono', () => {
    for (const [method, url] of [
      ['GET', '/v1/lookup'],
      ['OPTIONS', '/v1/lookup'],
      ['HEAD', '/v1/lookup'],
      ['POST', '/v1/lookup/'],
      ['POST', '/v1/lookups'],
      ['POST', '/v1/profiles/x'],
      ['POST', '/V1/LOOKUP'],
    ] as const) {
      expect(fast(fake(method, url), res), `${method} ${url}`).toBe(false);
    }
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`lookup fast path — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 1000 });

    it('answers exactly what the Hono route with Kysely reads answers, merged profiles followed', async () => {
      await insertProfile(ctx.db, 'prf_fast_old', { name: 'Old Duplicate' });
      await insertIdentity(ctx.db, 'prf_fast_old', 'email', 'fast.old@example.com');
      await insertProfile(ctx.db, 'prf_fast_mid', { name: 'Middle Duplicate' });
      await insertIdentity(ctx.db, 'prf_fast_mid', 'handle', 'fastmid', 'instagram');
      // A chain: old → mid → Sofia. Both answer Sofia's summary.
      await ctx.db
        .updateTable('profiles')
        .set({ merged_into: 'prf_fast_mid' })
        .where('id', '=', 'prf_fast_old')
        .execute();
      await ctx.db
        .updateTable('profiles')
        .set({ merged_into: 'prf_sofia_reyes' })
        .where('id', '=', 'prf_fast_mid')
        .execute();
      const identifiers = [
        { kind: 'email', value: ' Sofia.Reyes@EXAMPLE.com ' },
        { kind: 'handle', network: 'x', value: '@SofiaFlies' },
        { kind: 'email', value: 'fast.old@example.com' },
        { kind: 'handle', network: 'instagram', value: '@FastMid' },
        { kind: 'loyalty', value: 'sk 204816' },
        { kind: 'email', value: 'john.carter@example.net' },
        { kind: 'handle', network: 'x', value: 'maryokafor' },
        { kind: 'email', value: 'nobody@example.com' },
        { kind: 'email', value: 'nul\u0000@example.com' },
        { kind: 'order', value: 'ORD-0000-none' },
        { kind: 'email', value: 'sofia.reyes@example.com' },
      ];
      const fast = await lookup(ctx.url, { json: { identifiers } });
      expect(fast.status, fast.text).toBe(200);
      const viaFast = LookupResponse.parse(fast.body);

      const { db } = ctx;
      expect(rawHandleOf(db)).toBeDefined();
      const kyselyOnly = db.withPlugin(passThrough);
      expect(rawHandleOf(kyselyOnly)).toBeUndefined();
      const app = createApp({
        db: kyselyOnly,
        database: ctx.backend.database.kind,
        logger: createLogger({ quiet: true }),
      });
      const hono = await app.request('/v1/lookup', {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ identifiers }),
      });
      expect(hono.status).toBe(200);
      expect(viaFast).toEqual(LookupResponse.parse(await hono.json()));

      const statuses = viaFast.results.map((r) => r.status);
      expect(statuses.filter((s) => s === 'matched').length).toBeGreaterThanOrEqual(7);
      for (const i of [2, 3]) {
        const r = viaFast.results[i];
        expect(r?.status === 'matched' && r.profile.id).toBe('prf_sofia_reyes');
      }
    });

    it('writes one audit row carrying the request id, and echoes a well-formed Request-Id', async () => {
      const rid = 'fast-path-audit-1';
      const reply = await lookup(ctx.url, {
        headers: { 'Request-Id': rid },
        json: {
          identifiers: [{ kind: 'email', value: 'sofia.reyes@example.com' }],
          context: { pageOrigin: 'https://help.example.com/tickets/42?email=x' },
        },
      });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('request-id')).toBe(rid);
      const rows = await ctx.db.selectFrom('audit_log').selectAll().where('request_id', '=', rid).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'lookup', page_origin: 'https://help.example.com' });
      expect(JSON.parse(rows[0]?.profile_ids ?? '[]')).toEqual(['prf_sofia_reyes']);
      expect(rows[0]?.identifier_hashes).not.toContain('sofia');
    });

    it('replaces a malformed Request-Id with a fresh one, as the Hono routes do', async () => {
      const bad = 'has spaces and / slashes';
      const fast = await lookup(ctx.url, {
        headers: { 'Request-Id': bad },
        json: { identifiers: [{ kind: 'email', value: 'a@b.c' }] },
      });
      const hono = await call(ctx.url, '/v1/me', { headers: { 'Request-Id': bad } });
      for (const r of [fast, hono]) {
        expect(r.headers.get('request-id')).not.toBe(bad);
        expect(r.headers.get('request-id')).toMatch(/^[\w=-]{1,128}$/);
      }
      const long = 'a'.repeat(129);
      const tooLong = await lookup(ctx.url, {
        headers: { 'Request-Id': long },
        json: { identifiers: [{ kind: 'email', value: 'a@b.c' }] },
      });
      expect(tooLong.headers.get('request-id')).not.toBe(long);
    });

    it('refuses what it cannot read with the same errors as the Hono routes', async () => {
      expect(
        errorOf(
          await lookup(ctx.url, {
            body: '{"identifiers": [',
            headers: { 'Content-Type': 'application/json' },
          }),
          400,
          'bad_request',
        ).message,
      ).toBe('Malformed JSON in request body');
      expect(
        errorOf(
          await lookup(ctx.url, { body: '', headers: { 'Content-Type': 'application/json' } }),
          400,
          'bad_request',
        ).message,
      ).toBe('Malformed JSON in request body');
      expect(
        errorOf(
          await lookup(ctx.url, { body: '{}', headers: { 'Content-Type': 'text/plain' } }),
          415,
          'bad_request',
        ).message,
      ).toMatch(/text\/plain/);
      expect(
        errorOf(await lookup(ctx.url, { json: { identifiers: [] } }), 400, 'invalid_body').message,
      ).toMatch(/^identifiers/);
      expect(
        errorOf(await lookup(ctx.url, { json: { identifiers: [{ kind: 'email' }] } }), 400, 'invalid_body')
          .message,
      ).toMatch(/identifiers\[0\]\.value/);
      expect(
        errorOf(
          await lookup(ctx.url, { json: { identifiers: [{ kind: 'fax', value: '1' }] } }),
          400,
          'unknown_identifier_kind',
        ).message,
      ).toMatch(/identifiers\[0\]\.kind/);
      const many = Array.from({ length: 101 }, (_, i) => ({ kind: 'email', value: `n${i}@example.com` }));
      expect(
        errorOf(await lookup(ctx.url, { json: { identifiers: many } }), 400, 'batch_too_large').message,
      ).toMatch(/got 101/);
      // A byte-order mark is dropped as a web Request's json() would.
      const bom = await lookup(ctx.url, {
        body: `\uFEFF${JSON.stringify({ identifiers: [{ kind: 'email', value: 'a@b.c' }] })}`,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(bom.status, bom.text).toBe(200);
    });

    it('judges a Content-Type exactly as the Hono route does (RFC 9110 media-type parameters)', async () => {
      const app = createApp({
        db: ctx.db,
        database: ctx.backend.database.kind,
        logger: createLogger({ quiet: true }),
      });
      const body = JSON.stringify({ identifiers: [{ kind: 'email', value: 'sofia.reyes@example.com' }] });
      const answers: Record<string, number> = {};
      for (const contentType of [
        'application/json',
        'APPLICATION/JSON',
        'application/json;charset=utf-8',
        'application/json ; charset="utf-8"',
        'application/json;',
        'application/json; charset=utf-8;',
        'application/vnd.known+json',
        // A parameter is `name=value` (RFC 9110 §5.6.6): these are not well-formed media types.
        'application/json; foo',
        'application/json; =utf-8',
        'application/json; charset=utf 8',
        'application/json; charset="utf-8',
        'application/json, text/plain',
        'text/plain',
      ]) {
        const headers = { 'Content-Type': contentType };
        const fast = await lookup(ctx.url, { body, headers });
        const hono = await app.request('/v1/lookup', {
          method: 'POST',
          headers: { ...headers, Authorization: `Bearer ${DEMO_TOKEN}` },
          body,
        });
        expect(fast.status, contentType).toBe(hono.status);
        expect(fast.body, contentType).toEqual(await hono.json());
        answers[contentType] = fast.status;
      }
      expect(answers).toMatchObject({
        'application/json': 200,
        'APPLICATION/JSON': 200,
        'application/json ; charset="utf-8"': 200,
        'application/json;': 200,
        'application/vnd.known+json': 200,
        'application/json; foo': 415,
        'application/json; =utf-8': 415,
        'application/json; charset=utf 8': 415,
        'application/json; charset="utf-8': 415,
        'text/plain': 415,
      });
    });

    it('413 for a declared or streamed body over 1 MB, closing the connection', async () => {
      const huge = JSON.stringify({ identifiers: [{ kind: 'email', value: 'x'.repeat(1_100_000) }] });
      const declared = await lookup(ctx.url, { body: huge, headers: { 'Content-Type': 'application/json' } });
      expect(errorOf(declared, 413, 'bad_request').message).toMatch(/1 MB/);
      expect(declared.headers.get('connection')).toBe('close');
      const streamed = await postStreamedOversizeBody(ctx.url);
      errorOf(streamed, 413, 'bad_request');
      // The server is still serving.
      expect(
        (await lookup(ctx.url, { json: { identifiers: [{ kind: 'email', value: 'a@b.c' }] } })).status,
      ).toBe(200);
    });

    it('401 with WWW-Authenticate for a missing, malformed or unknown token', async () => {
      const json = { identifiers: [{ kind: 'email', value: 'a@b.c' }] };
      for (const [token, pattern] of [
        [null, /missing bearer token/],
        ['not-a-real-token', /invalid token/],
      ] as const) {
        const reply = await lookup(ctx.url, { token, json });
        expect(errorOf(reply, 401, 'unauthorized').message).toMatch(pattern);
        expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="known"');
      }
      const basic = await lookup(ctx.url, { token: null, headers: { Authorization: 'Basic abc' }, json });
      expect(errorOf(basic, 401, 'unauthorized').message).toMatch(/Bearer <token>/);
    });

    it('CORS: an extension origin gets its headers, a page gets 403, a preflight is answered by Hono', async () => {
      const json = { identifiers: [{ kind: 'email', value: 'a@b.c' }] };
      const ext = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
      const ok = await lookup(ctx.url, { headers: { Origin: ext }, json });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ext);
      expect(ok.headers.get('access-control-expose-headers')).toMatch(/Request-Id/);
      expect(ok.headers.get('vary')).toMatch(/Origin/);
      // The CORS headers are on refusals too, so the extension can read the error.
      const unauth = await lookup(ctx.url, { token: null, headers: { Origin: ext }, json });
      expect(unauth.status).toBe(401);
      expect(unauth.headers.get('access-control-allow-origin')).toBe(ext);

      const page = await lookup(ctx.url, { headers: { Origin: 'https://evil.example' }, json });
      expect(errorOf(page, 403, 'forbidden').message).toMatch(/origin not allowed/);
      expect(page.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = await fetch(new URL('/v1/lookup', ctx.url), {
        method: 'OPTIONS',
        headers: {
          Origin: ext,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ext);
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    });

    it('a query string still takes the fast path; other methods on the path get 405 from Hono', async () => {
      expect(
        (
          await call(ctx.url, '/v1/lookup?x=1', {
            method: 'POST',
            json: { identifiers: [{ kind: 'email', value: 'a@b.c' }] },
          })
        ).status,
      ).toBe(200);
      const get = await call(ctx.url, '/v1/lookup');
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toMatch(/POST/);
    });
  });

  describe.skipIf(backend.skip)(`lookup fast path shares the rate limit with Hono — ${backend.title}`, () => {
    const ctx = useServer(backend, { rateLimitPerMinute: 3 });

    it('lookups and other routes draw on one bucket per agent; 429 carries Retry-After', async () => {
      const json = { identifiers: [{ kind: 'email', value: 'a@b.c' }] };
      expect((await lookup(ctx.url, { json })).status).toBe(200);
      expect((await call(ctx.url, '/v1/me')).status).toBe(200);
      expect((await lookup(ctx.url, { json })).status).toBe(200);
      const limited = await lookup(ctx.url, { json });
      expect(errorOf(limited, 429, 'rate_limited').message).toMatch(/3 requests per minute/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await call(ctx.url, '/v1/me')).status).toBe(429);
      // A rejected lookup wrote no audit row.
      const rows = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'lookup').execute();
      expect(rows).toHaveLength(2);
    });
  });
}
