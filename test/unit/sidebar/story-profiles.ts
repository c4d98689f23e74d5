import type { ProfileDetail } from '../../../lib/contract/profile.ts';

// Sofia (DESIGN.md story 1) and Mary (story 3) as GET /v1/profiles/{id} answers, dated relative to `now`.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function sofiaDetail(now: Date): ProfileDetail {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const ahead = (ms: number) => new Date(now.getTime() + ms).toISOString();
  return {
    id: 'p-sofia',
    externalId: 'SK-204816',
    name: 'Sofia Reyes',
    tier: { program: 'Skyward', name: 'Gold', rank: 2 },
    value: { currency: 'USD', lifetime: 48200, last12m: 9850 },
    identities: [
      { kind: 'email', value: 'sofia.reyes@example.com' },
      { kind: 'handle', network: 'x', value: 'sofiaflies' },
      { kind: 'loyalty', value: 'SK-204816' },
    ],
    social: [{ network: 'x', handle: 'sofiaflies', followers: 412 }],
    reach: { followers: 412 },
    loyalty: { program: 'Skyward', tier: 'Gold', tierRank: 2, points: 48210, memberSince: '2011-04-02' },
    preferences: { channel: 'email', language: 'en', notes: ['Travels with her husband', 'Aisle seat'] },
    ordersCount: 64,
    openLoops: [
      {
        kind: 'open_case',
        summary: 'Bags did not arrive on XX123',
        since: ago(2 * HOUR),
        channel: 'twitter',
        caseId: 'C-7701',
        dueAt: null,
        overdue: false,
      },
    ],
    cases: [
      {
        id: 'C-7701',
        status: 'open',
        subject: 'Bags did not arrive on XX123',
        openedAt: ago(2 * HOUR),
        channels: ['twitter'],
        promisedBy: null,
      },
    ],
    interactions: [
      {
        id: 'i-2',
        at: ago(HOUR),
        channel: 'twitter',
        direction: 'inbound',
        summary: 'Waited for nearly two hours and bags never arrived.',
        caseId: 'C-7701',
        sentiment: 'negative',
        contactRequested: false,
        agent: null,
      },
      {
        id: 'i-1',
        at: ago(2 * HOUR),
        channel: 'twitter',
        direction: 'inbound',
        summary: 'Passengers have waited over an hour for their bags.',
        caseId: 'C-7701',
        sentiment: 'negative',
        contactRequested: false,
        agent: null,
      },
    ],
    recent: [{ kind: 'flight', ref: 'XX123', at: ago(DAY), summary: 'AMS → SEA', status: 'landed' }],
    upcoming: [{ kind: 'flight', ref: 'XX456', at: ahead(9 * DAY), summary: 'SEA → AMS', status: 'booked' }],
  };
}

export function maryDetail(now: Date): ProfileDetail {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const interaction = (
    id: string,
    msAgo: number,
    channel: 'web' | 'twitter' | 'email',
    direction: 'inbound' | 'outbound',
    summary: string,
  ) => ({
    id,
    at: ago(msAgo),
    channel,
    direction,
    summary,
    caseId: 'C-9001',
    sentiment: null,
    contactRequested: false,
    agent: null,
  });
  return {
    id: 'p-mary',
    externalId: 'DP-778201',
    name: 'Mary Okafor',
    tier: { program: 'DeskPro Rewards', name: 'Plus', rank: 2 },
    value: { currency: 'USD', lifetime: 6400, last12m: 1200 },
    identities: [{ kind: 'email', value: 'mary.okafor@example.org' }],
    social: [{ network: 'x', handle: 'maryokafor', followers: 890 }],
    reach: { followers: 890 },
    loyalty: null,
    preferences: { channel: 'email', language: 'en', notes: [] },
    openLoops: [
      {
        kind: 'broken_promise',
        summary: 'We promised to reply by e-mail',
        since: ago(61 * DAY),
        channel: 'email',
        caseId: 'C-9001',
        dueAt: ago(60 * DAY),
        overdue: true,
      },
    ],
    cases: [
      {
        id: 'C-9001',
        status: 'open',
        subject: 'Invoice charged twice',
        openedAt: ago(62 * DAY),
        channels: ['web', 'twitter', 'email'],
        promisedBy: ago(60 * DAY),
      },
    ],
    interactions: [
      interaction('m-3', 61 * DAY, 'email', 'inbound', 'Sent the invoice details as asked'),
      interaction('m-2', 61 * DAY + 3 * HOUR, 'twitter', 'outbound', "Let's move to e-mail"),
      interaction('m-1', 62 * DAY, 'web', 'inbound', 'Contact form: charged twice'),
    ],
    recent: [],
    upcoming: [],
  };
}
