import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { writeAudit } from '../profiles/audit.ts';
import { loadDetail } from '../profiles/load-profiles.ts';

export function profileRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get(
    '/v1/profiles/:id',
    describeRoute({
      summary: 'The whole profile of one customer',
      description:
        'Scoped to the caller’s tenant: a profile of another tenant answers 404. Writes an audit row.',
      tags: ['profiles'],
      security: bearerSecurity,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'The profile',
          content: { 'application/json': { schema: resolver(ProfileDetail) } },
        },
        ...errorResponses(401, 403, 404, 500),
      },
    }),
    async (c) => {
      const caller = c.get('caller');
      const id = c.req.param('id');
      // Ids are short and never hold NUL (PostgreSQL text cannot), so such a path is answered without a query.
      const plausible = id.length <= 200 && !id.includes('\u0000');
      const profile = plausible ? await loadDetail(db, caller.tenantId, id) : undefined;
      if (!profile) throw new ApiError(404, 'not_found', 'no profile with this id');
      await writeAudit(db, {
        tenantId: caller.tenantId,
        agentId: caller.agentId,
        action: 'profile.read',
        identityKeys: [],
        profileIds: [profile.id],
        requestId: c.get('requestId'),
      });
      return c.json(profile satisfies ProfileDetail);
    },
  );
}
