import type SQLite from 'better-sqlite3';
import type { Identifier } from '../../lib/contract/identifier.ts';
import { identityKey } from '../../lib/contract/normalize.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import {
  type SummaryFields,
  type SummaryIdentity,
  type SummarySocial,
  toSummary,
} from '../profiles/load-profiles.ts';
import type { FoundProfiles } from './found-profiles.ts';

// The lookup's reads on SQLite, written as SQL on better-sqlite3 directly rather than through Kysely: this is
// the one hot path, and Kysely's promise chain, connection mutex and result objects cost more per query than
// SQLite's own indexed read. better-sqlite3 is synchronous, so a query per identifier and per profile is no
// round trip: each statement is prepared once per database and is one index seek (identities_key,
// items_ref_key, profiles_tenant_id, identities_profile, social_accounts_profile), in raw (array) mode to
// skip building an object per row. The Kysely version of the same reads is profiles/resolve-identifiers.ts +
// load-profiles.ts, used inside a transaction and by every other caller; lookup-fast.test.ts checks both agree.
//
// Every parameter is written `+?`, not `?`. better-sqlite3 builds SQLite with SQLITE_ENABLE_STAT4, and once
// ANALYZE has written sqlite_stat4 the planner looks at the value bound to a bare `column = ?` to estimate
// rows, which marks the statement as depending on that value: binding it again (on every call, even with
// the same value) expires the statement and SQLite silently re-plans it on the next step. That re-plan cost
// 15-20 µs per statement here, 3-5 times the index seek it plans, and a 50-identifier lookup runs ~150 of
// them. `+?` is the same value to SQLite but not a bare parameter, so the planner uses sqlite_stat1's
// averages and the plan (the same index seek, see EXPLAIN QUERY PLAN) is made once, when prepared.

interface Statements {
  identity: SQLite.Statement<unknown[], string>;
  orderItem: SQLite.Statement<unknown[], string>;
  profile: SQLite.Statement<unknown[], unknown[]>;
  identities: SQLite.Statement<unknown[], unknown[]>;
  social: SQLite.Statement<unknown[], unknown[]>;
}

const prepared = new WeakMap<SQLite.Database, Statements>();

function statementsFor(sqlite: SQLite.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      identity: sqlite
        .prepare<unknown[], string>(
          'select profile_id from identities where tenant_id = +? and kind = +? and network = +? and value = +?',
        )
        .pluck(),
      orderItem: sqlite
        .prepare<unknown[], string>('select profile_id from items where tenant_id = +? and ref_key = +?')
        .pluck(),
      profile: sqlite
        .prepare<unknown[], unknown[]>(
          'select id, name, loyalty_program, loyalty_tier, loyalty_tier_rank, value_currency, value_lifetime, ' +
            'value_last12m, merged_into from profiles where tenant_id = +? and id = +?',
        )
        .raw(),
      identities: sqlite
        .prepare<unknown[], unknown[]>(
          'select kind, network, value from identities where tenant_id = +? and profile_id = +?',
        )
        .raw(),
      social: sqlite
        .prepare<unknown[], unknown[]>(
          'select network, handle, followers from social_accounts where tenant_id = +? and profile_id = +?',
        )
        .raw(),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * `read` wrapped in one read transaction: in WAL mode each statement outside a transaction takes and releases
 * its own read lock (fcntl system calls on the database and -shm files), which cost as much as the index seek
 * itself, ~150 times for a 50-identifier lookup. It also makes the hits and the summaries one consistent
 * snapshot. sqlite-batch.ts runs the lookups of one event-loop turn in one such transaction.
 */
export function sqliteReadTransaction<A extends unknown[], R>(
  sqlite: SQLite.Database,
  read: (...args: A) => R,
): (...args: A) => R {
  return sqlite.transaction(read);
}

/** One lookup's reads; call it inside sqliteReadTransaction, never while Kysely holds a transaction open. */
export function sqliteReadAll(
  sqlite: SQLite.Database,
  tenantId: string,
  identifiers: readonly Identifier[],
): FoundProfiles {
  return readAll(statementsFor(sqlite), tenantId, identifiers);
}

function readAll(s: Statements, tenantId: string, identifiers: readonly Identifier[]): FoundProfiles {
  const hits = new Map<string, string[]>();
  const profileIds = new Set<string>();
  for (const id of identifiers) {
    // PostgreSQL text cannot hold NUL, so no stored identifier has one; both databases answer alike.
    if (id.value.includes('\u0000')) continue;
    const key = identityKey(id);
    if (hits.has(key)) continue;
    const ids = s.identity.all(tenantId, id.kind, id.kind === 'handle' ? id.network : '', id.value);
    // Order numbers also live on order items: a group order can sit on two customers (resolve-identifiers.ts).
    if (id.kind === 'order') for (const p of s.orderItem.all(tenantId, id.value)) ids.push(p);
    if (ids.length === 0) continue;
    hits.set(key, ids);
    for (const p of ids) profileIds.add(p);
  }

  const summaries = new Map<string, ProfileSummary>();
  const merged = new Set<string>();
  for (const profileId of profileIds) {
    const row = s.profile.get(tenantId, profileId);
    if (!row) continue;
    if (row[8] !== null) {
      merged.add(profileId);
      continue;
    }
    const fields: SummaryFields = {
      id: row[0] as string,
      name: row[1] as string,
      loyalty_program: row[2] as string | null,
      loyalty_tier: row[3] as string | null,
      loyalty_tier_rank: row[4] as number | null,
      value_currency: row[5] as string | null,
      value_lifetime: row[6] as number | null,
      value_last12m: row[7] as number | null,
    };
    const identities = s.identities.all(tenantId, profileId).map(
      (r): SummaryIdentity => ({
        kind: r[0] as SummaryIdentity['kind'],
        network: r[1] as string,
        value: r[2] as string,
      }),
    );
    const social = s.social.all(tenantId, profileId).map(
      (r): SummarySocial => ({
        network: r[0] as string,
        handle: r[1] as string,
        followers: r[2] as number,
      }),
    );
    summaries.set(profileId, toSummary(fields, identities, social));
  }
  return { hits, summaries, merged };
}
