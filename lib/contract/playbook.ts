import * as z from 'zod/mini';
import { CHANNELS } from './history.ts';

// A playbook is the declarative half of the suggestion engine (lib/suggest/): which intents to look for in the
// customer's words, which rules turn intents plus profile facts into a suggested reply, and which remedies an
// agent may offer without escalating. Team leads edit it through PUT /v1/playbook, so everything a lead can get
// wrong is refused here with the path of the bad field — including a placeholder the engine could not fill.
// Objects are strict: a misspelt condition ("tierRankAtMst") would otherwise be dropped silently and the rule
// would fire for everyone.

export const VERTICALS = ['airline', 'hotel', 'retail', 'food_delivery', 'generic'] as const;
export const Vertical = z.enum(VERTICALS);
export type Vertical = z.infer<typeof Vertical>;

const ITEM_KINDS = ['flight', 'order', 'stay', 'booking', 'appointment', 'other'] as const;
const OPEN_LOOP_KINDS = ['contact_request', 'broken_promise', 'open_case', 'overdue_task'] as const;

/** The placeholder fields of an item ({recent.flight.ref}); origin/destination come from "AMS → SEA" summaries. */
const ITEM_FIELDS = [
  'ref',
  'summary',
  'status',
  'when',
  'origin',
  'originCode',
  'destination',
  'destinationCode',
];

/**
 * Every placeholder a template may use. A closed list, so a typo in a lead's playbook is a 400 on save rather
 * than a suggestion that silently never shows.
 */
export const PLACEHOLDERS: readonly string[] = [
  'name',
  'firstName',
  'tier',
  'program',
  'points',
  'memberSince.year',
  'value.lifetime',
  'value.last12m',
  'followers',
  'preferences.channel',
  'preferences.language',
  'preferences.notes',
  'preferences.matchedNote',
  ...['recent', 'upcoming'].flatMap((when) =>
    ITEM_KINDS.flatMap((kind) => ITEM_FIELDS.map((field) => `${when}.${kind}.${field}`)),
  ),
  'openLoop.summary',
  'openLoop.age',
  'openLoop.ago',
  'openLoop.channel',
  'case.ref',
  'case.subject',
  'case.age',
  'case.channels',
  'case.channelCount',
  'case.lastChannel',
  'intent.label',
  'intent.matched',
];
const PLACEHOLDER_SET = new Set(PLACEHOLDERS);

/** `{path}` inside a template. Braces cannot be escaped: templates are short sentences, not a language. */
export const PLACEHOLDER_PATTERN = /\{([^{}]*)\}/g;

/** Facts a question may ask for; the engine drops a question whose fact the profile already holds. */
export const ASKABLE_FACTS = [
  'email',
  'loyalty',
  'order',
  'flight',
  'stay',
  'booking',
  'channel',
  'language',
] as const;
export const AskableFact = z.enum(ASKABLE_FACTS);
export type AskableFact = z.infer<typeof AskableFact>;

const Id = z
  .string()
  .check(
    z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be 1–64 of a-z 0-9 . _ - starting with a letter or digit'),
  );

export const Template = z.string().check(
  z.minLength(1),
  z.maxLength(400),
  z.superRefine((text, ctx) => {
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      const name = match[1] ?? '';
      if (!PLACEHOLDER_SET.has(name)) {
        ctx.addIssue({
          code: 'custom',
          input: text,
          message: `unknown placeholder {${name.slice(0, 60)}}; see PLACEHOLDERS in lib/contract/playbook.ts`,
        });
      }
    }
  }),
);

const Phrase = z.string().check(z.minLength(1), z.maxLength(80));
const Word = z.string().check(z.minLength(1), z.maxLength(40));
const PositiveHours = z.number().check(z.positive(), z.maximum(24 * 366));
const Rank = z.int().check(z.minimum(1), z.maximum(20));

export const Intent = z.strictObject({
  id: Id,
  label: z.string().check(z.minLength(1), z.maxLength(80)),
  /**
   * Words or phrases in any language, matched on word boundaries, case- and diacritics-insensitively
   * ("crème" matches "CREME"). A trailing `*` matches a word's start: `bag*` matches bags and baggage.
   */
  phrases: z.array(Phrase).check(z.minLength(1), z.maxLength(200)),
  /** Only for profiles of these verticals (in a playbook that spans several); every profile when unset. */
  verticals: z.optional(z.array(Vertical)),
});
export type Intent = z.infer<typeof Intent>;

const ItemCondition = z.strictObject({
  kind: z.enum(ITEM_KINDS),
  /** How far from now the item may be (past for recent items, future for upcoming ones). */
  withinHours: z.optional(PositiveHours),
  /** Case-insensitive; any of these. */
  status: z.optional(z.array(Word)),
});

/** Every field present must hold (AND); within a list, any value may match (OR). */
export const Condition = z.strictObject({
  intents: z.optional(
    z.strictObject({
      any: z.optional(z.array(Id)),
      all: z.optional(z.array(Id)),
      none: z.optional(z.array(Id)),
    }),
  ),
  verticals: z.optional(z.array(Vertical)),
  /** Has a tier or any spend: false picks the people who never bought (an influencer asking for a suite). */
  isCustomer: z.optional(z.boolean()),
  /** Rank 1 is the top tier: `tierRankAtMost: 2` means the two top tiers. Profiles without a tier fail it. */
  tierRankAtMost: z.optional(Rank),
  tierRankAtLeast: z.optional(Rank),
  hasRecentItem: z.optional(ItemCondition),
  hasUpcomingItem: z.optional(ItemCondition),
  hasOpenLoop: z.optional(
    z.strictObject({ kind: z.optional(z.enum(OPEN_LOOP_KINDS)), overdue: z.optional(z.boolean()) }),
  ),
  /** An open or pending case; `minChannels` picks the ones that hopped across channels. */
  hasOpenCase: z.optional(z.strictObject({ minChannels: z.optional(z.int().check(z.minimum(1))) })),
  valueLast12mAtLeast: z.optional(z.number()),
  valueLifetimeAtLeast: z.optional(z.number()),
  followersAtLeast: z.optional(z.int().check(z.minimum(0))),
  followersAtMost: z.optional(z.int().check(z.minimum(0))),
  preferredChannel: z.optional(z.array(z.enum(CHANNELS))),
  /** Any preference note containing one of these words (same matching as intent phrases). */
  notesMention: z.optional(z.array(Phrase)),
});
export type Condition = z.infer<typeof Condition>;

