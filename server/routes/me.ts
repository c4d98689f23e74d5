import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { Me } from '../../lib/contract/health.ts';
import type { AppEnv } from '../http/env.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';

export function meRoutes() {
  return new Hono<AppEnv>().get(
    '/v1/me',
    describeRoute({
      summary: 'Who the token belongs to (the options page uses it to test the connection)',
      tags: ['agents'],
      security: bearerSecurity,
      responses: {
        200: {
          description: 'The calling agent and tenant',
          content: { 'application/json': { schema: resolver(Me) } },
        },
        ...errorResponses(401, 403, 500),
      },
    }),
    (c) => {
      const caller = c.get('caller');
      return c.json({
        agent: { id: caller.agentId, name: caller.agentName, role: caller.role },
        tenant: { id: caller.tenantId, name: caller.tenantName },
      } satisfies Me);
    },
  );
}
