import type { Kysely, Transaction } from 'kysely';
import { type ImportReport, ImportRow } from '../../lib/contract/import-row.ts';
import { identityKey, normalizeIdentifier } from '../../lib/contract/normalize.ts';
import { refreshAnswers } from '../analytics/answer-columns.ts';
import { chunks } from '../db/chunks.ts';
import type { Database, IdentitiesTable } from '../db/types.ts';
import { markDistributionStale } from '../triage/settings-store.ts';
import { statisticsRefresher } from './refresh-statistics.ts';
import { firstIssue } from './row-issues.ts';
import { profileIdFor, type RowRecords, rowHash, rowRecords } from './row-records.ts';
import type { SourceRow } from './source-row.ts';

// The one import path: the CLI, POST /v1/import and the demo seed all stream rows through importRows().
// Rows are validated one by one and written in batches, one transaction per batch, so memory stays flat
// whatever the file's size and a crash loses at most the batch in flight, which the next run writes again.

export type Rejection = ImportReport['rejected'][number];

export interface ImportProgress {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  tenantId: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** The id a NEW profile gets; default a hash of (tenant, externalId). Existing profiles keep theirs. */
  profileIdFor?: (externalId: string) => string | undefined;
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called for every rejected row, as it is rejected (the CLI prints them while a long file runs). */
  onRejected?: (rejection: Rejection) => void;
  /** How many rejections the returned report keeps (the rest are only counted). Default: all. */
  keepRejected?: number;
  now?: () => string;
  /** Renames a failing field path for the report (CSV names the column). */
  fieldName?: (path: string) => string;
}

export interface ImportResult extends ImportReport {
  /** Every rejected row, also those beyond `keepRejected`. */
  rejectedTotal: number;
}

interface Candidate {
  line: number;
  row: ImportRow;
  hash: string;
}

interface Planned extends Candidate {
  records: RowRecords;
  existed: boolean;
}

/** Values per IN list: far below SQLite's and PostgreSQL's bound-parameter limits. */
const IN_CHUNK = 1000;
/** Rows per multi-row INSERT: ~15 columns × 500 stays under every dialect's parameter limit. */
const INSERT_CHUNK = 500;

