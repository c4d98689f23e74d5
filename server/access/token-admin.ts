import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

// `token list` and `token revoke` for the CLI. A token is named by the first 12 hex characters of its
// SHA-256 (what the database holds): enough to tell tokens apart, useless as a credential.

export const TOKEN_ID_LENGTH = 12;

export interface TokenListing {
  id: string;
  tenantId: string;
  agentId: string;
  agentName: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listTokens(
  db: Kysely<Database>,
  tenantId?: string,
  hashPrefix?: string,
): Promise<(TokenListing & { hash: string })[]> {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('agents as a', 'a.id', 't.agent_id')
    .select([
      't.token_hash',
      't.tenant_id',
      'a.id as agent_id',
      'a.name',
      'a.role',
      't.created_at',
      't.last_used_at',
    ])
    .orderBy('t.created_at');
  if (tenantId) q = q.where('t.tenant_id', '=', tenantId);
  if (hashPrefix) q = q.where('t.token_hash', 'like', `${hashPrefix}%`);
  const rows = await q.execute();
  return rows.map((r) => ({
    hash: r.token_hash,
    id: r.token_hash.slice(0, TOKEN_ID_LENGTH),
    tenantId: r.tenant_id,
    agentId: r.agent_id,
    agentName: r.name,
    role: r.role,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Deletes the one token whose hash starts with `id`; refuses an ambiguous or unknown id. */
export async function revokeToken(db: Kysely<Database>, id: string): Promise<TokenListing> {
  if (!/^[0-9a-f]{8,64}$/.test(id))
    throw new Error('--id must be 8 to 64 lowercase hex characters (see token list)');
  const matches = (await listTokens(db, undefined, id)).filter((t) => t.hash.startsWith(id));
  if (matches.length === 0) throw new Error(`no token with id ${id}`);
  if (matches.length > 1) throw new Error(`id ${id} matches ${matches.length} tokens; give more characters`);
  const [match] = matches as [TokenListing & { hash: string }];
  await db.deleteFrom('api_tokens').where('token_hash', '=', match.hash).execute();
  const { hash: _hash, ...listing } = match;
  return listing;
}
