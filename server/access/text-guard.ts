import { ApiError } from '../http/errors.ts';
import { formatPath } from '../http/validation.ts';

// PostgreSQL text cannot hold U+0000 and raises on it, SQLite would store it: either way a NUL in a body is
// refused up front with a 400 naming the field, so both databases behave the same and nothing reaches SQL.

function findNul(value: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, i]);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Throws 400 invalid_body naming the first string field holding a NUL character. */
export function rejectNul(body: unknown, root: PropertyKey[] = []): void {
  const path = findNul(body, root);
  if (path) throw new ApiError(400, 'invalid_body', `${formatPath(path)}: must not contain NUL characters`);
}

/** Path and query parameters that reach SQL: short, and without NUL (ids never contain one). */
export function plausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 200 && !id.includes('\u0000');
}
