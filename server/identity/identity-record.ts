import type { Identifier } from '../../lib/contract/identifier.ts';
import { identityKey, normalizeIdentifier } from '../../lib/contract/normalize.ts';
import type { IdentityRecord } from '../../lib/contract/profile.ts';
import type { IdentityRow } from '../db/types.ts';
import { ApiError } from '../http/errors.ts';

/** E-mail, loyalty card and order number match deterministically; a handle is a human judgement. */
export const isStrong = (id: Identifier) => id.kind !== 'handle';

/** The (kind, network, value) columns of an identifier; network is '' for every kind but handles. */
export function identityColumns(id: Identifier) {
  return { kind: id.kind, network: id.kind === 'handle' ? id.network : '', value: id.value };
}

/** Normalises, and refuses an identifier that normalises to nothing (`"@"`, `"  "`, `"- -"`). */
export function normalizedOrThrow(id: Identifier, field: string): Identifier {
  const normal = normalizeIdentifier(id);
  if (normal.value === '') {
    throw new ApiError(400, 'invalid_body', `${field}.value: is empty once normalised`);
  }
  return normal;
}

export function rowIdentifier(row: Pick<IdentityRow, 'kind' | 'network' | 'value'>): Identifier {
  // Stored rows were written from validated identifiers, so a handle's network is one of SOCIAL_NETWORKS.
  return row.kind === 'handle'
    ? ({ kind: 'handle', network: row.network, value: row.value } as Identifier)
    : { kind: row.kind, value: row.value };
}

export function toIdentityRecord(row: IdentityRow): IdentityRecord {
  return {
    identifier: rowIdentifier(row),
    source: row.source,
    verified: row.verified === 1,
    linkedBy: row.linked_by,
    linkedAt: row.linked_at,
    evidence: row.evidence,
  };
}

export const keyOf = (row: Pick<IdentityRow, 'kind' | 'network' | 'value'>) =>
  identityKey(rowIdentifier(row));
