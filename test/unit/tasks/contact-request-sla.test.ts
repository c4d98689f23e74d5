import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../lib/contract/tasks.ts';
import { openLoops } from '../../../server/profiles/open-loops.ts';
import { DEFAULT_SLA, slaDueAt } from '../../../server/tasks/sla.ts';

// A contact request's open loop and the follow-up task an agent creates for it are due on one SLA: the
// defaults and the rank → hours rule live in server/tasks/sla.ts only.

const at = '2026-11-20T09:00:00.000Z';
const HOUR = 3_600_000;

function contactRequestDue(sla: SlaPolicy, tierRank: number | null): string | null {
  const [loop] = openLoops({
    now: new Date(at),
    tierRank,
    sla,
    contactRequests: [{ at, channel: 'email', summary: 'call me', case_id: null }],
    lastOutboundAt: null,
    cases: [],
    tasks: [],
  });
  return loop?.dueAt ?? null;
}

const hoursAfter = (iso: string | null) => (Date.parse(iso ?? '') - Date.parse(at)) / HOUR;

describe('contact-request SLA = task SLA', () => {
  it('defaults: rank 1 → 2 h, 2 → 8 h, 3 → 24 h, 4 → 48 h, untiered → 72 h (as before the merge of the two)', () => {
    const expected: [number | null, number][] = [
      [1, 2],
      [2, 8],
      [3, 24],
      [4, 48],
      [null, 72],
    ];
    for (const [rank, hours] of expected) {
      expect(hoursAfter(contactRequestDue(DEFAULT_SLA, rank))).toBe(hours);
    }
  });

  it('every rank and a tenant policy give the loop the same due time as a task created at the request', () => {
    const tenant: SlaPolicy = { hoursByTierRank: { '1': 1, '2': 4 }, otherTiersHours: 12, untieredHours: 36 };
    for (const sla of [DEFAULT_SLA, tenant]) {
      for (const rank of [1, 2, 3, 4, 5, 9, null]) {
        expect(contactRequestDue(sla, rank)).toBe(slaDueAt(sla, { loyalty_tier_rank: rank }, new Date(at)));
      }
    }
    expect(hoursAfter(contactRequestDue(tenant, 7))).toBe(12);
  });
});
