import type { MiddlewareHandler } from 'hono';
import type { AgentRole } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

// Roles are ordered: a lead can do everything an agent can, an admin everything a lead can. One ordering
// keeps every route's rule a single word (`requireRole('lead')`) and the 403 message exact.
const RANK: Record<AgentRole, number> = { agent: 0, lead: 1, admin: 2 };

export function hasRole(actual: AgentRole, needed: AgentRole): boolean {
  return RANK[actual] >= RANK[needed];
}

/**
 * Route middleware: answers 403 `forbidden` naming the role needed unless the caller (set by bearerAuth, which
 * runs on every /v1 route first) has at least `needed`. Usage: `.post('/v1/import', requireRole('admin'), …)`.
 */
export function requireRole(needed: AgentRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (!caller) throw new ApiError(401, 'unauthorized', 'missing bearer token');
    if (!hasRole(caller.role, needed)) {
      throw new ApiError(
        403,
        'forbidden',
        `this action needs the ${needed} role; your token's role is ${caller.role}`,
        {
          requiredRole: needed,
        },
      );
    }
    await next();
  };
}
