import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { LookupRequest, LookupResponse } from '../../lib/contract/lookup.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { runLookup } from '../lookup-fast/run-lookup.ts';

export function lookupRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().post(
    '/v1/lookup',
    describeRoute({
      summary:
        'Resolve a batch of identifiers (≤100) to profiles, one result per identifier in request order',
      description:
        'Identifiers are normalised (e-mail case and whitespace, handles without @ and case-folded, card and ' +
        'order numbers without spaces or dashes) before matching; each result carries the normalised form. ' +
        'PII travels in the body, never in the URL. Every call writes one audit row. `ambiguous` answers the ' +
        'candidates when an order number is held by more than one live profile (a group order); e-mails, ' +
        'handles and cards belong to one profile at most. Merged profiles are followed to where they went.',
      tags: ['lookup'],
      security: bearerSecurity,
      responses: {
        200: {
          description: 'One result per requested identifier, in request order',
          content: { 'application/json': { schema: resolver(LookupResponse) } },
        },
        ...errorResponses(400, 401, 403, 413, 415, 500),
      },
    }),
    requireJsonContentType,
    limitBody,
    validator('json', LookupRequest, validationHook),
    // The same function answers on the fast path in front of Hono (lookup-fast/fast-path.ts), which serves
    // this route on the real server; this handler keeps the route in the OpenAPI document and serves
    // app.request() and any request the fast path hands on.
    async (c) => c.json(await runLookup(db, c.get('caller'), c.req.valid('json'), c.get('requestId'))),
  );
}
