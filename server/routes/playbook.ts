import { type Context, Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { PlaybookPreview } from '../../lib/contract/analytics.ts';
import { Playbook, PlaybookResponse } from '../../lib/contract/playbook.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import { playbookDiff } from '../analytics/playbook-diff.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { invalidPlaybook } from '../playbook/invalid-playbook.ts';
import { readPlaybook, writePlaybook } from '../playbook/store.ts';

const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: resolver(PlaybookResponse) } },
});

/**
 * The request's Playbook. Validated here rather than by the zod validator middleware: a bad playbook answers
 * 400 invalid_playbook naming the field (invalidPlaybook), not the generic validation error.
 */
async function playbookBody(c: Context<AppEnv>): Promise<Playbook> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'bad_request', 'malformed JSON body');
  }
  const parsed = Playbook.safeParse(body);
  if (!parsed.success) throw invalidPlaybook(parsed.error.issues);
  return parsed.data;
}

export function playbookRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .get(
      '/v1/playbook',
      describeRoute({
        summary: 'The suggestion playbook in force for the tenant',
        description:
          'The tenant’s own (saved with PUT) or, when it has none, the shipped combined playbook (airline, hotel, ' +
          'retail, food delivery, chosen per profile by loyalty program). Any agent.',
        tags: ['playbook'],
        security: bearerSecurity,
        responses: {
          200: answer('The playbook and where it comes from'),
          ...errorResponses(401, 500),
          ...documentedErrors(429),
        },
      }),
      async (c) => c.json(await readPlaybook(db, c.get('caller').tenantId)),
    )
    .put(
      '/v1/playbook',
      describeRoute({
        summary: 'Replace the tenant’s playbook',
        description:
          'The body is a Playbook. Refused with 400 invalid_playbook naming the bad field (message and ' +
          'details.path), e.g. an unknown placeholder or an intent no rule defines. Audited. Role: lead.',
        tags: ['playbook'],
        security: bearerSecurity,
        requestBody: { content: { 'application/json': { schema: resolver(Playbook) } } },
        responses: {
          200: answer('The playbook now in force'),
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      async (c) => {
        const playbook = await playbookBody(c);
        return c.json(await writePlaybook(db, c.get('caller'), playbook, c.get('requestId')));
      },
    )
    .post(
      '/v1/playbook/preview',
      describeRoute({
        summary:
          'Preview a playbook: validated, and what it adds, removes or changes against the one in force',
        description:
          'The body is a Playbook, refused like PUT /v1/playbook (400 invalid_playbook naming the field). ' +
          'Answers the intents, rules and offers (remedies) added, removed and changed, by id, and the ' +
          'top-level settings that differ. Nothing is written. Role: lead.',
        tags: ['playbook'],
        security: bearerSecurity,
        requestBody: { content: { 'application/json': { schema: resolver(Playbook) } } },
        responses: {
          200: {
            description: 'What saving it would change',
            content: { 'application/json': { schema: resolver(PlaybookPreview) } },
          },
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      async (c) => {
        const playbook = await playbookBody(c);
        const current = await readPlaybook(db, c.get('caller').tenantId);
        return c.json(playbookDiff(current.playbook, playbook, current.source) satisfies PlaybookPreview);
      },
    );
}
