import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../http/env.ts';
import { ApiError, errorResponse } from '../http/errors.ts';

// A token bucket per agent, in memory. Written here rather than taken from hono-rate-limiter: that library
// counts fixed windows (a burst of 2× the limit across a window edge gets through) and brings a store
// abstraction we do not need; a bucket is twenty lines. Per process: N API nodes allow N× the limit, which
// is a guard against a runaway client, not a quota — a shared quota would need Redis or the database.

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

interface Bucket {
  tokens: number;
  at: number;
}

/** Reads `KNOWN_RATE_LIMIT` (requests per minute per agent); refuses nonsense rather than silently ignoring it. */
export function rateLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT_PER_MINUTE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`KNOWN_RATE_LIMIT must be a positive integer (requests per minute), got "${value}"`);
  }
  return n;
}

export interface RateLimiter {
  /** Takes one request from the caller's bucket: undefined when allowed, else the 429 to answer. */
  take(caller: Caller): ApiError | undefined;
}

/**
 * The bucket arithmetic as a plain function, so the Hono middleware below and the lookup fast path
 * (lookup-fast/fast-path.ts) draw from the same buckets: one limit per agent, whichever path answers.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const capacity = perMinute;
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  return {
    take(caller) {
      const key = `${caller.tenantId}\u0000${caller.agentId}`;
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs);
      bucket.at = t;
      if (bucket.tokens < 1) {
        buckets.set(key, bucket);
        const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
        return new ApiError(
          429,
          'rate_limited',
          `rate limit of ${perMinute} requests per minute reached; retry after ${retryAfter} s`,
          undefined,
          { 'Retry-After': String(retryAfter) },
        );
      }
      bucket.tokens -= 1;
      // Full buckets carry no information: dropping them keeps the map as small as the set of busy agents.
      if (buckets.size > 10_000) {
        for (const [k, b] of buckets) if (b.tokens + (t - b.at) * refillPerMs >= capacity) buckets.delete(k);
      }
      buckets.set(key, bucket);
      return undefined;
    },
  };
}

/** The middleware over a limiter; pass a number to get one of its own. */
export function rateLimit(
  source: number | RateLimiter,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  const limiter = typeof source === 'number' ? createRateLimiter(source, now) : source;
  return async (c, next) => {
    const refused = limiter.take(c.get('caller'));
    if (refused) return errorResponse(c, refused);
    await next();
  };
}
