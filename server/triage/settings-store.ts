import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import {
  type SegmentPercentiles,
  SegmentThresholds,
  type TriageSettings,
  TriageSettingsUpdate,
} from '../../lib/contract/triage.ts';
import { DEFAULT_PERCENTILES, DEFAULT_WEIGHTS } from '../../lib/triage/defaults.ts';
import type { Database } from '../db/types.ts';
import { computeThresholds } from './distribution.ts';

// Where a tenant's triage settings live, and how the distribution behind them is cached.
// - tenant_settings `triage`: what a lead chose (percentiles and weights), written by PUT /v1/settings/triage.
// - tenant_settings `triage.distribution`: the cut-offs computed from those percentiles, with the number of
//   live profiles and when; shared by every API node, so one node's computation serves all of them.
// - memory, per process: the last answer, trusted for MEMORY_MS so a burst of requests costs no query.
// The distribution is recomputed when it is older than MAX_AGE_MS (customers drift slowly; an hour-old
// percentile is as good as a fresh one), when the lead changes the percentiles, and after an import
// (markDistributionStale, called by server/import/import-rows.ts). Concurrent requests share one computation.

export const TRIAGE_KEY = 'triage';
export const DISTRIBUTION_KEY = 'triage.distribution';
export const MAX_AGE_MS = 3_600_000;
const MEMORY_MS = 60_000;

const StoredDistribution = z.object({
  percentiles: TriageSettingsUpdate.shape.percentiles,
  thresholds: SegmentThresholds,
  profiles: z.int(),
  computedAt: z.string(),
  /** Set by an import: the customers changed since. */
  stale: z.optional(z.boolean()),
});
type StoredDistribution = z.infer<typeof StoredDistribution>;

interface Cached {
  settings: TriageSettings;
  readAt: number;
}
const memory = new WeakMap<Kysely<Database>, Map<string, Cached>>();
/** Reads in progress, and background recomputations in progress, per tenant: each runs once at a time. */
const loading = new WeakMap<Kysely<Database>, Map<string, Promise<TriageSettings>>>();
const inFlight = new WeakMap<Kysely<Database>, Map<string, Promise<TriageSettings>>>();

function tenantMap<T>(map: WeakMap<Kysely<Database>, Map<string, T>>, db: Kysely<Database>): Map<string, T> {
  let m = map.get(db);
  if (!m) {
    m = new Map();
    map.set(db, m);
  }
  return m;
}

function parseJson<T>(schema: z.ZodMiniType<T>, text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    // A row edited by hand into something invalid falls back to the defaults rather than failing every read.
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readRows(db: Kysely<Database>, tenantId: string) {
  const rows = await db
    .selectFrom('tenant_settings')
    .select(['key', 'value'])
    .where('tenant_id', '=', tenantId)
    .where('key', 'in', [TRIAGE_KEY, DISTRIBUTION_KEY])
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const chosen = parseJson(TriageSettingsUpdate, byKey.get(TRIAGE_KEY)) ?? {
    percentiles: DEFAULT_PERCENTILES,
    weights: DEFAULT_WEIGHTS,
  };
  return { chosen, distribution: parseJson(StoredDistribution, byKey.get(DISTRIBUTION_KEY)) };
}

const samePercentiles = (a: SegmentPercentiles, b: SegmentPercentiles) =>
  JSON.stringify(a) === JSON.stringify(b);

async function storeDistribution(db: Kysely<Database>, tenantId: string, d: StoredDistribution) {
  const value = JSON.stringify(d);
  await db
    .insertInto('tenant_settings')
    .values({ tenant_id: tenantId, key: DISTRIBUTION_KEY, value, updated_at: d.computedAt, updated_by: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value, updated_at: d.computedAt }))
    .execute();
}

const toSettings = (chosen: TriageSettingsUpdate, d: StoredDistribution): TriageSettings => ({
  percentiles: chosen.percentiles,
  thresholds: d.thresholds,
  weights: chosen.weights,
  profiles: d.profiles,
  computedAt: d.computedAt,
});

async function recompute(
  db: Kysely<Database>,
  tenantId: string,
  chosen: TriageSettingsUpdate,
  now: Date,
): Promise<TriageSettings> {
  const computed = await computeThresholds(db, tenantId, chosen.percentiles);
  const d = { percentiles: chosen.percentiles, ...computed, computedAt: now.toISOString() };
  await storeDistribution(db, tenantId, d);
  const settings = toSettings(chosen, d);
  tenantMap(memory, db).set(tenantId, { settings, readAt: Date.now() });
  return settings;
}

/**
 * Stale while revalidate: a distribution that is old or predates an import is still served (cut-offs move
 * slowly) while one recomputation runs behind it; only a tenant with none yet, or whose lead just changed the
 * percentiles, waits for the computation (seconds on a million profiles, see distribution.ts).
 */
