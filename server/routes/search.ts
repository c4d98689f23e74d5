import { type Context, Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { SearchRequest, SearchResponse } from '../../lib/contract/identity.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { searchProfiles } from '../identity/search.ts';

// POST /v1/search with {q} in the body is the primary form: what an agent searches for is an e-mail, a card
// or a name — PII — and a query string ends up in proxy, load-balancer and browser-history logs, where a body
// does not. GET /v1/search?q= is kept because the issue names it and it is handy from a terminal; it answers
// the same and is documented as the second choice.

const responses = {
  200: {
    description:
      'At most 20 profiles: exact identifier matches, then names starting with q, then containing it',
    content: { 'application/json': { schema: resolver(SearchResponse) } },
  },
  ...errorResponses(400, 401, 500),
  ...documentedErrors(403, 429),
};

export function searchRoutes(db: Kysely<Database>) {
  const answer = async (c: Context<AppEnv>, q: string) => {
    if (q.includes('\u0000')) throw new ApiError(400, 'invalid_body', 'q: must not contain NUL characters');
    if (q.trim().length < 2)
      throw new ApiError(400, 'invalid_body', 'q: must not be shorter than 2 characters');
    const caller = c.get('caller');
    const results = await searchProfiles(db, caller.tenantId, q);
    await auditWrite(db, caller, {
      action: 'search',
      identityKeys: [`search:${q.normalize('NFKC').trim().toLowerCase()}`],
      profileIds: results.map((r) => r.id),
      requestId: c.get('requestId'),
    });
    return c.json({ results } satisfies SearchResponse);
  };

  return new Hono<AppEnv>()
    .post(
      '/v1/search',
      describeRoute({
        summary: 'Find profiles by name, e-mail, card or order number (preferred form: PII in the body)',
        description:
          'For the agent’s “link this handle to…” flow. q is at least 2 characters. Identifiers match exactly ' +
          'after normalisation; names case-insensitively by prefix or part. Merged profiles are left out. ' +
          'Writes an audit row (the query hashed). Role: agent.',
        tags: ['identity'],
        security: bearerSecurity,
        responses,
      }),
      requireRole('agent'),
      requireJsonContentType,
      limitBody,
      validator('json', SearchRequest, validationHook),
      (c) => answer(c, c.req.valid('json').q),
    )
    .get(
      '/v1/search',
      describeRoute({
        summary: 'Find profiles (query-string form; prefer POST /v1/search, which keeps PII out of URLs)',
        tags: ['identity'],
        security: bearerSecurity,
        responses,
      }),
      requireRole('agent'),
      validator('query', z.object({ q: SearchRequest.shape.q }), validationHook),
      (c) => answer(c, c.req.valid('query').q),
    );
}
