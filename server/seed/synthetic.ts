import type { Kysely } from 'kysely';
import type { Identifier, SocialNetwork } from '../../lib/contract/identifier.ts';
import type { Database } from '../db/types.ts';
import { DEMO_TENANT } from './personas.ts';
import { type ProfileBundle, writeProfiles } from './profile-bundle.ts';
import { ensureDemoTenant } from './seed-demo.ts';

// N synthetic customers with the skew real customer bases have: most are not loyalty members, tiers thin out
// towards the top, spend is log-normal, followers follow a power law (a few accounts with huge reach, most
// with a handful). Profile i is a pure function of i, so runs are reproducible and re-seeding is idempotent.

const FIRST = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Lucas',
  'Mia',
  'Amelia',
  'Mateo',
  'Sofia',
  'Aarav',
  'Yuki',
  'Chen',
  'Fatima',
  'Omar',
  'Ines',
  'Lars',
  'Anna',
  'Kwame',
  'Zara',
  'Diego',
  'Hana',
  'Ivan',
  'Leila',
  'Marco',
  'Nina',
  'Oscar',
  'Priya',
  'Ravi',
  'Sara',
  'Tomas',
  'Uma',
  'Victor',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Ben',
  'Chloe',
];
const LAST = [
  'Smith',
  'Garcia',
  'Kim',
  'Nguyen',
  'Okafor',
  'Rossi',
  'Müller',
  'Dubois',
  'Jansen',
  'Silva',
  'Kowalski',
  'Haddad',
  'Tanaka',
  'Patel',
  'Cohen',
  'Larsen',
  'Ibrahim',
  'Novak',
  'Moreau',
  'Santos',
  'Ahmed',
  'Brown',
  'Wilson',
  'Lopez',
  'Singh',
  'Murphy',
  'Schmidt',
  'Ivanova',
  'Costa',
  'Yilmaz',
];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'];
const PROGRAMS = [
  { name: 'Skyward', prefix: 'SK', tiers: ['Platinum', 'Gold', 'Silver', 'Blue'] },
  { name: 'Harbor Hotels', prefix: 'HH', tiers: ['Ambassador', 'Gold', 'Silver', 'Member'] },
  { name: 'Slice Club', prefix: 'SC', tiers: ['VIP', 'Regular', 'Member', 'Starter'] },
  { name: 'DeskPro Rewards', prefix: 'DP', tiers: ['Elite', 'Plus', 'Member', 'Basic'] },
] as const;
const CHANNELS = ['email', 'email', 'email', 'phone', 'sms', 'app', null, null] as const;
const LANGUAGES = ['en', 'en', 'en', 'en', 'es', 'de', 'fr', 'nl', 'pt'] as const;

/** mulberry32: tiny, fast, good enough for test data, and seedable per profile. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** Standard normal by Box–Muller. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Tier rank 1 (top) is rare, the entry tier common: 3 %, 12 %, 35 %, 50 %. */
function tierRank(rand: () => number): number {
  const r = rand();
  return r < 0.03 ? 1 : r < 0.15 ? 2 : r < 0.5 ? 3 : 4;
}

export function syntheticProfile(i: number): ProfileBundle {
  const rand = rng(i * 2654435761);
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  const slug = `${first}.${last}`
    .normalize('NFKD')
    .replace(/[^\w.]/g, '')
    .toLowerCase();
  const id = String(i).padStart(7, '0');

  const program = rand() < 0.45 ? pick(rand, PROGRAMS) : undefined;
  const rank = program ? tierRank(rand) : undefined;
  const card = program ? `${program.prefix}-${1_000_000 + i}` : undefined;
  // Higher tiers spend more: the log-normal's location moves up one step per tier.
  const hasValue = program !== undefined || rand() < 0.6;
  const lifetime = hasValue
    ? Math.round(Math.exp(6.5 + (rank ? (4 - rank) * 0.8 : 0) + normal(rand) * 1.1))
    : null;
  const last12m = lifetime === null ? null : Math.round(lifetime * (0.05 + rand() * 0.35));

  const social: ProfileBundle['social'] = [];
  if (rand() < 0.35) {
    // Pareto(x_m = 8, α = 1.1), capped: a long tail of small accounts and a few very large ones.
    const followers = Math.min(5_000_000, Math.floor(8 / (1 - rand()) ** (1 / 1.1)));
    social.push({ network: 'x', handle: `${slug.replace('.', '_')}${i}`, followers });
    if (rand() < 0.15) {
      social.push({
        network: 'instagram',
        handle: `${slug}.${i}`,
        followers: Math.floor(followers * (0.5 + rand() * 3)),
      });
    }
  }

  const identities: Identifier[] = [
    { kind: 'email', value: `${slug}.${i}@${pick(rand, DOMAINS)}` },
    ...social.map((s) => ({ kind: 'handle' as const, network: s.network as SocialNetwork, value: s.handle })),
    ...(card ? [{ kind: 'loyalty' as const, value: card }] : []),
  ];

  return {
    profile: {
      id: `syn_${id}`,
      external_id: `SYN-${id}`,
      name: `${first} ${last}`,
      loyalty_program: program?.name ?? null,
      loyalty_tier: program && rank ? (program.tiers[rank - 1] ?? null) : null,
      loyalty_tier_rank: rank ?? null,
      loyalty_points: lifetime !== null && program ? Math.round(lifetime * (2 + rand() * 8)) : null,
      loyalty_member_since: program
        ? `${2005 + Math.floor(rand() * 20)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`
        : null,
      value_currency: lifetime === null ? null : 'USD',
      value_lifetime: lifetime,
      value_last12m: last12m,
      value_orders_count: lifetime === null ? null : Math.max(1, Math.round(lifetime / (40 + rand() * 160))),
      pref_channel: pick(rand, CHANNELS),
      pref_language: pick(rand, LANGUAGES),
      pref_notes: '[]',
    },
    identities,
    social,
  };
}

/** Writes profiles 1..count into the demo tenant in transactions of `batch`, reporting progress. */
export async function seedSynthetic(
  db: Kysely<Database>,
  count: number,
  opts: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  await ensureDemoTenant(db);
  const batch = opts.batch ?? 5000;
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    const bundles: ProfileBundle[] = [];
    for (let i = start; i <= end; i++) bundles.push(syntheticProfile(i));
    await writeProfiles(db, DEMO_TENANT.id, bundles);
    opts.onProgress?.(end);
  }
}
