// The Request-Id rule in one place: app.ts hands these to hono's requestId middleware, and the lookup fast
// path (lookup-fast/fast-path.ts), which answers before Hono, applies requestIdFor() — the same rule hono's
// middleware applies (echo [A-Za-z0-9_=-]{1,128}, else a fresh UUID), so logs stay clean on both paths.

export const REQUEST_ID_HEADER = 'Request-Id';
export const MAX_REQUEST_ID_LENGTH = 128;

export function requestIdFor(incoming: string | undefined): string {
  if (!incoming || incoming.length > MAX_REQUEST_ID_LENGTH || /[^\w\-=]/.test(incoming))
    return crypto.randomUUID();
  return incoming;
}
