import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { Merge, MergeCreate } from '../../lib/contract/identity.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import { rejectNul } from '../access/text-guard.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { mergeProfiles } from '../identity/merge.ts';
import { undoMerge } from '../identity/undo-merge.ts';

export function mergeRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .post(
      '/v1/merges',
      describeRoute({
        summary: 'Merge one profile into another',
        description:
          'Moves the source’s identities, social accounts, interactions, cases, items and tasks to the target ' +
          'and marks the source merged into it; `moved` counts exactly what moved (undo moves back exactly ' +
          'those rows). Two profiles holding different loyalty cards of the same programme refuse with 409 ' +
          'merge_conflict saying why. A profile already merged answers 409 conflict. Role: lead.',
        tags: ['identity'],
        security: bearerSecurity,
        responses: {
          201: { description: 'Merged', content: { 'application/json': { schema: resolver(Merge) } } },
          ...errorResponses(400, 401, 404, 413, 415, 500),
          ...documentedErrors(403, 409, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      validator('json', MergeCreate, validationHook),
      async (c) => {
        const body = c.req.valid('json');
        rejectNul(body);
        const merge = await mergeProfiles(db, c.get('caller'), body, c.get('requestId'));
        return c.json(merge satisfies Merge, 201);
      },
    )
    .post(
      '/v1/merges/:id/undo',
      describeRoute({
        summary: 'Undo a merge',
        description:
          'Moves back exactly the rows the merge moved and revives the source profile. 409 when already undone ' +
          'or when a later merge involves either profile (undo that one first). No body. Role: lead.',
        tags: ['identity'],
        security: bearerSecurity,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'Undone', content: { 'application/json': { schema: resolver(Merge) } } },
          ...errorResponses(401, 404, 500),
          ...documentedErrors(403, 409, 429),
        },
      }),
      requireRole('lead'),
      async (c) => {
        const merge = await undoMerge(db, c.get('caller'), c.req.param('id'), c.get('requestId'));
        return c.json(merge satisfies Merge);
      },
    );
}
