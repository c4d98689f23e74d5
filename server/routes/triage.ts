import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import {
  TriagePreview,
  TriageRequest,
  TriageResponse,
  TriageSettings,
  TriageSettingsUpdate,
} from '../../lib/contract/triage.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { limitBody, requireJsonContentType } from '../http/json-body.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';
import { writeAudit } from '../profiles/audit.ts';
import { classCountsBeforeAfter } from '../triage/class-counts.ts';
import { loadTriageFacts } from '../triage/facts.ts';
import {
  forgetCachedSettings,
  readTriageSettings,
  saveTriageSettings,
  settingsFor,
} from '../triage/settings-store.ts';
import { checkTriageSettings } from '../triage/validate-settings.ts';

const json = (description: string, schema: Parameters<typeof resolver>[0]) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
});

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

export function triageRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .get(
      '/v1/triage/settings',
      describeRoute({
        summary:
          'What badges, the sidebar and the triage list rank by: cut-offs from the tenant’s distribution',
        description:
          'Cut-offs are percentiles of the tenant’s live profiles (last-12-months spend and lifetime value of ' +
          'profiles that have one; followers summed per profile with a social account), recomputed when older ' +
          'than an hour, after an import and when a lead changes the percentiles. A sample under 500 keeps the ' +
          'built-in default for the cut-offs it feeds. Any role.',
        tags: ['triage'],
        security: bearerSecurity,
        responses: {
          200: json('The settings in force', TriageSettings),
          ...errorResponses(401, 500),
          ...documentedErrors(429),
        },
      }),
      async (c) => c.json((await readTriageSettings(db, c.get('caller').tenantId)) satisfies TriageSettings),
    )
    .put(
      '/v1/settings/triage',
      describeRoute({
        summary: 'Change the tenant’s triage percentiles and priority weights',
        description:
          'percentiles.valueBands strictly ascending, percentiles.lowValue below highValue, ' +
          'weights.reachBonusMax below weights.tier (reach stays a tie-breaker). Recomputes the cut-offs. ' +
          'Audited (settings.update). Role: lead.',
        tags: ['settings', 'triage'],
        security: bearerSecurity,
        responses: {
          200: json('The settings now in force', TriageSettings),
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      validator('json', TriageSettingsUpdate, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const update = c.req.valid('json');
        checkTriageSettings(update);
        // Computed before the transaction: a scan of the tenant must not hold SQLite's write lock.
        const settings = await settingsFor(db, caller.tenantId, update);
        await db.transaction().execute(async (trx) => {
          await saveTriageSettings(trx, caller.tenantId, caller.agentId, settings);
          await auditWrite(trx, caller, { action: 'settings.update', requestId: c.get('requestId') });
        });
        forgetCachedSettings(db, caller.tenantId);
        return c.json(settings satisfies TriageSettings);
      },
    )
    .post(
      '/v1/settings/triage/preview',
      describeRoute({
        summary: 'What a triage settings change would do, before saving it',
        description:
          'Cut-offs and live profiles per value-versus-reach class under the settings in force and under the ' +
          'proposed ones. Validated like PUT /v1/settings/triage; writes nothing. Role: lead.',
        tags: ['settings', 'triage'],
        security: bearerSecurity,
        responses: {
          200: json('Before and after', TriagePreview),
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      requireJsonContentType,
      limitBody,
      validator('json', TriageSettingsUpdate, validationHook),
      async (c) => {
        const { tenantId } = c.get('caller');
        const update = c.req.valid('json');
        checkTriageSettings(update);
        const before = await readTriageSettings(db, tenantId);
        const after = await settingsFor(db, tenantId, update);
        const classCounts = await classCountsBeforeAfter(db, tenantId, before.thresholds, after.thresholds);
        return c.json({ before, after, classCounts } satisfies TriagePreview);
      },
    )
    .post(
      '/v1/triage',
      describeRoute({
        summary:
          'What a priority needs about profiles on the page (≤100 ids): open loops, sentiment, waiting',
        description:
          'Per live profile: open loops (as in the profile read) and when the oldest opened, whether the latest ' +
          'inbound interaction was negative, the last inbound and outbound times, and since when the customer ' +
          'has waited unanswered. Unknown ids, other tenants’ ids and merged ids are absent (look a merged ' +
          'profile up again to get where it went). A constant number of queries per call. Audited like a ' +
          'profile read (action profile.read, with the page origin). Any role.',
        tags: ['triage'],
        security: bearerSecurity,
        responses: {
          200: json('Facts for the live profiles among the ids, in request order', TriageResponse),
          ...errorResponses(400, 401, 413, 415, 500),
          ...documentedErrors(429),
        },
      }),
      requireJsonContentType,
      limitBody,
      validator('json', TriageRequest, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const body = c.req.valid('json');
        const facts = await loadTriageFacts(db, caller.tenantId, body.profileIds);
        const order = new Map(body.profileIds.map((id, i) => [id, i] as const));
        facts.sort((a, b) => (order.get(a.profileId) ?? 0) - (order.get(b.profileId) ?? 0));
        await writeAudit(db, {
          tenantId: caller.tenantId,
          agentId: caller.agentId,
          action: 'profile.read',
          identityKeys: [],
          profileIds: facts.map((f) => f.profileId),
          pageOrigin: originOnly(body.context?.pageOrigin),
          requestId: c.get('requestId'),
        });
        return c.json({ items: facts } satisfies TriageResponse);
      },
    );
}
