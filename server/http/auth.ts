import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv, Caller } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';

/** last_used_at is a hint, not an audit trail: write it at most once a minute per token and process. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * How long a process trusts a token it has already checked. Reading the token row was one query on every
 * request, a noticeable share of a lookup; the price is that a token revoked by another process (the CLI's
 * `token revoke`) keeps working on a server that checked it recently for up to this long (README, backend).
 */
export const DEFAULT_TOKEN_CACHE_MS = 30_000;

/** Bounds memory if a client sprays random tokens: only valid tokens are cached, and never more than this. */
const MAX_CACHED_TOKENS = 10_000;

export interface BearerAuthOptions {
  /** 0 disables the cache (every request reads the token row). */
  cacheMs?: number | undefined;
  now?: () => number;
}

export interface Authenticator {
  /** The caller behind an Authorization header; throws a 401 ApiError (with WWW-Authenticate) otherwise. */
  authenticate(header: string | undefined): Promise<Caller>;
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message, undefined, {
    'WWW-Authenticate': 'Bearer realm="known"',
  });
}

/**
 * Token checking as a plain function, so the Hono middleware below and the lookup fast path
 * (lookup-fast/fast-path.ts) share one cache and one last-used bookkeeping per server.
 */
export function createAuthenticator(db: Kysely<Database>, opts: BearerAuthOptions = {}): Authenticator {
  const cacheMs = opts.cacheMs ?? DEFAULT_TOKEN_CACHE_MS;
  const now = opts.now ?? Date.now;
  const lastWritten = new Map<string, number>();
  const cache = new Map<string, { caller: Caller; until: number }>();

  const readCaller = async (tokenHash: string): Promise<Caller | undefined> => {
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('agents as a', 'a.id', 't.agent_id')
      .innerJoin('tenants as n', 'n.id', 't.tenant_id')
      .select(['t.tenant_id', 'n.name as tenant_name', 'a.id as agent_id', 'a.name as agent_name', 'a.role'])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row
      ? {
          tenantId: row.tenant_id,
          tenantName: row.tenant_name,
          agentId: row.agent_id,
          agentName: row.agent_name,
          role: row.role,
        }
      : undefined;
  };

  return {
    async authenticate(header) {
      if (!header) throw unauthorized('missing bearer token: send Authorization: Bearer <token>');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
      const tokenHash = hashToken(match[1]);

      const t = now();
      const cached = cache.get(tokenHash);
      let caller = cached && cached.until > t ? cached.caller : undefined;
      if (!caller) {
        cache.delete(tokenHash);
        caller = await readCaller(tokenHash);
        if (!caller) throw unauthorized('invalid token');
        if (cacheMs > 0) {
          if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
          cache.set(tokenHash, { caller, until: t + cacheMs });
        }
      }

      if (t - (lastWritten.get(tokenHash) ?? 0) > LAST_USED_RESOLUTION_MS) {
        lastWritten.set(tokenHash, t);
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: new Date(t).toISOString() })
          .where('token_hash', '=', tokenHash)
          .execute();
      }
      return caller;
    },
  };
}

/** The middleware over an authenticator; pass the database to get one of its own (tests, small apps). */
export function bearerAuth(
  source: Kysely<Database> | Authenticator,
  opts: BearerAuthOptions = {},
): MiddlewareHandler<AppEnv> {
  const auth = 'authenticate' in source ? source : createAuthenticator(source, opts);
  return async (c, next) => {
    let caller: Caller;
    try {
      caller = await auth.authenticate(c.req.header('Authorization'));
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(c, err);
      throw err;
    }
    c.set('caller', caller);
    await next();
  };
}