export async function importRows(
  db: Kysely<Database>,
  source: AsyncIterable<SourceRow>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const batchSize = opts.batchSize ?? 500;
  const keep = opts.keepRejected ?? Number.POSITIVE_INFINITY;
  const now = opts.now ?? (() => new Date().toISOString());
  const report: ImportResult = {
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedTotal: 0,
  };

  const reject = (line: number, field: string, reason: string) => {
    const rejection = { line, field, reason };
    report.rejectedTotal++;
    if (report.rejected.length < keep) report.rejected.push(rejection);
    opts.onRejected?.(rejection);
  };

  let batch: Candidate[] = [];
  let inBatch = new Set<string>();
  const refreshStatistics = statisticsRefresher(db);
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    inBatch = new Set();
    await writeBatch(db, opts, current, report, reject, now());
    await refreshStatistics(report.created + report.updated);
    opts.onProgress?.({
      read: report.read,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejectedTotal,
    });
  };

  for await (const source_ of source) {
    report.read++;
    if ('error' in source_) {
      reject(source_.line, source_.error.field, source_.error.reason);
      continue;
    }
    const parsed = ImportRow.safeParse(source_.value);
    if (!parsed.success) {
      const { field, reason } = firstIssue(parsed.error.issues, source_.value);
      reject(source_.line, opts.fieldName?.(field) ?? field, reason);
      continue;
    }
    // The same externalId twice in one batch: write the first before reading the second, so the second is
    // an update of the first, exactly as if they had come in two files.
    if (inBatch.has(parsed.data.externalId)) await flush();
    batch.push({ line: source_.line, row: parsed.data, hash: rowHash(parsed.data) });
    inBatch.add(parsed.data.externalId);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // New or changed customers move the tenant's percentiles: the triage cut-offs are recomputed on next read.
  if (report.created + report.updated > 0) await markDistributionStale(db, opts.tenantId);
  // Conflicts are found when a batch is written, after later lines were parsed: report in file order.
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

async function writeBatch(
  db: Kysely<Database>,
  opts: ImportOptions,
  batch: Candidate[],
  report: ImportResult,
  reject: (line: number, field: string, reason: string) => void,
  now: string,
): Promise<void> {
  const { tenantId } = opts;
  const existing = new Map<string, { id: string; import_hash: string | null; merged_into: string | null }>();
  for (const part of chunks(
    batch.map((c) => c.row.externalId),
    IN_CHUNK,
  )) {
    const rows = await db
      .selectFrom('profiles')
      .select(['id', 'external_id', 'import_hash', 'merged_into'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows) if (r.external_id !== null) existing.set(r.external_id, r);
  }

  const planned: Planned[] = [];
  for (const c of batch) {
    const found = existing.get(c.row.externalId);
    if (found?.merged_into) {
      reject(
        c.line,
        'externalId',
        `profile ${found.id} was merged into ${found.merged_into}; import this customer under the surviving profile's externalId`,
      );
      continue;
    }
    if (found && found.import_hash === c.hash) {
      report.unchanged++;
      continue;
    }
    const id = found?.id ?? opts.profileIdFor?.(c.row.externalId) ?? profileIdFor(tenantId, c.row.externalId);
    planned.push({ ...c, records: rowRecords(tenantId, id, c.row, c.hash), existed: found !== undefined });
  }
  if (planned.length === 0) return;

  const accepted = await withoutConflicts(db, tenantId, planned, reject);
  if (accepted.length === 0) return;
  try {
    await db.transaction().execute((trx) => writeRecords(trx, tenantId, accepted, now));
  } catch {
    // Something the checks above did not foresee (a concurrent writer, a value the database refuses): write
    // row by row so one bad row cannot keep its batch out, and report the one that fails.
    for (const p of accepted) {
      try {
        await db.transaction().execute((trx) => writeRecords(trx, tenantId, [p], now));
      } catch (err) {
        reject(
          p.line,
          'row',
          `could not be stored: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`,
        );
        continue;
      }
      count(report, p);
    }
    return;
  }
  for (const p of accepted) count(report, p);
}

function count(report: ImportResult, p: Planned) {
  if (p.existed) report.updated++;
  else report.created++;
}

/**
 * Drops (and reports) rows that would take an identifier or a case away from another profile: an import
 * never moves an identity silently; unlinking it there is an agent's decision (issue 3 point 3).
 */
async function withoutConflicts(
  db: Kysely<Database>,
  tenantId: string,
  planned: Planned[],
  reject: (line: number, field: string, reason: string) => void,
): Promise<Planned[]> {
  const owners = new Map<string, { profileId: string; externalId: string | null }>();
  // One query per (kind, network) present, so each is a seek on the (tenant, kind, network, value) index;
  // filtering on value alone would scan the tenant's identities once per batch.
  const byKind = new Map<string, { kind: IdentitiesTable['kind']; network: string; values: Set<string> }>();
  for (const p of planned) {
    for (const i of p.records.identities) {
      const k = `${i.kind}:${i.network}`;
      const group = byKind.get(k) ?? { kind: i.kind, network: i.network, values: new Set() };
      group.values.add(i.value);
      byKind.set(k, group);
    }
  }
  for (const group of byKind.values()) {
    for (const part of chunks([...group.values], IN_CHUNK)) {
      const rows = await db
        .selectFrom('identities as i')
        .innerJoin('profiles as p', 'p.id', 'i.profile_id')
        .select(['i.kind', 'i.network', 'i.value', 'i.profile_id', 'p.external_id'])
        .where('i.tenant_id', '=', tenantId)
        .where('i.kind', '=', group.kind)
        .where('i.network', '=', group.network)
        .where('i.value', 'in', part)
        .execute();
      for (const r of rows) {
        const key = r.kind === 'handle' ? `handle:${r.network}:${r.value}` : `${r.kind}:${r.value}`;
        owners.set(key, { profileId: r.profile_id, externalId: r.external_id });
      }
    }
  }
  const caseOwners = new Map<string, { profileId: string; externalId: string | null }>();
  const caseIds = [...new Set(planned.flatMap((p) => p.records.cases.map((c) => c.external_id)))];
  for (const part of chunks(caseIds, IN_CHUNK)) {
    const rows = await db
      .selectFrom('cases as c')
      .innerJoin('profiles as p', 'p.id', 'c.profile_id')
      .select(['c.external_id', 'c.profile_id', 'p.external_id as profile_external_id'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.external_id', 'in', part)
      .execute();
    for (const r of rows)
      caseOwners.set(r.external_id, { profileId: r.profile_id, externalId: r.profile_external_id });
  }

  const accepted: Planned[] = [];
  const claimed = new Map<string, string>();
  const claimedCases = new Map<string, string>();
  for (const p of planned) {
    const conflict = identityConflict(p, owners, claimed) ?? caseConflict(p, caseOwners, claimedCases);
    if (conflict) {
      reject(p.line, conflict.field, conflict.reason);
      continue;
    }
    for (const i of p.row.identities) claimed.set(identityKey(normalizeIdentifier(i)), p.row.externalId);
    for (const c of p.row.cases ?? []) claimedCases.set(c.id, p.row.externalId);
    accepted.push(p);
  }
  return accepted;
}

function identityConflict(
  p: Planned,
  owners: Map<string, { profileId: string; externalId: string | null }>,
  claimed: Map<string, string>,
): { field: string; reason: string } | undefined {
  const self = p.records.profile.id;
  for (const [index, raw] of p.row.identities.entries()) {
    const key = identityKey(normalizeIdentifier(raw));
    const owner = owners.get(key);
    const other =
      owner && owner.profileId !== self ? (owner.externalId ?? owner.profileId) : claimed.get(key);
    if (other !== undefined && other !== p.row.externalId) {
      return {
        field: `identities[${index}]`,
        reason: `this ${raw.kind} is already linked to another profile (externalId ${other}); unlink it there first`,
      };
    }
  }
  return undefined;
}

function caseConflict(
  p: Planned,
  owners: Map<string, { profileId: string; externalId: string | null }>,
  claimed: Map<string, string>,
): { field: string; reason: string } | undefined {
  const self = p.records.profile.id;
  for (const [index, c] of (p.row.cases ?? []).entries()) {
    const owner = owners.get(c.id);
    const other =
      owner && owner.profileId !== self ? (owner.externalId ?? owner.profileId) : claimed.get(c.id);
    if (other !== undefined && other !== p.row.externalId) {
      return {
        field: `cases[${index}].id`,
        reason: `case ${c.id} belongs to another profile (externalId ${other})`,
      };
    }
  }
  return undefined;
}

/** Upserts the profiles and replaces their imported children; rows an agent created are left alone. */
async function writeRecords(trx: Transaction<Database>, tenantId: string, planned: Planned[], now: string) {
  for (const part of chunks(planned, INSERT_CHUNK)) {
    await trx
      .insertInto('profiles')
      .values(part.map((p) => ({ ...p.records.profile, created_at: now, updated_at: now })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          external_id: eb.ref('excluded.external_id'),
          name: eb.ref('excluded.name'),
          loyalty_program: eb.ref('excluded.loyalty_program'),
          loyalty_tier: eb.ref('excluded.loyalty_tier'),
          loyalty_tier_rank: eb.ref('excluded.loyalty_tier_rank'),
          loyalty_points: eb.ref('excluded.loyalty_points'),
          loyalty_member_since: eb.ref('excluded.loyalty_member_since'),
          loyalty_tier_expires_at: eb.ref('excluded.loyalty_tier_expires_at'),
          value_currency: eb.ref('excluded.value_currency'),
          value_lifetime: eb.ref('excluded.value_lifetime'),
          value_last12m: eb.ref('excluded.value_last12m'),
          value_orders_count: eb.ref('excluded.value_orders_count'),
          value_last_order_at: eb.ref('excluded.value_last_order_at'),
          pref_channel: eb.ref('excluded.pref_channel'),
          pref_language: eb.ref('excluded.pref_language'),
          pref_notes: eb.ref('excluded.pref_notes'),
          import_hash: eb.ref('excluded.import_hash'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  const replaced = planned.filter((p) => p.existed).map((p) => p.records.profile.id);
  for (const ids of chunks(replaced, IN_CHUNK)) {
    await trx
      .deleteFrom('identities')
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .where('source', '=', 'import')
      .execute();
    await trx
      .deleteFrom('social_accounts')
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .execute();
    await trx.deleteFrom('cases').where('tenant_id', '=', tenantId).where('profile_id', 'in', ids).execute();
    await trx
      .deleteFrom('interactions')
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .where('type', '=', 'imported')
      .execute();
    await trx.deleteFrom('items').where('tenant_id', '=', tenantId).where('profile_id', 'in', ids).execute();
  }

  const identities = planned.flatMap((p) =>
    p.records.identities.map((i) => ({ ...i, created_at: now, linked_at: now })),
  );
  for (const rows of chunks(identities, INSERT_CHUNK)) {
    // An identifier an agent already linked to this same profile keeps its provenance.
    await trx
      .insertInto('identities')
      .values(rows)
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'network', 'value']).doNothing())
      .execute();
  }
  const social = planned.flatMap((p) => p.records.social.map((s) => ({ ...s, updated_at: now })));
  for (const rows of chunks(social, INSERT_CHUNK))
    await trx.insertInto('social_accounts').values(rows).execute();
  const cases = planned.flatMap((p) => p.records.cases.map((c) => ({ ...c, updated_at: now })));
  for (const rows of chunks(cases, INSERT_CHUNK)) await trx.insertInto('cases').values(rows).execute();
  const interactions = planned.flatMap((p) => p.records.interactions.map((i) => ({ ...i, created_at: now })));
  for (const rows of chunks(interactions, INSERT_CHUNK))
    await trx.insertInto('interactions').values(rows).execute();
  // A re-imported profile keeps the interactions agents logged: its answers are recomputed over both.
  await refreshAnswers(trx, tenantId, replaced);
  const items = planned.flatMap((p) => p.records.items);
  for (const rows of chunks(items, INSERT_CHUNK)) await trx.insertInto('items').values(rows).execute();
}
