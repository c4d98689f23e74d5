import { ApiError } from '../http/errors.ts';

// The timeline cursor is opaque to clients: base64url of the last item's (at, id). Keyset pagination on
// (at, id) stays correct while new interactions arrive and costs the same on page 1000 as on page 1.

export interface CursorKey {
  at: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

const badCursor = () =>
  new ApiError(400, 'bad_request', 'cursor: not a cursor this API issued; start again without one', {
    field: 'cursor',
  });

export function decodeCursor(cursor: string): CursorKey {
  if (cursor.length > 600 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw badCursor();
  if (Number.isNaN(Date.parse(at)) || at.includes('\u0000') || id.includes('\u0000')) throw badCursor();
  return { at, id };
}

/** `limit` as a query parameter: an integer 1..100, default 20. */
export function parseLimit(value: string | undefined, fallback = 20): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100) {
    throw new ApiError(400, 'bad_request', 'limit: must be an integer from 1 to 100', { field: 'limit' });
  }
  return n;
}
