import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { Health, Me } from '../../lib/contract/health.ts';
import { startServer } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { call } from './support/http.ts';
import { useServer } from './support/server.ts';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const preflight = (url: string, origin: string) =>
  call(url, '/v1/lookup', {
    method: 'OPTIONS',
    token: null,
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`HTTP behaviour — ${backend.title}`, () => {
    const ctx = useServer(backend);

    it('GET /healthz answers without auth', async () => {
      const reply = await call(ctx.url, '/healthz', { token: null });
      expect(reply.status).toBe(200);
      expect(Health.parse(reply.body).database).toBe(
        backend.title.startsWith('SQLite') ? 'sqlite' : 'postgres',
      );
    });

    it('GET /v1/me names the demo agent and tenant', async () => {
      const reply = await call(ctx.url, '/v1/me');
      expect(reply.status).toBe(200);
      expect(Me.parse(reply.body)).toEqual({
        agent: { id: 'agt_demo', name: 'Demo Agent', role: 'admin' },
        tenant: { id: 'demo', name: 'Demo Co' },
      });
    });

    it('a CORS preflight from an extension origin is allowed', async () => {
      for (const origin of [EXT, 'moz-extension://0b8c5a44-7d1e-4d43-9f61-3a7f5b2c1d00']) {
        const reply = await preflight(ctx.url, origin);
        expect(reply.status).toBe(204);
        expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
        expect(reply.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
        expect(reply.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
        expect(reply.headers.get('access-control-allow-methods')).toMatch(/POST/);
      }
    });

    it('a CORS preflight from a web page is refused', async () => {
      const reply = await preflight(ctx.url, 'https://evil.example');
      expect(reply.status).toBe(403);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      expect(ErrorBody.parse(reply.body).error.code).toBe('forbidden');
    });

    it('an API call from a web page origin is refused even with a valid token', async () => {
      const reply = await call(ctx.url, '/v1/me', { headers: { Origin: 'https://evil.example' } });
      expect(reply.status).toBe(403);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('an actual request from an extension exposes Request-Id and Retry-After', async () => {
      const reply = await call(ctx.url, '/v1/me', { headers: { Origin: EXT } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBe(EXT);
      expect(reply.headers.get('access-control-expose-headers')).toBe('Request-Id, Retry-After');
      expect(reply.headers.get('vary')).toMatch(/Origin/);
    });

    it('echoes a sane Request-Id and replaces an insane one, on every kind of response', async () => {
      const echoed = await call(ctx.url, '/v1/me', { headers: { 'Request-Id': 'req-42_ok' } });
      expect(echoed.headers.get('request-id')).toBe('req-42_ok');
      for (const path of ['/healthz', '/nope', '/v1/profiles/none']) {
        const reply = await call(ctx.url, path, { headers: { 'Request-Id': 'bad id; drop table' } });
        expect(reply.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
      const unauthorized = await call(ctx.url, '/v1/me', { token: null, headers: { 'Request-Id': 'r-401' } });
      expect(unauthorized.headers.get('request-id')).toBe('r-401');
      const long = await call(ctx.url, '/healthz', { headers: { 'Request-Id': 'a'.repeat(200) } });
      expect(long.headers.get('request-id')).not.toBe('a'.repeat(200));
    });

    it('GET /openapi.json documents every route with its error responses', async () => {
      const reply = await call(ctx.url, '/openapi.json', { token: null });
      expect(reply.status).toBe(200);
      const doc = reply.body as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/healthz',
          '/v1/lookup',
          '/v1/me',
          '/v1/profiles/{id}',
          '/v1/profiles/{id}/interactions',
          '/v1/profiles/{id}/identities',
          '/v1/merges',
          '/v1/search',
          '/v1/tasks',
          '/v1/tasks/{id}',
          '/v1/interactions',
          '/v1/audit',
          '/v1/playbook',
          '/v1/import',
        ]),
      );
      // Every authenticated operation documents what a caller without a valid token gets.
      for (const [route, operations] of Object.entries(doc.paths)) {
        if (!route.startsWith('/v1/')) continue;
        for (const [method, operation] of Object.entries(operations)) {
          expect(Object.keys(operation.responses), `${method.toUpperCase()} ${route}`).toContain('401');
        }
      }
      expect(Object.keys(doc.paths['/v1/lookup']?.post?.responses ?? {}).sort()).toEqual(
        ['200', '400', '401', '403', '413', '415', '500'].sort(),
      );
      expect(doc.paths['/v1/lookup']?.post?.requestBody).toBeDefined();
      expect(Object.keys(doc.paths['/v1/profiles/{id}']?.get?.responses ?? {})).toContain('404');
      expect(Object.keys(doc.paths['/v1/me']?.get?.responses ?? {})).toContain('401');
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining([
          'LookupRequest',
          'LookupResponse',
          'ProfileSummary',
          'ProfileDetail',
          'Error',
          'Me',
        ]),
      );
      expect(doc.components.securitySchemes.bearerAuth).toBeDefined();
    });
  });
}

describe('KNOWN_ALLOWED_ORIGINS narrows CORS to the listed extension', () => {
  const listed = 'chrome-extension://listedlistedlistedlistedlisted00';
  let url = '';
  let close: () => Promise<void> = async () => {};
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const backend = await BACKENDS[0]?.create();
    if (!backend) throw new Error('no SQLite backend');
    cleanup = backend.cleanup;
    vi.stubEnv('KNOWN_ALLOWED_ORIGINS', `${listed}, https://not-an-extension.example`);
    const server = await startServer({ port: 0, quiet: true, seed: true, database: backend.database });
    vi.unstubAllEnvs();
    url = server.url;
    close = server.close;
  });
  afterAll(async () => {
    await close();
    await cleanup();
  });

  it('allows the listed extension and refuses another extension and a listed web origin', async () => {
    expect((await preflight(url, listed)).headers.get('access-control-allow-origin')).toBe(listed);
    expect((await preflight(url, EXT)).status).toBe(403);
    expect((await preflight(url, 'https://not-an-extension.example')).status).toBe(403);
  });
});

describe('an unexpected failure', () => {
  const backend = BACKENDS[0];
  if (!backend) throw new Error('no SQLite backend');
  const ctx = useServer(backend);

  it('becomes a 500 internal carrying the Request-Id, logged without PII or stack in the body', async () => {
    // Break the database under the running server: the profile read then fails inside the query.
    await ctx.db.schema.dropTable('social_accounts').execute();
    const logged: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      const reply = await call(ctx.url, '/v1/profiles/prf_sofia_reyes', {
        headers: { 'Request-Id': 'boom-1' },
      });
      expect(reply.status).toBe(500);
      expect(reply.headers.get('request-id')).toBe('boom-1');
      const body = ErrorBody.parse(reply.body);
      expect(body.error.code).toBe('internal');
      expect(body.error.message).toContain('boom-1');
      expect(reply.text).not.toMatch(/social_accounts|SqliteError|\.ts:\d+/);
    } finally {
      spy.mockRestore();
    }
    const line = logged.find((l) => l.includes('"unhandled"'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line ?? '{}');
    expect(entry).toMatchObject({ level: 'error', requestId: 'boom-1', error: 'SqliteError' });
    expect(line).not.toContain('no such table');
  });
});

describe('demo pages at /demo/', () => {
  const backend = BACKENDS[0];
  if (!backend) throw new Error('no SQLite backend');
  const demoDir = mkdtempSync(join(tmpdir(), 'known-demo-'));
  writeFileSync(join(demoDir, 'index.html'), '<!doctype html><title>Known demo</title><p>@sofiaflies</p>');
  writeFileSync(join(demoDir, 'feed.html'), '<p>sofia.reyes@example.com</p>');
  const ctx = useServer(backend, { demoDir });
  afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

  it('serves the folder without auth, with index.html at /demo/', async () => {
    const index = await call(ctx.url, '/demo/', { token: null });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.text).toContain('Known demo');
    expect((await call(ctx.url, '/demo/feed.html', { token: null })).text).toContain(
      'sofia.reyes@example.com',
    );
    const bare = await fetch(new URL('/demo', ctx.url), { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/demo/');
  });

  it('answers 404 for a missing page and never leaves the folder', async () => {
    expect((await call(ctx.url, '/demo/missing.html', { token: null })).status).toBe(404);
    const outside = await call(ctx.url, '/demo/..%2f..%2fpackage.json', { token: null });
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('"name"');
  });
});
