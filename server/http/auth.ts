import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { hashToken } from '../auth/tokens.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';

/** last_used_at is a hint, not an audit trail: write it at most once a minute per token and process. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerAuth(db: Kysely<Database>): MiddlewareHandler<AppEnv> {
  const lastWritten = new Map<string, number>();

  const unauthorized = (c: Parameters<MiddlewareHandler<AppEnv>>[0], message: string) => {
    c.header('WWW-Authenticate', 'Bearer realm="known"');
    return errorResponse(c, new ApiError(401, 'unauthorized', message));
  };

  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) return unauthorized(c, 'missing bearer token: send Authorization: Bearer <token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return unauthorized(c, 'Authorization header must be "Bearer <token>"');
    const tokenHash = hashToken(match[1]);

    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('agents as a', 'a.id', 't.agent_id')
      .innerJoin('tenants as n', 'n.id', 't.tenant_id')
      .select(['t.tenant_id', 'n.name as tenant_name', 'a.id as agent_id', 'a.name as agent_name', 'a.role'])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return unauthorized(c, 'invalid token');

    c.set('caller', {
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      agentId: row.agent_id,
      agentName: row.agent_name,
      role: row.role,
    });

    const now = Date.now();
    if (now - (lastWritten.get(tokenHash) ?? 0) > LAST_USED_RESOLUTION_MS) {
      lastWritten.set(tokenHash, now);
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    await next();
  };
}
