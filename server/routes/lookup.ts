import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { LookupRequest, LookupResponse, type LookupResult } from '../../lib/contract/lookup.ts';
import { identityKey, normalizeIdentifier } from '../../lib/contract/normalize.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { writeAudit } from '../profiles/audit.ts';
import { loadSummaries } from '../profiles/load-profiles.ts';
import { resolveIdentifiers } from '../profiles/resolve-identifiers.ts';

/** Only the origin is kept for the audit log, whatever the client sent (a full URL can carry PII). */
function originOnly(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

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
    async (c) => {
      const caller = c.get('caller');
      const body = c.req.valid('json');
      const identifiers = body.identifiers.map(normalizeIdentifier);
      const matches = await resolveIdentifiers(db, caller.tenantId, identifiers);
      const profileIds = [...new Set([...matches.values()].flat())];
      const summaries = await loadSummaries(db, caller.tenantId, profileIds);

      const results = identifiers.map((identifier): LookupResult => {
        const ids = matches.get(identityKey(identifier)) ?? [];
        const profiles = ids.flatMap((id) => summaries.get(id) ?? []);
        if (profiles.length === 0) return { identifier, status: 'not_found' };
        const [only] = profiles;
        if (profiles.length === 1 && only) return { identifier, status: 'matched', profile: only };
        return { identifier, status: 'ambiguous', candidates: profiles };
      });

      await writeAudit(db, {
        tenantId: caller.tenantId,
        agentId: caller.agentId,
        action: 'lookup',
        identityKeys: identifiers.map(identityKey),
        profileIds,
        pageOrigin: originOnly(body.context?.pageOrigin),
        requestId: c.get('requestId'),
      });
      return c.json({ results } satisfies LookupResponse);
    },
  );
}
