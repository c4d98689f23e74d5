import { hash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AgentRole, Database } from '../db/types.ts';

/** Tokens are stored as their SHA-256: a leaked database does not leak working credentials. */
export function hashToken(token: string): string {
  // One-shot crypto.hash(): the same SHA-256 hex as createHash().update().digest(), at a third of its cost,
  // and every request hashes its bearer token to find it in the token cache.
  return hash('sha256', token, 'hex');
}

/** 32 random bytes, base64url, with a prefix so a token pasted in the wrong place is recognisable. */
export function generateToken(): string {
  return `known_${randomBytes(32).toString('base64url')}`;
}

export interface CreateTokenInput {
  tenantId: string;
  agentName: string;
  role: AgentRole;
  /** Uses this plaintext instead of a random one (the demo seed's well-known token). */
  token?: string;
  /** Reuses this agent id when it exists (the seed's demo agent), else a new agent is created. */
  agentId?: string;
  /** The new agent's team, for the analytics team filter (migration 0005). */
  team?: string | undefined;
}

/** Creates an agent (unless it exists) and a token for it; returns the plaintext, which is never stored. */
export async function createAgentToken(
  db: Kysely<Database>,
  input: CreateTokenInput,
): Promise<{ token: string; agentId: string }> {
  const token = input.token ?? generateToken();
  const agentId = input.agentId ?? `agt_${randomUUID()}`;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('agents')
      .values({
        id: agentId,
        tenant_id: input.tenantId,
        name: input.agentName,
        role: input.role,
        created_at: now,
        team: input.team ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('api_tokens')
      .values({
        token_hash: hashToken(token),
        tenant_id: input.tenantId,
        agent_id: agentId,
        name: input.agentName,
        created_at: now,
        last_used_at: null,
      })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
  });
  return { token, agentId };
}
