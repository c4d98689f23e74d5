/**
 * Splits items into runs of at most `size`: multi-row INSERTs and IN lists are sent in chunks that stay under
 * every dialect's bound-parameter limit (SQLite 32,766, PostgreSQL 65,535).
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
