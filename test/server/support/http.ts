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
