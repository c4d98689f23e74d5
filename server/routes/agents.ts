import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { AgentList } from '../../lib/contract/analytics.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';

// GET /v1/agents: whom a lead can reassign a follow-up to, with their teams. Names and roles only: tokens
// stay in the CLI (`token list`).

export function agentRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get(
    '/v1/agents',
    describeRoute({
      summary: 'The tenant’s agents, with role and team',
      description: 'Sorted by team, then name. Role: lead.',
      tags: ['tasks'],
      security: bearerSecurity,
      responses: {
        200: { description: 'The agents', content: { 'application/json': { schema: resolver(AgentList) } } },
        ...errorResponses(401, 500),
        ...documentedErrors(403, 429),
      },
    }),
    requireRole('lead'),
    async (c) => {
      const rows = await db
        .selectFrom('agents')
        .select(['id', 'name', 'role', 'team'])
        .where('tenant_id', '=', c.get('caller').tenantId)
        .execute();
      rows.sort(
        (a, b) =>
          (a.team ?? '\uffff').localeCompare(b.team ?? '\uffff') ||
          a.name.localeCompare(b.name) ||
          a.id.localeCompare(b.id),
      );
      return c.json({
        items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, team: r.team })),
      } satisfies AgentList);
    },
  );
}
