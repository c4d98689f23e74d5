import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../lib/contract/errors.ts';
import { BACKENDS } from './support/backends.ts';
import { call, postStreamedOversizeBody, type Reply } from './support/http.ts';
import { useServer } from './support/server.ts';

/** Every refusal is a 4xx with the contract's error body, and never leaks a stack trace. */
function expectError(reply: Reply, status: number, code: string): ErrorBody['error'] {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(reply.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  const body = ErrorBody.parse(reply.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

const post = (url: string, init: Parameters<typeof call>[2]) =>
  call(url, '/v1/lookup', { method: 'POST', ...init });

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`bad input gets a 4xx naming the problem — ${backend.title}`, () => {
    const ctx = useServer(backend);

    it('malformed JSON → 400 bad_request', async () => {
      const reply = await post(ctx.url, {
        body: '{"identifiers": [',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(expectError(reply, 400, 'bad_request').message).toMatch(/JSON/);
    });

    it('wrong content type → 415 bad_request', async () => {
      const reply = await post(ctx.url, { body: 'identifiers=1', headers: { 'Content-Type': 'text/plain' } });
      expect(expectError(reply, 415, 'bad_request').message).toMatch(/application\/json/);
    });

    it('no content type at all → 415 bad_request', async () => {
      const reply = await post(ctx.url, { body: '{}' });
      expectError(reply, 415, 'bad_request');
    });

    it('a body over 1 MB → 413 bad_request', async () => {
      const huge = JSON.stringify({ identifiers: [{ kind: 'email', value: 'x'.repeat(1_100_000) }] });
      const reply = await post(ctx.url, { body: huge, headers: { 'Content-Type': 'application/json' } });
      expect(expectError(reply, 413, 'bad_request').message).toMatch(/1 MB/);
    });

    it('a chunked body over 1 MB (no Content-Length) → 413 bad_request', async () => {
      const reply = await postStreamedOversizeBody(ctx.url);
      expectError(reply, 413, 'bad_request');
    });

    it('an unknown identifier kind → 400 unknown_identifier_kind naming the element', async () => {
      const reply = await post(ctx.url, {
        json: {
          identifiers: [
            { kind: 'email', value: 'a@b.c' },
            { kind: 'phone', value: '+1 555' },
          ],
        },
      });
      const error = expectError(reply, 400, 'unknown_identifier_kind');
      expect(error.message).toMatch(/^identifiers\[1\]\.kind: /);
      expect(error.message).toContain('email, handle, loyalty, order');
    });

    it('more than 100 identifiers → 400 batch_too_large', async () => {
      const identifiers = Array.from({ length: 101 }, (_, i) => ({
        kind: 'email',
        value: `u${i}@example.com`,
      }));
      const error = expectError(await post(ctx.url, { json: { identifiers } }), 400, 'batch_too_large');
      expect(error.message).toContain('101');
    });

    it('a missing field → 400 invalid_body naming its path', async () => {
      const reply = await post(ctx.url, {
        json: {
          identifiers: [
            { kind: 'email', value: 'a@b.c' },
            { kind: 'handle', network: 'x', value: 'a' },
            { kind: 'email' },
          ],
        },
      });
      expect(expectError(reply, 400, 'invalid_body').message).toBe('identifiers[2].value: required');
    });

    it('a handle without its network → 400 invalid_body naming network', async () => {
      const reply = await post(ctx.url, { json: { identifiers: [{ kind: 'handle', value: 'sofiaflies' }] } });
      expect(expectError(reply, 400, 'invalid_body').message).toMatch(
        /^identifiers\[0\]\.network: expected one of x, /,
      );
    });

    it('an empty batch, a wrong type, a non-object body → 400 invalid_body', async () => {
      expect(
        expectError(await post(ctx.url, { json: { identifiers: [] } }), 400, 'invalid_body').message,
      ).toMatch(/^identifiers: /);
      expect(
        expectError(
          await post(ctx.url, { json: { identifiers: [{ kind: 'email', value: 42 }] } }),
          400,
          'invalid_body',
        ).message,
      ).toBe('identifiers[0].value: expected string, got number');
      expect(expectError(await post(ctx.url, { json: [1, 2] }), 400, 'invalid_body').message).toBe(
        'body: expected object, got array',
      );
    });

    it('no token → 401 unauthorized with WWW-Authenticate', async () => {
      const reply = await call(ctx.url, '/v1/me', { token: null });
      expectError(reply, 401, 'unauthorized');
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('a wrong token → 401 unauthorized', async () => {
      const reply = await post(ctx.url, { token: 'known-wrong-token', json: { identifiers: [] } });
      expectError(reply, 401, 'unauthorized');
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('a non-bearer Authorization → 401 unauthorized', async () => {
      const reply = await call(ctx.url, '/v1/me', {
        token: null,
        headers: { Authorization: 'Basic dXNlcjpwYXNz' },
      });
      expectError(reply, 401, 'unauthorized');
    });

    it('an unknown route → 404 not_found', async () => {
      expectError(await call(ctx.url, '/nope'), 404, 'not_found');
      expectError(await call(ctx.url, '/v1/nope'), 404, 'not_found');
      for (const id of ['%00', 'a%00b', `${'x'.repeat(300)}`, '%F0%9F%99%82', "'%20OR%201=1"]) {
        expectError(await call(ctx.url, `/v1/profiles/${id}`), 404, 'not_found');
      }
    });

    it('a wrong method → 405 with Allow', async () => {
      const reply = await call(ctx.url, '/v1/lookup');
      expectError(reply, 405, 'bad_request');
      expect(reply.headers.get('allow')).toBe('POST');
      const del = await call(ctx.url, '/v1/profiles/prf_sofia_reyes', { method: 'DELETE' });
      expectError(del, 405, 'bad_request');
      expect(del.headers.get('allow')).toBe('GET, HEAD');
    });

    it('hostile strings are data, not code', async () => {
      const reply = await post(ctx.url, {
        json: {
          identifiers: [
            { kind: 'email', value: "x' OR '1'='1" },
            { kind: 'handle', network: 'x', value: '<script>alert(1)</script>' },
            { kind: 'loyalty', value: '\u0000\u202e🙂' },
            { kind: 'order', value: 'lone \ud800 surrogate' },
          ],
        },
      });
      expect(reply.status).toBe(200);
      expect((reply.body as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
        'not_found',
        'not_found',
        'not_found',
        'not_found',
      ]);
    });
  });
}
