import type { Case, Interaction, Item, OpenLoop } from '../../../lib/contract/history.ts';
import { ProfileDetail } from '../../../lib/contract/profile.ts';

// The story personas as the backend's GET /v1/profiles/{id} answers them (ProfileDetail with history), built
// from the five stories' import rows (DESIGN.md) and dated relative to `now`. Open loops are derived the way the
// contract describes them: a contact request with no reply after it, an open case past its promised date,
// and any other open case.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const NOW = new Date('2026-11-21T10:00:00Z');

type InteractionRow = Partial<Interaction> & Pick<Interaction, 'at' | 'channel' | 'direction' | 'summary'>;
type CaseRow = Omit<Case, 'promisedBy'> & { promisedBy?: string };

interface StoryRow {
  id: string;
  externalId: string | null;
  name: string;
  identities: ProfileDetail['identities'];
  loyalty: { program: string; tier: string; tierRank: number; points: number; memberSince: string } | null;
  value: { currency: string; lifetime: number; last12m: number; ordersCount: number } | null;
  social: ProfileDetail['social'];
  preferences: ProfileDetail['preferences'];
  cases: CaseRow[];
  interactions: InteractionRow[];
  recent: Item[];
  upcoming: Item[];
}

function openLoops(cases: Case[], interactions: Interaction[], now: Date): OpenLoop[] {
  const loops: OpenLoop[] = [];
  const covered = new Set<string>();
  for (const i of interactions) {
    if (!i.contactRequested) continue;
    const answered = interactions.some((o) => o.direction === 'outbound' && o.at > i.at);
    if (answered) continue;
    const dueAt = new Date(Date.parse(i.at) + 48 * HOUR).toISOString();
    loops.push({
      kind: 'contact_request',
      summary: i.summary,
      since: i.at,
      channel: i.channel,
      caseId: i.caseId,
      dueAt,
      overdue: Date.parse(dueAt) < now.getTime(),
    });
    if (i.caseId) covered.add(i.caseId);
  }
  for (const c of cases) {
    if (c.status !== 'open' && c.status !== 'pending') continue;
    if (c.promisedBy && Date.parse(c.promisedBy) < now.getTime()) {
      loops.push({
        kind: 'broken_promise',
        summary: c.subject,
        since: c.promisedBy,
        channel: c.channels.at(-1) ?? null,
        caseId: c.id,
        dueAt: c.promisedBy,
        overdue: true,
      });
    } else if (!covered.has(c.id)) {
      loops.push({
        kind: 'open_case',
        summary: c.subject,
        since: c.openedAt,
        channel: c.channels.at(-1) ?? null,
        caseId: c.id,
        dueAt: null,
        overdue: false,
      });
    }
  }
  // The contract's order: overdue before due, then oldest first.
  return loops.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.since.localeCompare(b.since));
}

