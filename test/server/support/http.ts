export const DEMO_TOKEN = 'known-demo-token';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A fetch that always reads the body and parses JSON when it can, so tests can assert on anything. */
export async function call(
  base: string,
  path: string,
  init: RequestInit & { token?: string | null; json?: unknown } = {},
): Promise<Reply> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? DEMO_TOKEN : init.token;
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  const res = await fetch(new URL(path, base), { ...init, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/**
 * POST /v1/lookup with a body of about 1.3 MB streamed in 64 kB chunks and no Content-Length, so only the
 * server's count of the bytes as they arrive can refuse it.
 */
export function postStreamedOversizeBody(base: string): Promise<Reply> {
  const chunk = new TextEncoder().encode(`"${'x'.repeat(64 * 1024)}",`);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 20) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return call(base, '/v1/lookup', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json' },
    // biome-ignore lint/suspicious/noExplicitAny: `duplex` is required by Node's fetch for stream bodies but missing from RequestInit's type.
    ...({ duplex: 'half' } as any),
  });
}
