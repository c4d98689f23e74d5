import * as z from 'zod/mini';
import { Case, Channel, Item, Sentiment } from './history.ts';
import { Identifier, SocialNetwork } from './identifier.ts';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * One line of a JSON Lines import (DESIGN.md "Import"): a whole profile, upserted by `externalId`.
 * Interactions carry no id: the importer derives a stable one from (externalId, at, channel, summary), so
 * re-importing the same file changes nothing.
 */
export const ImportRow = z
  .object({
    externalId: z.string().check(z.minLength(1), z.maxLength(200)),
    name: z.string().check(z.minLength(1), z.maxLength(500)),
    identities: z.array(Identifier).check(z.maxLength(100)),
    loyalty: z.optional(
      z.nullable(
        z.object({
          program: z.string(),
          tier: z.string(),
          tierRank: z.int().check(z.minimum(1)),
          points: z.optional(z.int()),
          memberSince: z.optional(z.nullable(z.string())),
          tierExpiresAt: z.optional(z.nullable(z.string())),
        }),
      ),
    ),
    value: z.optional(
      z.nullable(
        z.object({
          currency: z.string().check(z.length(3)),
          lifetime: z.number(),
          last12m: z.number(),
          ordersCount: z.optional(z.int()),
          lastOrderAt: z.optional(z.nullable(IsoTime)),
        }),
      ),
    ),
    social: z.optional(
      z.array(
        z.object({ network: SocialNetwork, handle: z.string(), followers: z.int().check(z.minimum(0)) }),
      ),
    ),
    preferences: z.optional(
      z.object({
        channel: z.optional(z.nullable(z.string())),
        language: z.optional(z.nullable(z.string())),
        notes: z.optional(z.array(z.string())),
      }),
    ),
    cases: z.optional(
      z.array(
        z.object({
          ...Case.shape,
          promisedBy: z.optional(z.nullable(IsoTime)),
        }),
      ),
    ),
    interactions: z.optional(
      z.array(
        z.object({
          at: IsoTime,
          channel: Channel,
          direction: z.enum(['inbound', 'outbound', 'internal']),
          summary: z.string().check(z.maxLength(2000)),
          caseId: z.optional(z.nullable(z.string())),
          sentiment: z.optional(z.nullable(Sentiment)),
          contactRequested: z.optional(z.boolean()),
          agent: z.optional(z.nullable(z.string())),
        }),
      ),
    ),
    recent: z.optional(z.array(Item)),
    upcoming: z.optional(z.array(Item)),
  })
  .register(z.globalRegistry, { id: 'ImportRow' });
export type ImportRow = z.infer<typeof ImportRow>;

/** What an import reports: counts, and every bad row with its line, field and reason. Good rows always land. */
export const ImportReport = z
  .object({
    read: z.int(),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    rejected: z.array(z.object({ line: z.int(), field: z.string(), reason: z.string() })),
  })
  .register(z.globalRegistry, { id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
