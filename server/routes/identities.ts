import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { IdentityLink, IdentityLinkResult, IdentityUnlink } from '../../lib/contract/identity.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import { rejectNul } from '../access/text-guard.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { linkIdentity } from '../identity/link.ts';
import { unlinkIdentity } from '../identity/unlink.ts';

const idParam = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }];

export function identityRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .post(
      '/v1/profiles/:id/identities',
      describeRoute({
        summary: 'Link an identifier to a profile',
        description:
          'E-mail, loyalty card and order number are strong, deterministic identifiers and are stored verified. ' +
          'A social handle is linked only on an agent’s confirmation and needs `evidence` (e.g. the page URL); ' +
          'it is stored unverified with who linked it, when and on what evidence. An identifier linked to ' +
          'another profile answers 409 identity_conflict naming that profile. Linking again what is already ' +
          'linked here answers 200 with the existing record. Role: agent.',
        tags: ['identity'],
        security: bearerSecurity,
        parameters: idParam,
        responses: {
          201: {
            description: 'Linked',
            content: { 'application/json': { schema: resolver(IdentityLinkResult) } },
          },
          200: {
            description: 'Already linked to this profile',
            content: { 'application/json': { schema: resolver(IdentityLinkResult) } },
          },
          ...errorResponses(400, 401, 404, 413, 415, 500),
          ...documentedErrors(403, 409, 429),
        },
      }),
      requireRole('agent'),
      requireJsonContentType,
      limitBody,
      validator('json', IdentityLink, validationHook),
      async (c) => {
        const body = c.req.valid('json');
        rejectNul(body);
        const outcome = await linkIdentity(
          db,
          c.get('caller'),
          c.req.param('id') ?? '',
          body,
          c.get('requestId'),
        );
        return c.json(outcome.result satisfies IdentityLinkResult, outcome.created ? 201 : 200);
      },
    )
    .delete(
      '/v1/profiles/:id/identities',
      describeRoute({
        summary: 'Unlink an identifier from a profile',
        description:
          'The identifier travels in the body (PII never in a URL). The identity history keeps the unlink with ' +
          'who did it. Role: agent.',
        tags: ['identity'],
        security: bearerSecurity,
        parameters: idParam,
        responses: {
          204: { description: 'Unlinked' },
          ...errorResponses(400, 401, 404, 413, 415, 500),
          ...documentedErrors(403, 409, 429),
        },
      }),
      requireRole('agent'),
      requireJsonContentType,
      limitBody,
      validator('json', IdentityUnlink, validationHook),
      async (c) => {
        const body = c.req.valid('json');
        rejectNul(body);
        await unlinkIdentity(db, c.get('caller'), c.req.param('id') ?? '', body, c.get('requestId'));
        return c.body(null, 204);
      },
    );
}
