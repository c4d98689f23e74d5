import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { LookupRequest } from '../../lib/contract/lookup.ts';
import type { RateLimiter } from '../access/rate-limit.ts';
import type { Database } from '../db/types.ts';
import type { Authenticator } from '../http/auth.ts';
import { allowedOriginHeaders, isAllowedOrigin, originRefused } from '../http/cors.ts';
import { ApiError, errorBody, internalError } from '../http/errors.ts';
import { bodyTooLarge, contentTypeRefusal, declaresTooLarge, MAX_BODY_BYTES } from '../http/json-body.ts';
import { REQUEST_ID_HEADER, requestIdFor } from '../http/request-id.ts';
import { logRequest } from '../http/request-log.ts';
import { issuesToApiError, malformedJson } from '../http/validation.ts';
import type { Logger } from '../log.ts';
import { runLookup } from './run-lookup.ts';

// POST /v1/lookup answered on the node:http server before Hono sees the request. A lookup is the request the
// extension sends for every page it scans, and on Hono + @hono/node-server most of its CPU time went to the
// web-standard plumbing around it: a Request object, a web stream for the body, a Context, a chain of
// promise-wrapped middleware, a Response object copied back onto the socket. Here the same steps run as plain
// calls in the same order as app.ts's middleware chain, each one the SAME function the Hono middleware calls
// (CORS, token check and cache, rate limit, content type, body limit, validation and its error wording,
// runLookup with its audit row, the access log line), so the answers cannot drift apart. Everything else —
// other routes, other methods on this path (OPTIONS preflights, 405s) — goes to Hono unchanged, and the Hono
// route stays registered for the OpenAPI document and app.request().

export interface FastPathDeps {
  db: Kysely<Database>;
  authenticator: Authenticator;
  limiter: RateLimiter;
  logger: Logger;
  allowedOrigins: readonly string[] | undefined;
}

export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const PATH = '/v1/lookup';

/** nginx's status for a request whose client went away before it could be answered; only ever logged. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * The client went away before its whole body arrived (closed the tab, timed out, lost the network). Nothing
 * failed on our side and there is nobody left to answer: it is logged as an abort (499, as nginx names it),
 * not as an unhandled server error.
 */
class ClientAborted extends Error {}

/** Reads the body up to the limit; a larger one rejects with the 413 (and the connection is closed after it). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new ClientAborted('client closed the connection before the body ended'));
    // Gone while the token was being checked: its 'close' has been and gone, and no 'end' will come.
    if (req.destroyed) {
      aborted();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    // An aborted body emits 'error' (ECONNRESET "aborted") and then 'close' without 'end'; either way the
    // promise must settle, or the request would hang here for good.
    req.on('error', (err) => (req.complete ? reject(err) : aborted()));
    req.on('close', () => {
      if (!req.complete) aborted();
    });
  });
}

/**
 * A request refused before its body was read still has that body on the wire; reading it away keeps the
 * keep-alive connection usable (as @hono/node-server does), up to the body limit, past which the socket closes.
 */
function discardBody(req: IncomingMessage): void {
  if (req.readableEnded) return;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) req.socket.destroy();
  });
  req.resume();
}

// Decodes like the web Request.json() Hono uses: UTF-8, a leading byte-order mark dropped.
const utf8 = new TextDecoder();

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}

export function createLookupFastPath(deps: FastPathDeps): FastPath {
  const { db, authenticator, limiter, logger, allowedOrigins } = deps;

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const started = performance.now();
    const requestId = requestIdFor(req.headers['request-id'] as string | undefined);
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, Vary: 'Origin' };
    let bodyRead = false;
    let status: number;
    try {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!isAllowedOrigin(origin, allowedOrigins)) throw originRefused();
        Object.assign(headers, allowedOriginHeaders(origin));
      }
      const caller = await authenticator.authenticate(req.headers.authorization);
      const limited = limiter.take(caller);
      if (limited) throw limited;
      const wrongType = contentTypeRefusal(req.headers['content-type']);
      if (wrongType) throw wrongType;
      // A declared length is checked before reading; a chunked body is counted as it arrives (json-body.ts).
      if (req.headers['transfer-encoding'] === undefined && declaresTooLarge(req.headers['content-length'])) {
        throw bodyTooLarge();
      }
      bodyRead = true;
      const text = utf8.decode(await readBody(req));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw malformedJson();
      }
      const parsed = LookupRequest.safeParse(json);
      if (!parsed.success) throw issuesToApiError(parsed.error.issues, json);
      const answer = await runLookup(db, caller, parsed.data, requestId);
      status = 200;
      send(res, status, headers, JSON.stringify(answer));
    } catch (caught) {
      if (caught instanceof ClientAborted) {
        logRequest(logger, { requestId, method: 'POST', path, status: CLIENT_CLOSED_REQUEST, started });
        return;
      }
      const err =
        caught instanceof ApiError
          ? caught
          : internalError(logger, caught, { requestId, method: 'POST', path });
      status = err.status;
      if (err.headers) Object.assign(headers, err.headers);
      if (!bodyRead && status !== 413) discardBody(req);
      send(res, status, headers, JSON.stringify(errorBody(err.code, err.message, err.details)));
    }
    logRequest(logger, { requestId, method: 'POST', path, status, started });
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path !== PATH) return false;
    void handle(req, res, path);
    return true;
  };
}
