import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../server/access/rate-limit.ts';
import { createAuthenticator } from '../../server/http/auth.ts';
import type { LogFields, Logger } from '../../server/log.ts';
import { createLookupFastPath } from '../../server/lookup-fast/fast-path.ts';
import { BACKENDS } from './support/backends.ts';
import { DEMO_TOKEN } from './support/http.ts';
import { useServer } from './support/server.ts';

// A client that goes away in the middle of its request body (a closed tab, a timeout) is not a server error:
// the fast path logs it as an abort (499), never as an `unhandled` 500, and the request does not hang.

interface Line {
  level: 'info' | 'error';
  event: string;
  fields: LogFields | undefined;
}

function recordingLogger(lines: Line[]): Logger {
  return {
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`lookup fast path: client abort mid-body — ${backend.title}`, () => {
    const ctx = useServer(backend);
    let server: http.Server | undefined;
    afterEach(async () => {
      await new Promise<void>((done) => {
        server?.close(() => done());
        server?.closeAllConnections();
      });
    });

    /** A node:http server answering lookups with the fast path alone, logging into `lines`. */
    async function serve(lines: Line[]): Promise<number> {
      const fast = createLookupFastPath({
        db: ctx.db,
        authenticator: createAuthenticator(ctx.db),
        limiter: createRateLimiter(1000),
        logger: recordingLogger(lines),
        allowedOrigins: undefined,
      });
      server = http.createServer((req, res) => {
        if (!fast(req, res)) res.writeHead(404).end();
      });
      await new Promise<void>((ready) => server?.listen(0, '127.0.0.1', ready));
      return (server?.address() as AddressInfo).port;
    }

    /** Sends the head and part of the body, then drops the connection once the server has the request. */
    async function abortMidBody(port: number, requestId: string, afterMs: number): Promise<void> {
      const received = new Promise<void>((resolve) => server?.once('request', () => resolve()));
      const socket = net.connect(port, '127.0.0.1');
      await new Promise<void>((connected) => socket.once('connect', connected));
      socket.write(
        'POST /v1/lookup HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
          `Authorization: Bearer ${DEMO_TOKEN}\r\nContent-Type: application/json\r\n` +
          `Content-Length: 1000\r\nRequest-Id: ${requestId}\r\n\r\n{"identifiers": [{"kind": "email", `,
      );
      await received;
      await new Promise((wait) => setTimeout(wait, afterMs));
      socket.destroy();
    }

    it('is logged as a 499 client abort, not an unhandled error, whether or not reading had begun', async () => {
      const lines: Line[] = [];
      const port = await serve(lines);
      // 0 ms: the socket closes at once, usually while the token is still being checked (its first check
      // reads the database), before reading began; 100 ms: it closes while the rest of the body is awaited.
      for (const [requestId, afterMs] of [
        ['abort-early', 0],
        ['abort-reading', 100],
      ] as const) {
        await abortMidBody(port, requestId, afterMs);
        await vi.waitFor(() =>
          expect(lines.find((l) => l.fields?.requestId === requestId)?.fields).toMatchObject({
            method: 'POST',
            path: '/v1/lookup',
            status: 499,
          }),
        );
      }
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(lines.map((l) => l.event)).toEqual(['request', 'request']);
      // Nothing was answered, so nothing was looked up or audited.
      const audited = await ctx.db
        .selectFrom('audit_log')
        .select('request_id')
        .where('request_id', 'in', ['abort-early', 'abort-reading'])
        .execute();
      expect(audited).toEqual([]);
    });
  });
}
