import * as z from 'zod/mini';
import { Identifier } from './identifier.ts';
import { ProfileSummary } from './profile.ts';

export const MAX_LOOKUP_BATCH = 100;

export const LookupRequest = z
  .object({
    identifiers: z.array(Identifier).check(z.minLength(1), z.maxLength(MAX_LOOKUP_BATCH)),
    /** Where the identifiers were seen, for the audit log. Only the origin, never the full URL. */
    context: z.optional(z.object({ pageOrigin: z.optional(z.string().check(z.maxLength(300))) })),
  })
  .register(z.globalRegistry, { id: 'LookupRequest' });
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LookupResult = z.discriminatedUnion('status', [
  z.object({ identifier: Identifier, status: z.literal('matched'), profile: ProfileSummary }),
  z.object({ identifier: Identifier, status: z.literal('not_found') }),
  z.object({ identifier: Identifier, status: z.literal('ambiguous'), candidates: z.array(ProfileSummary) }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

/** One result per requested identifier, in request order, each carrying the identifier in normalised form. */
export const LookupResponse = z
  .object({ results: z.array(LookupResult) })
  .register(z.globalRegistry, { id: 'LookupResponse' });
export type LookupResponse = z.infer<typeof LookupResponse>;
