import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { TriageSettings } from '../contract/triage.ts';
import type { Connection } from '../settings/settings-storage.ts';
import { DEFAULT_PERCENTILES, DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS } from '../triage/defaults.ts';
import { type FetchLike, getTriageSettings } from './backend-api.ts';

// The tenant's cut-offs and weights (GET /v1/triage/settings), which every badge's value band, the sidebar's
// reach class and the "Who's here" ranking use. Kept in `local:` storage so a restarted service worker has
// them at once, and in memory so a badge lookup costs no storage read. A backend without the route (older,
// or down) means the built-in defaults: a badge must never wait for, or fail on, the settings.

export type SettingsSource = 'tenant' | 'default';
export interface CurrentTriageSettings {
  settings: TriageSettings;
  source: SettingsSource;
}

const Cached = z.object({ settings: TriageSettings, backendUrl: z.string(), fetchedAt: z.number() });
type Cached = z.infer<typeof Cached>;
export const triageSettingsItem = storage.defineItem<unknown>('local:triageSettings', {
  fallback: null,
  version: 1,
});

/** Tenant settings change when a lead edits them or the distribution drifts: minutes are fresh enough. */
export const TRIAGE_SETTINGS_MAX_AGE_MS = 10 * 60_000;
/** After a failed fetch (no route, backend down) the defaults are used this long before asking again. */
export const TRIAGE_SETTINGS_RETRY_MS = 60_000;

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  percentiles: DEFAULT_PERCENTILES,
  thresholds: DEFAULT_THRESHOLDS,
  weights: DEFAULT_WEIGHTS,
  profiles: 0,
  computedAt: '1970-01-01T00:00:00.000Z',
};

export interface TriageSettingsCache {
  /** The tenant's settings for the configured backend, or the defaults; never throws, never waits twice. */
  current(): Promise<CurrentTriageSettings>;
  /** Forget them (the backend URL or token changed, a lead saved new ones). */
  clear(): void;
}

export function createTriageSettingsCache(options: {
  fetch: FetchLike;
  getConnection: () => Promise<Connection>;
  now?: () => number;
}): TriageSettingsCache {
  const now = options.now ?? Date.now;
  let memory: Cached | undefined;
  /** When the last failed fetch happened, per backend URL: defaults until the retry delay has passed. */
  let failedAt: { backendUrl: string; at: number } | undefined;
  let inFlight: Promise<CurrentTriageSettings> | undefined;
  let generation = 0;

  const fallback = (): CurrentTriageSettings => ({ settings: DEFAULT_TRIAGE_SETTINGS, source: 'default' });

  async function stored(backendUrl: string): Promise<Cached | undefined> {
    if (memory?.backendUrl === backendUrl) return memory;
    const parsed = Cached.safeParse(await triageSettingsItem.getValue().catch(() => null));
    // Settings of another backend (the agent switched) are not this tenant's.
    if (parsed.success && parsed.data.backendUrl === backendUrl) memory = parsed.data;
    return memory?.backendUrl === backendUrl ? memory : undefined;
  }

  async function refresh(connection: Connection, previous: Cached | undefined) {
    const startedIn = generation;
    const fetched = await getTriageSettings(options.fetch, connection);
    if (startedIn !== generation) return previous ? tenant(previous) : fallback();
    if (fetched.ok) {
      memory = { settings: fetched.value, backendUrl: connection.url, fetchedAt: now() };
      failedAt = undefined;
      await triageSettingsItem.setValue(memory).catch(() => undefined);
      return tenant(memory);
    }
    failedAt = { backendUrl: connection.url, at: now() };
    // The last good settings stay in use: a backend that is down for a minute has not changed its tenant.
    return previous ? tenant(previous) : fallback();
  }

  const tenant = (cached: Cached): CurrentTriageSettings => ({ settings: cached.settings, source: 'tenant' });

  async function load(): Promise<CurrentTriageSettings> {
    let connection: Connection;
    try {
      connection = await options.getConnection();
    } catch {
      return fallback();
    }
    if (!connection.token) return fallback();
    const cached = await stored(connection.url);
    const fresh = cached && now() - cached.fetchedAt <= TRIAGE_SETTINGS_MAX_AGE_MS;
    if (fresh) return tenant(cached);
    const recentlyFailed =
      failedAt?.backendUrl === connection.url && now() - failedAt.at < TRIAGE_SETTINGS_RETRY_MS;
    if (recentlyFailed) return cached ? tenant(cached) : fallback();
    if (cached) {
      // Old but usable: answer now, refresh behind it.
      inFlight ??= refresh(connection, cached).finally(() => {
        inFlight = undefined;
      });
      return tenant(cached);
    }
    inFlight ??= refresh(connection, undefined).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    current: () => load().catch(fallback),
    clear() {
      generation += 1;
      memory = undefined;
      failedAt = undefined;
      inFlight = undefined;
      void triageSettingsItem.removeValue().catch(() => undefined);
    },
  };
}
