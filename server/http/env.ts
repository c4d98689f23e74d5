import type { AgentRole } from '../db/types.ts';

/** Who is calling, resolved from the bearer token by the auth middleware. */
export interface Caller {
  tenantId: string;
  tenantName: string;
  agentId: string;
  agentName: string;
  role: AgentRole;
}

export type AppEnv = { Variables: { requestId: string; caller: Caller } };
