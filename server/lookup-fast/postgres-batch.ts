import type pg from 'pg';
import type { Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { FoundProfiles } from './found-profiles.ts';
import { postgresReadProfiles } from './postgres-lookup.ts';

// Concurrent lookups on PostgreSQL share one query. Under load most of a lookup's cost on PostgreSQL was per
// round trip, not per identifier: the pg client's work in Node (encode, pool checkout, parse, events) and the
// server's per-statement work (bind, executor start-up, the JSON wrapping) — measured here at ~185 µs of
// backend CPU and ~200 µs of Node CPU for a one-identifier query against ~800 µs and ~360 µs for sixteen
// identifiers in one. So lookups that arrive in the same event-loop turn, or while earlier queries are still
// out, wait for the next query and go together: the identifiers of all of them (per tenant, deduplicated) as
// one read, whose hits and profiles are then handed back to each lookup for its own identifiers only. The
// read is keyed by identifier, so one lookup's answer is the same whether it went alone or with others. A
// quiet server sends each lookup on its own, one event-loop turn later.

/** Reads out at once; more lookups arriving meanwhile wait and go together in the next one. */
const MAX_IN_FLIGHT = 2;
/** Identifiers per read: bounds one statement's arrays and its answer (a lookup holds at most 100). */
const MAX_IDENTIFIERS_PER_READ = 2_000;

interface Waiting {
  identifiers: readonly Identifier[];
  resolve: (found: FoundProfiles) => void;
  reject: (err: unknown) => void;
}

/** What one lookup asked for, out of a read made for several. */
function share(all: FoundProfiles, identifiers: readonly Identifier[]): FoundProfiles {
  const hits = new Map<string, string[]>();
  const summaries = new Map<string, ProfileSummary>();
  const merged = new Set<string>();
  for (const id of identifiers) {
    const key = identityKey(id);
    const ids = all.hits.get(key);
    if (!ids || hits.has(key)) continue;
    hits.set(key, ids);
    for (const profileId of ids) {
      const summary = all.summaries.get(profileId);
      if (summary) summaries.set(profileId, summary);
      else if (all.merged.has(profileId)) merged.add(profileId);
    }
  }
  return { hits, summaries, merged };
}

class LookupBatcher {
  #waiting = new Map<string, Waiting[]>();
  #inFlight = 0;
  #scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  find(tenantId: string, identifiers: readonly Identifier[]): Promise<FoundProfiles> {
    return new Promise((resolve, reject) => {
      const list = this.#waiting.get(tenantId);
      const waiting = { identifiers, resolve, reject };
      if (list) list.push(waiting);
      else this.#waiting.set(tenantId, [waiting]);
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#waiting.size === 0) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: every request whose bytes arrived in this turn is parsed first.
    setImmediate(() => {
      this.#scheduled = false;
      this.#send();
    });
  }

  #send() {
    const [tenantId, list] = this.#waiting.entries().next().value ?? [];
    if (tenantId === undefined || !list) return;
    const batch: Waiting[] = [];
    const identifiers: Identifier[] = [];
    const keys = new Set<string>();
    while (list.length > 0) {
      const next = list[0] as Waiting;
      if (batch.length > 0 && identifiers.length + next.identifiers.length > MAX_IDENTIFIERS_PER_READ) break;
      list.shift();
      batch.push(next);
      for (const id of next.identifiers) {
        const key = identityKey(id);
        if (keys.has(key)) continue;
        keys.add(key);
        identifiers.push(id);
      }
    }
    if (list.length === 0) this.#waiting.delete(tenantId);
    this.#inFlight++;
    postgresReadProfiles(this.pool, tenantId, identifiers)
      .then(
        (all) => {
          for (const w of batch) w.resolve(batch.length === 1 ? all : share(all, w.identifiers));
        },
        (err: unknown) => {
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        this.#inFlight--;
        this.#schedule();
      });
    // Another tenant, or what did not fit, may go out beside it.
    this.#schedule();
  }
}

const batchers = new WeakMap<pg.Pool, LookupBatcher>();

/** The lookup's read on PostgreSQL, sharing its query with the lookups around it (see above). */
export function postgresFindProfiles(
  pool: pg.Pool,
  tenantId: string,
  identifiers: readonly Identifier[],
): Promise<FoundProfiles> {
  let batcher = batchers.get(pool);
  if (!batcher) {
    batcher = new LookupBatcher(pool);
    batchers.set(pool, batcher);
  }
  return batcher.find(tenantId, identifiers);
}