function detail(row: StoryRow, now: Date): ProfileDetail {
  const cases: Case[] = row.cases.map((c) => ({ ...c, promisedBy: c.promisedBy ?? null }));
  const interactions: Interaction[] = row.interactions
    .map((i, n) => ({
      id: `${row.id}_i${n}`,
      caseId: null,
      sentiment: null,
      contactRequested: false,
      agent: null,
      ...i,
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
  const followers = row.social.reduce((sum, s) => sum + s.followers, 0);
  return ProfileDetail.parse({
    id: row.id,
    name: row.name,
    tier: row.loyalty
      ? { program: row.loyalty.program, name: row.loyalty.tier, rank: row.loyalty.tierRank }
      : null,
    value: row.value
      ? { currency: row.value.currency, lifetime: row.value.lifetime, last12m: row.value.last12m }
      : null,
    identities: row.identities,
    social: row.social,
    reach: { followers },
    externalId: row.externalId,
    loyalty: row.loyalty,
    preferences: row.preferences,
    ordersCount: row.value?.ordersCount ?? null,
    lastOrderAt: null,
    openLoops: openLoops(cases, interactions, now),
    cases,
    interactions,
    interactionsCursor: null,
    recent: row.recent,
    upcoming: row.upcoming,
    tasks: [],
  });
}

export function storyProfiles(now: Date = NOW) {
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const inFuture = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const rows = {
    sofia: {
      id: 'prf_sofia_reyes',
      externalId: 'SK-204816',
      name: 'Sofia Reyes',
      identities: [
        { kind: 'email', value: 'sofia.reyes@example.com' },
        { kind: 'handle', network: 'x', value: 'sofiaflies' },
        { kind: 'loyalty', value: 'SK204816' },
      ],
      loyalty: { program: 'Skyward', tier: 'Gold', tierRank: 2, points: 48210, memberSince: '2011-04-02' },
      value: { currency: 'USD', lifetime: 48200, last12m: 9850, ordersCount: 64 },
      social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
      preferences: { channel: 'email', language: 'en', notes: ['Travels with her husband', 'Aisle seat'] },
      cases: [
        {
          id: 'C-7701',
          status: 'open',
          subject: 'Bags did not arrive on XX123',
          openedAt: at(2 * HOUR),
          channels: ['twitter'],
        },
      ],
      interactions: [
        {
          at: at(2 * HOUR),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'Passengers have waited over an hour for their bags.',
          caseId: 'C-7701',
          sentiment: 'negative',
        },
        {
          at: at(2 * HOUR - 60_000),
          channel: 'twitter',
          direction: 'outbound',
          summary: 'This is not what we like to hear. Thanks for all of your patience.',
          caseId: 'C-7701',
          agent: 'social-bot',
        },
        {
          at: at(HOUR),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'Waited for nearly two hours and bags never arrived.',
          caseId: 'C-7701',
          sentiment: 'negative',
        },
        {
          at: at(HOUR - 60_000),
          channel: 'twitter',
          direction: 'outbound',
          summary: "We're sorry that your bags didn't arrive. We're here if you need us.",
          caseId: 'C-7701',
          agent: 'social-bot',
        },
      ],
      recent: [{ kind: 'flight', ref: 'XX123', at: at(DAY), summary: 'AMS → SEA', status: 'landed' }],
      upcoming: [
        { kind: 'flight', ref: 'XX456', at: inFuture(9 * DAY), summary: 'SEA → AMS', status: 'booked' },
      ],
    },
    john: {
      id: 'prf_john_carter',
      externalId: 'SC-55120',
      name: 'John Carter',
      identities: [
        { kind: 'email', value: 'john.carter@example.net' },
        { kind: 'handle', network: 'x', value: 'johnc_eats' },
        { kind: 'loyalty', value: 'SC55120' },
      ],
      loyalty: {
        program: 'Slice Club',
        tier: 'Member',
        tierRank: 3,
        points: 1840,
        memberSince: '2019-09-14',
      },
      value: { currency: 'USD', lifetime: 1840, last12m: 620, ordersCount: 71 },
      social: [{ network: 'x', handle: 'johnc_eats', followers: 120 }],
      preferences: { channel: 'phone', language: 'en', notes: [] },
      cases: [
        {
          id: 'C-5512',
          status: 'open',
          subject: 'Third late, cold, wrong order',
          openedAt: at(21 * DAY),
          channels: ['store', 'survey'],
        },
      ],
      interactions: [
        {
          at: at(60 * DAY),
          channel: 'store',
          direction: 'inbound',
          summary: 'Order #O-88120 delivered 55 minutes late',
          sentiment: 'negative',
        },
        {
          at: at(35 * DAY),
          channel: 'store',
          direction: 'inbound',
          summary: 'Order #O-90417 delivered late and cold',
          sentiment: 'negative',
        },
        {
          at: at(21 * DAY + 2 * HOUR),
          channel: 'store',
          direction: 'inbound',
          summary: 'Order #O-93002 an hour late, cold, wrong toppings',
          caseId: 'C-5512',
          sentiment: 'negative',
        },
        {
          at: at(21 * DAY),
          channel: 'survey',
          direction: 'inbound',
          summary: 'NPS 1: "Third time late and cold." Ticked: contact me about my experience',
          caseId: 'C-5512',
          contactRequested: true,
          sentiment: 'negative',
        },
      ],
      recent: [
        {
          kind: 'order',
          ref: 'O-93002',
          at: at(21 * DAY + 2 * HOUR),
          summary: 'Large pepperoni, garlic bread',
          status: 'delivered late',
        },
      ],
      upcoming: [],
    },
    mary: {
      id: 'prf_mary_okafor',
      externalId: 'DP-778201',
      name: 'Mary Okafor',
      identities: [
        { kind: 'email', value: 'mary.okafor@example.org' },
        { kind: 'handle', network: 'x', value: 'maryokafor' },
        { kind: 'loyalty', value: 'DP778201' },
      ],
      loyalty: {
        program: 'DeskPro Rewards',
        tier: 'Plus',
        tierRank: 2,
        points: 6300,
        memberSince: '2016-02-20',
      },
      value: { currency: 'USD', lifetime: 6300, last12m: 2100, ordersCount: 48 },
      social: [{ network: 'x', handle: 'maryokafor', followers: 890 }],
      preferences: { channel: 'email', language: 'en', notes: [] },
      cases: [
        {
          id: 'C-3390',
          status: 'open',
          subject: 'Rude service at the Elm Street store',
          openedAt: at(64 * DAY),
          channels: ['web', 'twitter', 'email'],
          promisedBy: at(60 * DAY),
        },
      ],
      interactions: [
        {
          at: at(64 * DAY),
          channel: 'web',
          direction: 'inbound',
          summary: 'Contact form: staff at the Elm Street store were rude and unhelpful',
          caseId: 'C-3390',
          sentiment: 'negative',
        },
        {
          at: at(62 * DAY),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'Filled in your contact form two days ago. Nothing.',
          caseId: 'C-3390',
          sentiment: 'negative',
        },
        {
          at: at(62 * DAY - 3 * HOUR),
          channel: 'twitter',
          direction: 'outbound',
          summary: "Sorry to hear this. Let's move to e-mail, we'll follow up there.",
          caseId: 'C-3390',
          agent: 'dana',
        },
        {
          at: at(61 * DAY),
          channel: 'email',
          direction: 'inbound',
          summary: 'Details of the Elm Street visit as requested',
          caseId: 'C-3390',
        },
      ],
      recent: [],
      upcoming: [],
    },
    daniel: {
      id: 'prf_daniel_brooks',
      externalId: 'HH-900075',
      name: 'Daniel Brooks',
      identities: [
        { kind: 'email', value: 'daniel.brooks@example.com' },
        { kind: 'handle', network: 'x', value: 'dbrooks_travels' },
        { kind: 'loyalty', value: 'HH900075' },
      ],
      loyalty: {
        program: 'Harbor Hotels',
        tier: 'Ambassador',
        tierRank: 1,
        points: 412000,
        memberSince: '2009-06-01',
      },
      value: { currency: 'USD', lifetime: 182400, last12m: 38900, ordersCount: 940 },
      social: [{ network: 'x', handle: 'dbrooks_travels', followers: 75 }],
      preferences: {
        channel: 'email',
        language: 'en',
        notes: ['Decides his company travel policy', 'Stays 2–3 nights a week'],
      },
      cases: [],
      interactions: [
        {
          at: at(HOUR),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'Front desk told me to "use the form"',
          sentiment: 'negative',
        },
      ],
      recent: [
        {
          kind: 'stay',
          ref: 'S-22871',
          at: at(2 * DAY),
          summary: 'Harbor Downtown, 3 nights',
          status: 'in house',
        },
      ],
      upcoming: [
        {
          kind: 'stay',
          ref: 'S-22940',
          at: inFuture(5 * DAY),
          summary: 'Harbor Downtown, 2 nights',
          status: 'booked',
        },
      ],
    },
    tyler: {
      id: 'prf_tyler_vance',
      externalId: 'SOC-TYLER',
      name: 'Tyler Vance',
      identities: [{ kind: 'handle', network: 'x', value: 'tylertravelsworld' }],
      loyalty: null,
      value: null,
      social: [{ network: 'x', handle: 'tylertravelsworld', followers: 20400 }],
      preferences: { channel: null, language: 'en', notes: [] },
      cases: [],
      interactions: [
        {
          at: at(3 * DAY),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'Asked for a free suite for his followers',
        },
        {
          at: at(3 * DAY - 10 * 60_000),
          channel: 'twitter',
          direction: 'outbound',
          summary: 'Offered a complimentary upgrade',
          agent: 'dana',
        },
      ],
      recent: [],
      upcoming: [],
    },
    jane: {
      id: 'prf_jane_smith',
      externalId: 'LC-000123',
      name: 'Jane Smith',
      identities: [
        { kind: 'email', value: 'jane.smith@example.com' },
        { kind: 'handle', network: 'x', value: 'janesmith' },
        { kind: 'loyalty', value: 'LC000123' },
      ],
      loyalty: {
        program: 'Harbor Hotels',
        tier: 'Gold',
        tierRank: 2,
        points: 48210,
        memberSince: '2011-04-02',
      },
      value: { currency: 'USD', lifetime: 22150, last12m: 5400, ordersCount: 310 },
      social: [{ network: 'x', handle: 'janesmith', followers: 30 }],
      preferences: { channel: 'email', language: 'en', notes: ['High floor, away from the lift'] },
      cases: [],
      interactions: [],
      recent: [],
      upcoming: [],
    },
    priya: {
      id: 'prf_priya_nair',
      externalId: 'SK-100042',
      name: 'Priya Nair',
      identities: [
        { kind: 'email', value: 'priya.nair@example.com' },
        { kind: 'handle', network: 'x', value: 'priyanflies' },
        { kind: 'loyalty', value: 'SK100042' },
      ],
      loyalty: {
        program: 'Skyward',
        tier: 'Platinum',
        tierRank: 1,
        points: 812400,
        memberSince: '2005-11-12',
      },
      value: { currency: 'USD', lifetime: 96500, last12m: 31200, ordersCount: 402 },
      social: [{ network: 'x', handle: 'priyanflies', followers: 1250 }],
      preferences: {
        channel: 'twitter',
        language: 'en',
        notes: ['Window seat', 'Vegetarian meal', 'Prefers SkyTeam partner rebooking over refunds'],
      },
      cases: [
        {
          id: 'C-8804',
          status: 'open',
          subject: 'Missed connection in MSP, needs rebooking',
          openedAt: at(5 * HOUR),
          channels: ['app', 'web', 'phone', 'twitter'],
        },
      ],
      interactions: [
        {
          at: at(5 * HOUR),
          channel: 'app',
          direction: 'inbound',
          summary: 'Rebooking attempt failed in the app (error 502)',
          caseId: 'C-8804',
        },
        {
          at: at(4 * HOUR),
          channel: 'web',
          direction: 'inbound',
          summary: 'Rebooking on the website: no seats offered',
          caseId: 'C-8804',
        },
        {
          at: at(3 * HOUR),
          channel: 'phone',
          direction: 'inbound',
          summary: 'Call centre: 40 min hold, call dropped',
          caseId: 'C-8804',
          sentiment: 'negative',
        },
        {
          at: at(30 * 60_000),
          channel: 'twitter',
          direction: 'inbound',
          summary: 'App, web, call centre, and still no rebooking',
          caseId: 'C-8804',
          sentiment: 'negative',
        },
      ],
      recent: [{ kind: 'flight', ref: 'XX789', at: at(6 * HOUR), summary: 'AMS → MSP', status: 'landed' }],
      upcoming: [
        {
          kind: 'flight',
          ref: 'XX790',
          at: inFuture(20 * HOUR),
          summary: 'MSP → SEA',
          status: 'missed connection',
        },
      ],
    },
  } satisfies Record<string, StoryRow>;
  return {
    sofia: detail(rows.sofia, now),
    john: detail(rows.john, now),
    mary: detail(rows.mary, now),
    daniel: detail(rows.daniel, now),
    tyler: detail(rows.tyler, now),
    jane: detail(rows.jane, now),
    priya: detail(rows.priya, now),
  };
}

/** Only what a lookup answers (no history fields): the engine must cope with an older backend. */
export function summaryOnly(profile: ProfileDetail): ProfileDetail {
  const {
    openLoops,
    cases,
    interactions,
    interactionsCursor,
    recent,
    upcoming,
    tasks,
    identityRecords,
    ...rest
  } = profile;
  return rest;
}
