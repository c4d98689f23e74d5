import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { Interaction, InteractionCreate } from '../../lib/contract/history.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import { rejectNul } from '../access/text-guard.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { logInteraction } from '../interactions/log-interaction.ts';

export function interactionRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().post(
    '/v1/interactions',
    describeRoute({
      summary: 'Log an agent’s reply, call, offer or suggestion feedback on a profile’s timeline',
      description:
        'The calling agent is recorded; contactRequested is always false (it records what a customer asked ' +
        'for). `caseId` must be one of the profile’s cases. Role: agent.',
      tags: ['profiles'],
      security: bearerSecurity,
      responses: {
        201: { description: 'Logged', content: { 'application/json': { schema: resolver(Interaction) } } },
        ...errorResponses(400, 401, 404, 413, 415, 500),
        ...documentedErrors(403, 409, 422, 429),
      },
    }),
    requireRole('agent'),
    requireJsonContentType,
    limitBody,
    validator('json', InteractionCreate, validationHook),
    async (c) => {
      const body = c.req.valid('json');
      rejectNul(body);
      const interaction = await logInteraction(db, c.get('caller'), body, c.get('requestId'));
      return c.json(interaction satisfies Interaction, 201);
    },
  );
}
