import * as z from 'zod/mini';

// The contract is written with zod/mini: it is shared by the extension (where bundle size matters and
// classic zod's JIT trips MV3's CSP and `web-ext lint`) and the server (where hono-openapi turns the same
// schemas into /openapi.json through zod's own JSON Schema output).

export const SOCIAL_NETWORKS = [
  'x',
  'instagram',
  'threads',
  'fediverse',
  'facebook',
  'tiktok',
  'linkedin',
] as const;
export const SocialNetwork = z.enum(SOCIAL_NETWORKS);
export type SocialNetwork = z.infer<typeof SocialNetwork>;

export const IDENTIFIER_KINDS = ['email', 'handle', 'loyalty', 'order'] as const;
export const IdentifierKind = z.enum(IDENTIFIER_KINDS);
export type IdentifierKind = z.infer<typeof IdentifierKind>;

const IdentifierValue = z.string().check(z.minLength(1), z.maxLength(320));

export const EmailIdentifier = z.object({ kind: z.literal('email'), value: IdentifierValue });
export const HandleIdentifier = z.object({
  kind: z.literal('handle'),
  network: SocialNetwork,
  value: IdentifierValue,
});
export const LoyaltyIdentifier = z.object({ kind: z.literal('loyalty'), value: IdentifierValue });
export const OrderIdentifier = z.object({ kind: z.literal('order'), value: IdentifierValue });

/** A customer identifier as found on a page or stored on a profile. Handles always name their network. */
export const Identifier = z
  .discriminatedUnion('kind', [EmailIdentifier, HandleIdentifier, LoyaltyIdentifier, OrderIdentifier], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown identifier kind; expected one of ${IDENTIFIER_KINDS.join(', ')}`
        : undefined,
  })
  .register(z.globalRegistry, {
    id: 'Identifier',
    description: 'A customer identifier: e-mail, social handle, loyalty card or order number.',
  });
export type Identifier = z.infer<typeof Identifier>;
