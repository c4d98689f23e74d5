import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { InteractionPage } from '../../lib/contract/history.ts';
import { ProfileDetail } from '../../lib/contract/profile.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { writeAudit } from '../profiles/audit.ts';
import { decodeCursor, parseLimit } from '../profiles/interactions-cursor.ts';
import { loadProfileDetail, profileState } from '../profiles/profile-detail.ts';
import { interactionsPage } from '../profiles/profile-history.ts';

// Ids are short and never hold NUL (PostgreSQL text cannot), so such a path is answered without a query.
const plausibleId = (id: string) => id.length <= 200 && !id.includes('\u0000');

const notFound = () => new ApiError(404, 'not_found', 'no profile with this id');
const merged = (id: string, mergedInto: string) =>
  new ApiError(409, 'merged', `profile ${id} was merged into ${mergedInto}; read that one instead`, {
    mergedInto,
  });

const idParameter = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } };

export function profileRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .get(
      '/v1/profiles/:id',
      describeRoute({
        summary: 'The whole profile of one customer, with history, open loops, items and open tasks',
        description:
          'Scoped to the caller’s tenant: a profile of another tenant answers 404. A merged profile answers 409 ' +
          '`merged` with `details.mergedInto`, the surviving profile. Open loops (contact requests nobody ' +
          'answered, promises past their date, open cases, overdue tasks) are computed at read time, most ' +
          'urgent first. The latest 20 interactions come with `interactionsCursor` for the rest. Writes an audit row.',
        tags: ['profiles'],
        security: bearerSecurity,
        parameters: [idParameter],
        responses: {
          200: {
            description: 'The profile',
            content: { 'application/json': { schema: resolver(ProfileDetail) } },
          },
          ...errorResponses(401, 403, 404, 409, 500),
        },
      }),
      async (c) => {
        const caller = c.get('caller');
        const id = c.req.param('id');
        if (!plausibleId(id)) throw notFound();
        const result = await loadProfileDetail(db, caller.tenantId, id);
        if (result.status === 'missing') throw notFound();
        if (result.status === 'merged') throw merged(id, result.mergedInto);
        await writeAudit(db, {
          tenantId: caller.tenantId,
          agentId: caller.agentId,
          action: 'profile.read',
          identityKeys: [],
          profileIds: [result.profile.id],
          requestId: c.get('requestId'),
        });
        return c.json(result.profile satisfies ProfileDetail);
      },
    )
    .get(
      '/v1/profiles/:id/interactions',
      describeRoute({
        summary: 'A profile’s interactions, newest first, one page at a time',
        description:
          'Pass the `nextCursor` of a page (or the profile’s `interactionsCursor`) as `cursor` for the next one; ' +
          '`limit` is 1–100 (default 20). Cursors are opaque. Writes an audit row.',
        tags: ['profiles'],
        security: bearerSecurity,
        parameters: [
          idParameter,
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 100 },
          },
        ],
        responses: {
          200: {
            description: 'One page',
            content: { 'application/json': { schema: resolver(InteractionPage) } },
          },
          ...errorResponses(400, 401, 403, 404, 409, 500),
        },
      }),
      async (c) => {
        const caller = c.get('caller');
        const id = c.req.param('id');
        const limit = parseLimit(c.req.query('limit'));
        const rawCursor = c.req.query('cursor');
        const cursor = rawCursor === undefined || rawCursor === '' ? undefined : decodeCursor(rawCursor);
        if (!plausibleId(id)) throw notFound();
        const state = await profileState(db, caller.tenantId, id);
        if (state === 'missing') throw notFound();
        if (typeof state === 'object') throw merged(id, state.mergedInto);
        const page = await interactionsPage(db, caller.tenantId, id, limit, cursor);
        await writeAudit(db, {
          tenantId: caller.tenantId,
          agentId: caller.agentId,
          action: 'profile.read',
          identityKeys: [],
          profileIds: [id],
          requestId: c.get('requestId'),
        });
        return c.json(page satisfies InteractionPage);
      },
    );
}
