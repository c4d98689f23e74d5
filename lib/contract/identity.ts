import * as z from 'zod/mini';
import { Identifier } from './identifier.ts';
import { IdentityRecord, ProfileSummary } from './profile.ts';

// Identity reconciliation (issue 3): link and unlink identifiers, merge two profiles and undo a merge.
// PII (the identifier) always travels in a body, never in a URL.

/** `POST /v1/profiles/{id}/identities`. A handle needs `evidence`: the page where the agent confirmed it. */
export const IdentityLink = z
  .object({
    identifier: Identifier,
    /** Where the agent saw the identifier belong to this customer, e.g. the conversation's page URL. */
    evidence: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  })
  .register(z.globalRegistry, { id: 'IdentityLink' });
export type IdentityLink = z.infer<typeof IdentityLink>;

/** `DELETE /v1/profiles/{id}/identities`: which identifier to unlink, in the body. */
export const IdentityUnlink = z
  .object({ identifier: Identifier })
  .register(z.globalRegistry, { id: 'IdentityUnlink' });
export type IdentityUnlink = z.infer<typeof IdentityUnlink>;

export const IdentityLinkResult = z
  .object({ profileId: z.string(), record: IdentityRecord })
  .register(z.globalRegistry, { id: 'IdentityLinkResult' });
export type IdentityLinkResult = z.infer<typeof IdentityLinkResult>;

export const MergeCreate = z
  .object({
    /** The profile that disappears into the target (its old id then answers with where it went). */
    sourceProfileId: z.string().check(z.minLength(1), z.maxLength(200)),
    targetProfileId: z.string().check(z.minLength(1), z.maxLength(200)),
    reason: z.optional(z.string().check(z.maxLength(2000))),
  })
  .register(z.globalRegistry, { id: 'MergeCreate' });
export type MergeCreate = z.infer<typeof MergeCreate>;

/** How many rows of each kind moved from the source to the target (undo moves exactly these back). */
export const MergeMoved = z.object({
  identities: z.int(),
  socialAccounts: z.int(),
  interactions: z.int(),
  cases: z.int(),
  items: z.int(),
  tasks: z.int(),
});

export const Merge = z
  .object({
    id: z.string(),
    sourceProfileId: z.string(),
    targetProfileId: z.string(),
    at: z.string(),
    agentId: z.string(),
    reason: z.nullable(z.string()),
    moved: MergeMoved,
    undoneAt: z.nullable(z.string()),
    undoneBy: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'Merge' });
export type Merge = z.infer<typeof Merge>;

export const MIN_SEARCH_LENGTH = 2;
export const MAX_SEARCH_RESULTS = 20;

/** `POST /v1/search`: a name (prefix or part), an e-mail, a card or an order number. */
export const SearchRequest = z
  .object({ q: z.string().check(z.minLength(MIN_SEARCH_LENGTH), z.maxLength(200)) })
  .register(z.globalRegistry, { id: 'SearchRequest' });
export type SearchRequest = z.infer<typeof SearchRequest>;

/** Exact identifier matches first, then names starting with q, then names containing it; at most 20. */
export const SearchResponse = z
  .object({ results: z.array(ProfileSummary) })
  .register(z.globalRegistry, { id: 'SearchResponse' });
export type SearchResponse = z.infer<typeof SearchResponse>;
