/**
 * An Idempotency-Key for one intent to create something (one follow-up for one selection). Made once, when
 * the intent starts, and reused for every click and every retry: the backend then creates one task at most.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
