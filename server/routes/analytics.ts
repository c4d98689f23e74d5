import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver, validator } from 'hono-openapi';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import {
  AttentionReport,
  type OverdueItem,
  OverdueResponse,
  ScatterResponse,
} from '../../lib/contract/analytics.ts';
import { auditWrite } from '../access/audit-writes.ts';
import { documentedErrors } from '../access/documented-errors.ts';
import { requireRole } from '../access/roles.ts';
import {
  analyticsWindow,
  checkWindowSize,
  MAX_ENGAGEMENTS_PER_REPORT,
} from '../analytics/analytics-window.ts';
import { attentionReport } from '../analytics/attention.ts';
import { attentionCsv, overdueCsv } from '../analytics/csv-export.ts';
import {
  decodeCursor,
  OVERDUE_DEFAULT_LIMIT,
  OVERDUE_MAX_LIMIT,
  overdueItems,
} from '../analytics/overdue.ts';
import { analyticsThresholds } from '../analytics/reach-class-sql.ts';
import { SCATTER_DEFAULT_LIMIT, SCATTER_MAX_LIMIT, scatter } from '../analytics/scatter.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { validationHook } from '../http/validation.ts';

// The OpenAPI parameter type, from hono-openapi's own signature (openapi-types is not a direct dependency).
type ParameterObject = NonNullable<Parameters<typeof describeRoute>[0]['parameters']>[number];

// Issue 6, attention analytics for team leads: read-only, role lead, every answer audited with the profiles
// it revealed. The window and filters are checked in analytics/analytics-window.ts (a 400 names the field).

const text = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const WindowQuery = {
  from: text(64),
  to: text(64),
  team: text(200),
  channel: text(40),
};
const AttentionQuery = z.object({ ...WindowQuery, format: text(10) });
const ScatterQuery = z.object({ ...WindowQuery, limit: text(10) });
const OverdueQuery = z.object({ ...WindowQuery, format: text(10), cursor: text(1000), limit: text(10) });

const windowParams: ParameterObject[] = [
  {
    name: 'from',
    in: 'query',
    description: 'ISO 8601 date-time; default `to` minus 30 days',
    schema: { type: 'string' },
  },
  {
    name: 'to',
    in: 'query',
    description: 'ISO 8601 date-time, exclusive; default now',
    schema: { type: 'string' },
  },
  {
    name: 'team',
    in: 'query',
    description: 'An agents’ team (see `teams` in the report)',
    schema: { type: 'string' },
  },
  { name: 'channel', in: 'query', description: 'One channel, e.g. twitter', schema: { type: 'string' } },
];
const formatParam: ParameterObject = {
  name: 'format',
  in: 'query',
  description: '`csv` for a CSV file (as does `Accept: text/csv`); default JSON',
  schema: { type: 'string', enum: ['json', 'csv'] },
};

function wantsCsv(c: Context, format: string | undefined): boolean {
  if (format !== undefined) {
    if (format === 'csv') return true;
    if (format === 'json') return false;
    throw new ApiError(400, 'bad_request', `format: must be json or csv, got "${format.slice(0, 10)}"`);
  }
  const accept = c.req.header('Accept') ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

function limitParam(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new ApiError(
      400,
      'bad_request',
      `limit: must be an integer from 1 to ${max}, got "${raw.slice(0, 10)}"`,
    );
  }
  return Number(raw);
}

const csvResponse = (c: Context, body: string, name: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  });

const day = (iso: string) => iso.slice(0, 10);

