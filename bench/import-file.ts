import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { ImportRow } from '../lib/contract/import-row.ts';
import { syntheticProfile } from '../server/seed/synthetic.ts';

// Import files of any size for the import benchmark and the crash test: row i is a pure function of i (the
// synthetic profile i plus a short history), so two files of the same size are identical byte for byte.

const BASE = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

export function generatedRow(i: number): ImportRow {
  const { profile, identities, social } = syntheticProfile(i);
  const at = (h: number) => new Date(BASE - (i % 500) * HOUR - h * HOUR).toISOString();
  return {
    externalId: profile.external_id ?? `GEN-${i}`,
    name: profile.name,
    identities,
    loyalty:
      profile.loyalty_program && profile.loyalty_tier && profile.loyalty_tier_rank
        ? {
            program: profile.loyalty_program,
            tier: profile.loyalty_tier,
            tierRank: profile.loyalty_tier_rank,
            points: profile.loyalty_points ?? 0,
            memberSince: profile.loyalty_member_since ?? null,
          }
        : null,
    value:
      profile.value_currency && profile.value_lifetime !== null && profile.value_last12m !== null
        ? {
            currency: profile.value_currency,
            lifetime: profile.value_lifetime ?? 0,
            last12m: profile.value_last12m ?? 0,
            ordersCount: profile.value_orders_count ?? 0,
          }
        : null,
    social,
    preferences: {
      channel: profile.pref_channel ?? null,
      language: profile.pref_language ?? null,
      notes: [],
    },
    ...(i % 4 === 0 && {
      cases: [
        {
          id: `GC-${i}`,
          status: 'open',
          subject: 'Late delivery',
          openedAt: at(30),
          channels: ['web', 'email'],
        },
      ],
      interactions: [
        {
          at: at(30),
          channel: 'web',
          direction: 'inbound',
          summary: 'Where is my order?',
          caseId: `GC-${i}`,
        },
        { at: at(20), channel: 'email', direction: 'outbound', summary: 'On its way', caseId: `GC-${i}` },
      ],
      recent: [{ kind: 'order', ref: `GO-${i}`, at: at(48), summary: 'Order', status: 'delivered' }],
    }),
  } as ImportRow;
}

/** Writes rows 1..count as JSON Lines, respecting back-pressure so memory stays flat for any count. */
export async function writeImportFile(path: string, count: number, from = 1): Promise<void> {
  const out = createWriteStream(path);
  for (let i = from; i < from + count; i++) {
    if (!out.write(`${JSON.stringify(generatedRow(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