async function load(db: Kysely<Database>, tenantId: string, now: Date): Promise<TriageSettings> {
  const { chosen, distribution: d } = await readRows(db, tenantId);
  if (!d || !samePercentiles(d.percentiles, chosen.percentiles)) return recompute(db, tenantId, chosen, now);
  if (d.stale || now.getTime() - Date.parse(d.computedAt) > MAX_AGE_MS) {
    const pending = tenantMap(inFlight, db);
    if (!pending.has(tenantId)) {
      const running = recompute(db, tenantId, chosen, now).finally(() => pending.delete(tenantId));
      // Nobody awaits it: a failure leaves the stored copy in place and the next read tries again.
      running.catch(() => undefined);
      pending.set(tenantId, running);
    }
  }
  return toSettings(chosen, d);
}

/**
 * The tenant's triage settings with cut-offs from its own distribution: what GET /v1/triage/settings answers
 * and what analytics classify by. Cheap after the first call (see the cache above).
 */
export async function readTriageSettings(
  db: Kysely<Database>,
  tenantId: string,
  now = new Date(),
): Promise<TriageSettings> {
  const cache = tenantMap(memory, db);
  const hit = cache.get(tenantId);
  if (
    hit &&
    now.getTime() - hit.readAt < MEMORY_MS &&
    now.getTime() - Date.parse(hit.settings.computedAt) <= MAX_AGE_MS
  ) {
    return hit.settings;
  }
  const pending = tenantMap(loading, db);
  let running = pending.get(tenantId);
  if (!running) {
    running = load(db, tenantId, now).finally(() => pending.delete(tenantId));
    pending.set(tenantId, running);
  }
  const settings = await running;
  const fresher = cache.get(tenantId);
  // A background recomputation may have finished meanwhile: keep the newer of the two.
  if (!fresher || fresher.settings.computedAt <= settings.computedAt) {
    cache.set(tenantId, { settings, readAt: Date.now() });
  }
  return fresher && fresher.settings.computedAt > settings.computedAt ? fresher.settings : settings;
}

/** What the tenant would get with other percentiles and weights: computed, nothing stored. */
export async function settingsFor(
  db: Kysely<Database>,
  tenantId: string,
  update: TriageSettingsUpdate,
  now = new Date(),
): Promise<TriageSettings> {
  const computed = await computeThresholds(db, tenantId, update.percentiles);
  return { ...update, ...computed, computedAt: now.toISOString() };
}

/** Saves what a lead chose, with the distribution it implies (inside the caller's transaction). */
export async function saveTriageSettings(
  db: Kysely<Database>,
  tenantId: string,
  agentId: string,
  settings: TriageSettings,
): Promise<void> {
  const value = JSON.stringify({ percentiles: settings.percentiles, weights: settings.weights });
  await db
    .insertInto('tenant_settings')
    .values({
      tenant_id: tenantId,
      key: TRIAGE_KEY,
      value,
      updated_at: settings.computedAt,
      updated_by: agentId,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'key'])
        .doUpdateSet({ value, updated_at: settings.computedAt, updated_by: agentId }),
    )
    .execute();
  await storeDistribution(db, tenantId, {
    percentiles: settings.percentiles,
    thresholds: settings.thresholds,
    profiles: settings.profiles,
    computedAt: settings.computedAt,
  });
}

/** Forgets this process's copy (after a save, so the next read sees it). */
export function forgetCachedSettings(db: Kysely<Database>, tenantId: string): void {
  memory.get(db)?.delete(tenantId);
}

/**
 * The customers changed (an import): the stored distribution is flagged stale for every node, and the next
 * read recomputes it in the background while still answering with it. Cheap, so called after every import
 * that wrote something.
 */
export async function markDistributionStale(db: Kysely<Database>, tenantId: string): Promise<void> {
  forgetCachedSettings(db, tenantId);
  const row = await db
    .selectFrom('tenant_settings')
    .select('value')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', DISTRIBUTION_KEY)
    .executeTakeFirst();
  const d = parseJson(StoredDistribution, row?.value);
  if (!d || d.stale) return;
  await db
    .updateTable('tenant_settings')
    .set({ value: JSON.stringify({ ...d, stale: true }) })
    .where('tenant_id', '=', tenantId)
    .where('key', '=', DISTRIBUTION_KEY)
    .execute();
}

/** Resolves when this process's background recomputation for the tenant (if any) is done; for tests and CLI. */
export async function settled(db: Kysely<Database>, tenantId: string): Promise<void> {
  await inFlight
    .get(db)
    ?.get(tenantId)
    ?.catch(() => undefined);
}