export function analyticsRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>()
    .get(
      '/v1/analytics/attention',
      describeRoute({
        summary:
          'Where the team’s attention went: engagements, first response, follow-ups, by class and tier',
        description:
          'For a window (default the last 30 days, at most 366 days, `to` exclusive), per value-versus-reach ' +
          'class and per tier: engagements (inbound interactions) and their share, the share of answers, the ' +
          'median first-response time (exact to the minute under 24 h; see the README for the histogram), ' +
          'follow-ups due and overdue, SLA compliance, contact requests left unanswered, and the 50 customers ' +
          'with the largest gap between value and attention. `team` keeps the engagements its agents answered ' +
          '(or, unanswered, last handled) and the follow-ups assigned to them. A window holding more than ' +
          `${MAX_ENGAGEMENTS_PER_REPORT.toLocaleString('en-US')} engagements answers 400 window_too_large with ` +
          'the number of days that would fit. `format=csv` or ' +
          '`Accept: text/csv` answers the two tables as CSV. Audited. Role: lead.',
        tags: ['analytics'],
        security: bearerSecurity,
        parameters: [...windowParams, formatParam],
        responses: {
          200: {
            description: 'The report (JSON) or its tables (text/csv)',
            content: { 'application/json': { schema: resolver(AttentionReport) }, 'text/csv': {} },
          },
          ...errorResponses(400, 401, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      validator('query', AttentionQuery, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const q = c.req.valid('query');
        const csv = wantsCsv(c, q.format);
        const w = await analyticsWindow(db, caller.tenantId, q);
        await checkWindowSize(db, caller.tenantId, w);
        const report = await attentionReport(
          db,
          caller.tenantId,
          w,
          await analyticsThresholds(db, caller.tenantId),
        );
        await auditWrite(db, caller, {
          action: 'analytics.read',
          profileIds: report.gaps.map((g) => g.profileId),
          requestId: c.get('requestId'),
        });
        if (csv) return csvResponse(c, attentionCsv(report), `attention-${day(w.from)}-${day(w.to)}`);
        return c.json(report satisfies AttentionReport);
      },
    )
    .get(
      '/v1/analytics/scatter',
      describeRoute({
        summary: 'Engaged customers, reach against value, coloured by how they were answered',
        description:
          `Highest last-12-months value first, at most \`limit\` (default ${SCATTER_DEFAULT_LIMIT}, max ` +
          `${SCATTER_MAX_LIMIT}); \`truncated\` says more customers engaged. A customer is \`unanswered\` while ` +
          'any of their engagements in the window waits, else `fast` or `slow` by their median first response. ' +
          'Same window and filters as the attention report. Audited. Role: lead.',
        tags: ['analytics'],
        security: bearerSecurity,
        parameters: [
          ...windowParams,
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: SCATTER_MAX_LIMIT } },
        ],
        responses: {
          200: {
            description: 'The points',
            content: { 'application/json': { schema: resolver(ScatterResponse) } },
          },
          ...errorResponses(400, 401, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      validator('query', ScatterQuery, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const q = c.req.valid('query');
        const limit = limitParam(q.limit, SCATTER_DEFAULT_LIMIT, SCATTER_MAX_LIMIT);
        const w = await analyticsWindow(db, caller.tenantId, q);
        await checkWindowSize(db, caller.tenantId, w);
        const answer = await scatter(
          db,
          caller.tenantId,
          w,
          await analyticsThresholds(db, caller.tenantId),
          limit,
        );
        await auditWrite(db, caller, {
          action: 'analytics.read',
          profileIds: answer.points.map((p) => p.profileId),
          requestId: c.get('requestId'),
        });
        return c.json(answer satisfies ScatterResponse);
      },
    )
    .get(
      '/v1/analytics/overdue',
      describeRoute({
        summary: 'Overdue follow-ups and contact requests nobody answered, oldest first',
        description:
          'Open (or snooze-ended) tasks past due, and inbound contact requests with no outbound interaction ' +
          'after them, each with its assignee (for a request: the agent who last handled the customer). All ' +
          'time unless `from`/`to` are given (then by when the item opened). Pages of `limit` (default ' +
          `${OVERDUE_DEFAULT_LIMIT}, max ${OVERDUE_MAX_LIMIT}); pass \`nextCursor\` back as \`cursor\`. ` +
          '`format=csv` exports every item (up to 10,000) as CSV. Audited. Role: lead.',
        tags: ['analytics'],
        security: bearerSecurity,
        parameters: [
          ...windowParams,
          formatParam,
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: OVERDUE_MAX_LIMIT } },
        ],
        responses: {
          200: {
            description: 'A page of items (JSON) or all of them (text/csv)',
            content: { 'application/json': { schema: resolver(OverdueResponse) }, 'text/csv': {} },
          },
          ...errorResponses(400, 401, 500),
          ...documentedErrors(403, 429),
        },
      }),
      requireRole('lead'),
      validator('query', OverdueQuery, validationHook),
      async (c) => {
        const caller = c.get('caller');
        const q = c.req.valid('query');
        const csv = wantsCsv(c, q.format);
        const limit = limitParam(q.limit, OVERDUE_DEFAULT_LIMIT, OVERDUE_MAX_LIMIT);
        const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
        const w = await analyticsWindow(db, caller.tenantId, q);
        const windowed = q.from !== undefined || q.to !== undefined;
        const now = new Date();
        if (csv) {
          const items: OverdueItem[] = [];
          let next = cursor;
          do {
            const page = await overdueItems(db, caller.tenantId, w, {
              windowed,
              limit: OVERDUE_MAX_LIMIT,
              cursor: next,
              now,
            });
            items.push(...page.items);
            next = page.nextCursor === null ? undefined : decodeCursor(page.nextCursor);
          } while (next && items.length < 10_000);
          await auditWrite(db, caller, {
            action: 'analytics.read',
            profileIds: items.map((i) => i.profileId),
            requestId: c.get('requestId'),
          });
          return csvResponse(c, overdueCsv(items), `overdue-${day(now.toISOString())}`);
        }
        const page = await overdueItems(db, caller.tenantId, w, { windowed, limit, cursor, now });
        await auditWrite(db, caller, {
          action: 'analytics.read',
          profileIds: page.items.map((i) => i.profileId),
          requestId: c.get('requestId'),
        });
        return c.json(page satisfies OverdueResponse);
      },
    );
}
