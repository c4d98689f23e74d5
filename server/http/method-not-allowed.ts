import type { Hono } from 'hono';

// Hono answers a known path with the wrong method as a plain 404. To answer 405 with an Allow header, the
// registered (method, path) pairs are compiled once into patterns and consulted only on a miss.

const toPattern = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}/?$`);

// biome-ignore lint/suspicious/noExplicitAny: any app's routes will do; only method and path are read.
export function allowedMethodsFinder(app: Hono<any>): (path: string) => string[] {
  let compiled: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    compiled ??= app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method, pattern: toPattern(r.path) }));
    const methods = new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
