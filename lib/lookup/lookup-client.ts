import type { Identifier } from '../contract/identifier.ts';
import {
  type LookupResponse,
  LookupResponse as LookupResponseSchema,
  MAX_LOOKUP_BATCH,
} from '../contract/lookup.ts';
import { identityKey, normalizeIdentifier } from '../contract/normalize.ts';
import type { ProfileSummary } from '../contract/profile.ts';
import type { Failure } from '../messaging/schemas.ts';
import type { Connection } from '../settings/settings-storage.ts';
import { callBackend, type FetchLike } from './backend-api.ts';

/** What the background knows about one identifier after asking the backend. */
export type LookupOutcome =
  | { status: 'matched'; identifier: Identifier; profile: ProfileSummary }
  | { status: 'ambiguous'; identifier: Identifier; candidates: ProfileSummary[] }
  | { status: 'unknown'; identifier: Identifier }
  | { status: 'error'; identifier: Identifier; error: Failure };

export interface LookupClientOptions {
  fetch: FetchLike;
  getConnection: () => Promise<Connection>;
  /** Requests arriving within this window share one POST. */
  batchWindowMs?: number;
  /** How long a matched/unknown answer is reused. Errors are never cached. */
  cacheTtlMs?: number;
  maxBatch?: number;
  now?: () => number;
}

export interface LookupClient {
  /** One outcome per identifier, in the same order; identical identifiers are asked for once. */
  lookup(identifiers: Identifier[], pageOrigin?: string): Promise<LookupOutcome[]>;
  /** Forget cached answers (after the backend URL or token changed). */
  clear(): void;
}

interface Pending {
  identifier: Identifier;
  resolve: (outcome: LookupOutcome) => void;
}

export function createLookupClient(options: LookupClientOptions): LookupClient {
  const batchWindowMs = options.batchWindowMs ?? 5;
  const cacheTtlMs = options.cacheTtlMs ?? 60_000;
  const maxBatch = Math.min(options.maxBatch ?? MAX_LOOKUP_BATCH, MAX_LOOKUP_BATCH);
  const now = options.now ?? Date.now;

  const cache = new Map<string, { outcome: LookupOutcome; expires: number }>();
  const inFlight = new Map<string, Promise<LookupOutcome>>();
  // Keyed by page origin, because one POST carries one `context.pageOrigin` for the audit log.
  let queue = new Map<string, Map<string, Pending>>();
  let flushScheduled = false;
  let generation = 0;

  function cached(key: string): LookupOutcome | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (entry.expires > now()) return entry.outcome;
    cache.delete(key);
    return undefined;
  }

  function enqueue(key: string, identifier: Identifier, origin: string): Promise<LookupOutcome> {
    const promise = new Promise<LookupOutcome>((resolve) => {
      let group = queue.get(origin);
      if (!group) {
        group = new Map();
        queue.set(origin, group);
      }
      group.set(key, { identifier, resolve });
    });
    inFlight.set(key, promise);
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, batchWindowMs);
    }
    return promise;
  }

  function flush() {
    flushScheduled = false;
    const groups = queue;
    queue = new Map();
    for (const [origin, group] of groups) {
      const entries = [...group];
      for (let i = 0; i < entries.length; i += maxBatch) {
        void send(entries.slice(i, i + maxBatch), origin);
      }
    }
  }

  async function send(entries: [string, Pending][], origin: string) {
    const startedIn = generation;
    const settle = (key: string, pending: Pending, outcome: LookupOutcome) => {
      inFlight.delete(key);
      if (outcome.status !== 'error' && startedIn === generation) {
        cache.set(key, { outcome, expires: now() + cacheTtlMs });
      }
      pending.resolve(outcome);
    };

    let connection: Connection;
    try {
      connection = await options.getConnection();
    } catch {
      connection = { url: '', token: null };
    }
    const result = await callBackend(options.fetch, connection, {
      method: 'POST',
      path: '/v1/lookup',
      body: {
        identifiers: entries.map(([, pending]) => pending.identifier),
        ...(origin ? { context: { pageOrigin: origin } } : {}),
      },
      schema: LookupResponseSchema,
    });
    const results: LookupResponse['results'] | undefined = result.ok ? result.value.results : undefined;
    const byKey = new Map(
      (results ?? []).map((item) => [identityKey(normalizeIdentifier(item.identifier)), item] as const),
    );

    for (const [key, pending] of entries) {
      if (!result.ok) {
        settle(key, pending, { status: 'error', identifier: pending.identifier, error: result.error });
        continue;
      }
      const item = byKey.get(key);
      if (!item) {
        settle(key, pending, {
          status: 'error',
          identifier: pending.identifier,
          error: { code: 'bad_response', message: 'The backend left an identifier unanswered.' },
        });
      } else if (item.status === 'matched') {
        settle(key, pending, { status: 'matched', identifier: pending.identifier, profile: item.profile });
      } else if (item.status === 'ambiguous') {
        settle(key, pending, {
          status: 'ambiguous',
          identifier: pending.identifier,
          candidates: item.candidates,
        });
      } else {
        settle(key, pending, { status: 'unknown', identifier: pending.identifier });
      }
    }
  }

  return {
    lookup(identifiers, pageOrigin = '') {
      return Promise.all(
        identifiers.map((raw) => {
          const identifier = normalizeIdentifier(raw);
          const key = identityKey(identifier);
          const hit = cached(key);
          if (hit) return Promise.resolve(hit);
          return inFlight.get(key) ?? enqueue(key, identifier, pageOrigin);
        }),
      );
    },
    clear() {
      generation += 1;
      cache.clear();
    },
  };
}
