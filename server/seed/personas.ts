import type { ProfileBundle } from './profile-bundle.ts';

// The personas of the five stories in DESIGN.md. The same values appear on the demo pages and in the tests
// (see the table in the project brief); change them everywhere or nowhere.

export const DEMO_TENANT = { id: 'demo', name: 'Demo Co' } as const;
export const DEMO_AGENT = { id: 'agt_demo', name: 'Demo Agent', role: 'admin' } as const;
export const DEMO_TOKEN_DEFAULT = 'known-demo-token';

interface Persona {
  id: string;
  name: string;
  email?: string;
  x: { handle: string; followers: number };
  card?: string;
  loyalty?: { program: string; tier: string; rank: number; points: number; memberSince: string };
  value?: { lifetime: number; last12m: number; orders: number };
  channel: string | null;
  notes?: string[];
}

const PERSONAS: Persona[] = [
  {
    id: 'prf_sofia_reyes',
    name: 'Sofia Reyes',
    email: 'sofia.reyes@example.com',
    x: { handle: 'sofiaflies', followers: 412 },
    card: 'SK-204816',
    loyalty: { program: 'Skyward', tier: 'Gold', rank: 2, points: 48210, memberSince: '2014-03-12' },
    value: { lifetime: 48200, last12m: 9850, orders: 86 },
    channel: 'email',
    notes: ['aisle seat'],
  },
  {
    id: 'prf_john_carter',
    name: 'John Carter',
    email: 'john.carter@example.net',
    x: { handle: 'johnc_eats', followers: 120 },
    card: 'SC-55120',
    loyalty: { program: 'Slice Club', tier: 'Member', rank: 3, points: 1840, memberSince: '2021-06-01' },
    value: { lifetime: 1840, last12m: 620, orders: 64 },
    channel: 'sms',
  },
  {
    id: 'prf_mary_okafor',
    name: 'Mary Okafor',
    email: 'mary.okafor@example.org',
    x: { handle: 'maryokafor', followers: 890 },
    card: 'DP-778201',
    loyalty: { program: 'DeskPro Rewards', tier: 'Plus', rank: 2, points: 6300, memberSince: '2019-09-23' },
    value: { lifetime: 6300, last12m: 2100, orders: 14 },
    channel: 'email',
  },
  {
    id: 'prf_daniel_brooks',
    name: 'Daniel Brooks',
    email: 'daniel.brooks@example.com',
    x: { handle: 'dbrooks_travels', followers: 75 },
    card: 'HH-900075',
    loyalty: {
      program: 'Harbor Hotels',
      tier: 'Ambassador',
      rank: 1,
      points: 912400,
      memberSince: '2009-02-17',
    },
    value: { lifetime: 182400, last12m: 38900, orders: 1140 },
    channel: 'phone',
    notes: ['decides his company’s travel policy', 'stays 2–3 nights a week'],
  },
  {
    id: 'prf_tyler_vance',
    name: 'Tyler Vance',
    x: { handle: 'tylertravelsworld', followers: 20400 },
    channel: null,
  },
  {
    id: 'prf_jane_smith',
    name: 'Jane Smith',
    email: 'jane.smith@example.com',
    x: { handle: 'janesmith', followers: 30 },
    card: 'LC-000123',
    loyalty: { program: 'Harbor Hotels', tier: 'Gold', rank: 2, points: 221500, memberSince: '2011-04-02' },
    value: { lifetime: 22150, last12m: 5400, orders: 310 },
    channel: 'email',
  },
  {
    id: 'prf_priya_nair',
    name: 'Priya Nair',
    email: 'priya.nair@example.com',
    x: { handle: 'priyanflies', followers: 1250 },
    card: 'SK-100042',
    loyalty: { program: 'Skyward', tier: 'Platinum', rank: 1, points: 385000, memberSince: '2008-11-05' },
    value: { lifetime: 96500, last12m: 31200, orders: 402 },
    channel: 'app',
    notes: ['never ask again for her name, number or flight'],
  },
];

function toBundle(p: Persona): ProfileBundle {
  return {
    profile: {
      id: p.id,
      external_id: p.card ?? null,
      name: p.name,
      loyalty_program: p.loyalty?.program ?? null,
      loyalty_tier: p.loyalty?.tier ?? null,
      loyalty_tier_rank: p.loyalty?.rank ?? null,
      loyalty_points: p.loyalty?.points ?? null,
      loyalty_member_since: p.loyalty?.memberSince ?? null,
      value_currency: p.value ? 'USD' : null,
      value_lifetime: p.value?.lifetime ?? null,
      value_last12m: p.value?.last12m ?? null,
      value_orders_count: p.value?.orders ?? null,
      pref_channel: p.channel,
      pref_language: 'en',
      pref_notes: JSON.stringify(p.notes ?? []),
    },
    identities: [
      ...(p.email ? [{ kind: 'email' as const, value: p.email }] : []),
      { kind: 'handle', network: 'x', value: p.x.handle },
      ...(p.card ? [{ kind: 'loyalty' as const, value: p.card }] : []),
    ],
    social: [{ network: 'x', handle: p.x.handle, followers: p.x.followers }],
  };
}

export const PERSONA_BUNDLES: readonly ProfileBundle[] = PERSONAS.map(toBundle);