export const SUGGESTION_KINDS = ['confirm', 'question', 'action'] as const;

export const Rule = z.strictObject({
  id: Id,
  kind: z.enum(SUGGESTION_KINDS),
  when: Condition,
  /**
   * The reply to paste. A list is a set of alternatives: the first whose placeholders all resolve is used, and
   * a rule none of whose texts resolves is skipped.
   */
  text: z.union([Template, z.array(Template).check(z.minLength(1), z.maxLength(5))]),
  /** Shown to the agent; a reason whose placeholders do not resolve is left out. */
  reasons: z.optional(z.array(Template).check(z.maxLength(6))),
  score: z.number().check(z.minimum(0), z.maximum(1000)),
  /** What a question asks for: when the profile already holds it, the question is never suggested. */
  asks: z.optional(z.array(AskableFact)),
});
export type Rule = z.infer<typeof Rule>;

export const OfferRule = z.strictObject({
  id: Id,
  label: Template,
  description: Template,
  when: Condition,
  reasons: z.optional(z.array(Template).check(z.maxLength(6))),
  priority: z.number().check(z.minimum(0), z.maximum(1000)),
});
export type OfferRule = z.infer<typeof OfferRule>;

export const RankWeights = z.strictObject({
  /** Added to rules that are conditioned on tier, by the profile's tier rank ("1": 15). */
  tierRank: z.optional(
    z.record(z.string().check(z.regex(/^[1-9][0-9]?$/, 'must be a tier rank')), z.number()),
  ),
  /** Added when the rule's open loop is overdue. */
  openLoopOverdue: z.optional(z.number()),
  /** Added per week the rule's open loop has been open, up to openLoopMax. */
  openLoopPerWeek: z.optional(z.number()),
  openLoopMax: z.optional(z.number()),
  /** Added per intent of the rule's condition that the message mentions. */
  intentMatch: z.optional(z.number()),
});

const PlaybookShape = z.strictObject({
  version: z.literal(1),
  vertical: Vertical,
  name: z.optional(z.string().check(z.maxLength(120))),
  /** BCP 47 tag for relative times and money ("yesterday", "$182,400"). Default `en`. */
  locale: z.optional(
    z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag')),
  ),
  /** Loyalty program name → vertical, for a playbook that spans several businesses (the demo tenant). */
  programs: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(80)), Vertical)),
  /** Place codes → names, so "AMS → SEA" reads "from Amsterdam". */
  places: z.optional(
    z.record(z.string().check(z.minLength(1), z.maxLength(10)), z.string().check(z.maxLength(80))),
  ),
  /** Words that, one or two words before an intent phrase, cancel it ("not late"). Default: English ones. */
  negations: z.optional(z.array(Word).check(z.maxLength(100))),
  weights: z.optional(RankWeights),
  intents: z.array(Intent).check(z.maxLength(200)),
  rules: z.array(Rule).check(z.maxLength(500)),
  offers: z.array(OfferRule).check(z.maxLength(300)),
});

type PlaybookShape = z.infer<typeof PlaybookShape>;

/** Ids are unique per list, and every intent a condition names is defined. */
function checkReferences(playbook: PlaybookShape, ctx: z.core.$RefinementCtx<PlaybookShape>): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', input: playbook, path, message });
  for (const list of ['intents', 'rules', 'offers'] as const) {
    const seen = new Set<string>();
    playbook[list].forEach((entry, i) => {
      if (seen.has(entry.id)) issue([list, i, 'id'], `duplicate id "${entry.id}"`);
      seen.add(entry.id);
    });
  }
  const intents = new Set(playbook.intents.map((i) => i.id));
  for (const list of ['rules', 'offers'] as const) {
    playbook[list].forEach((entry, i) => {
      for (const op of ['any', 'all', 'none'] as const) {
        entry.when.intents?.[op]?.forEach((id, j) => {
          if (!intents.has(id)) issue([list, i, 'when', 'intents', op, j], `unknown intent "${id}"`);
        });
      }
    });
  }
}

export const Playbook = PlaybookShape.check(z.superRefine(checkReferences)).register(z.globalRegistry, {
  id: 'Playbook',
  description: 'Intents, rules and offers of the suggestion engine (lib/suggest).',
});
export type Playbook = z.infer<typeof Playbook>;
/** What a playbook author writes: the same shape (no defaults are filled in by parsing). */
export type PlaybookInput = z.input<typeof Playbook>;

/** `GET /v1/playbook` and the answer to `PUT /v1/playbook`. */
export const PlaybookResponse = z
  .object({
    playbook: Playbook,
    /** `tenant`: the tenant's own, saved with PUT; `default`: the shipped one (lib/suggest/playbooks). */
    source: z.enum(['tenant', 'default']),
    updatedAt: z.nullable(z.string()),
    updatedBy: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'PlaybookResponse' });
export type PlaybookResponse = z.infer<typeof PlaybookResponse>;
