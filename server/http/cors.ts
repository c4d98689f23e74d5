import type { MiddlewareHandler } from 'hono';
import { ApiError, errorResponse } from './errors.ts';

// The extension's background reaches the backend through CORS rather than a host permission (DESIGN.md), so
// exactly the extension origins are answered. Web pages are refused: the API never serves a page's scripts.
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;

const ALLOW_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, Request-Id, Idempotency-Key';
const EXPOSE_HEADERS = 'Request-Id, Retry-After';

/** `KNOWN_ALLOWED_ORIGINS` (comma-separated exact origins) narrows the extension origins further when set. */
export function parseAllowedOrigins(value: string | undefined): string[] | undefined {
  const list = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list?.length ? list : undefined;
}

export function isAllowedOrigin(origin: string, allowList: readonly string[] | undefined): boolean {
  if (!EXTENSION_ORIGIN.test(origin)) return false;
  return allowList ? allowList.includes(origin) : true;
}

/** What an API call from a refused origin answers (pages and unlisted extensions). */
export function originRefused(): ApiError {
  return new ApiError(403, 'forbidden', 'origin not allowed: only the Known extension may call this API');
}

/** The headers every response to an allowed origin carries (preflights add theirs below). */
export function allowedOriginHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS };
}

export function cors(allowList: readonly string[] | undefined): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    // Responses differ by Origin, so caches must key on it.
    c.header('Vary', 'Origin', { append: true });
    const isPreflight =
      c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined;
    if (!origin) {
      await next();
      return;
    }
    if (!isAllowedOrigin(origin, allowList)) {
      // A page (or an unlisted extension) gets no CORS headers; its preflights and API calls get a clear 403.
      if (isPreflight || c.req.path.startsWith('/v1/')) return errorResponse(c, originRefused());
      await next();
      return;
    }
    for (const [name, value] of Object.entries(allowedOriginHeaders(origin))) c.header(name, value);
    if (isPreflight) {
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      // Chrome's Private Network Access asks before a secure context reaches a loopback backend.
      if (c.req.header('Access-Control-Request-Private-Network') === 'true') {
        c.header('Access-Control-Allow-Private-Network', 'true');
      }
      return c.body(null, 204);
    }
    await next();
  };
}
