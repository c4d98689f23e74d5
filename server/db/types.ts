import type { Insertable, Selectable } from 'kysely';

// Column types are chosen so both dialects behave the same: times are ISO-8601 text, booleans are 0/1
// integers, money is double precision, lists are JSON text. Nothing depends on a dialect-specific type.

export interface TenantsTable {
  id: string;
  name: string;
  created_at: string;
}

export type AgentRole = 'agent' | 'lead' | 'admin';

export interface AgentsTable {
  id: string;
  tenant_id: string;
  name: string;
  role: AgentRole;
  created_at: string;
  /** The agent's team (migration 0005), for the analytics team filter; null when in none. */
  team: string | null;
}

export interface ApiTokensTable {
  /** SHA-256 of the token, lowercase hex. The plaintext is shown once and never stored. */
  token_hash: string;
  tenant_id: string;
  agent_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ProfilesTable {
  id: string;
  tenant_id: string;
  external_id: string | null;
  name: string;
  loyalty_program: string | null;
  loyalty_tier: string | null;
  loyalty_tier_rank: number | null;
  loyalty_points: number | null;
  loyalty_member_since: string | null;
  value_currency: string | null;
  value_lifetime: number | null;
  value_last12m: number | null;
  value_orders_count: number | null;
  pref_channel: string | null;
  pref_language: string | null;
  /** JSON array of strings. */
  pref_notes: string;
  created_at: string;
  updated_at: string;
  /** Set when this profile was merged into another: its old id answers with where it went. */
  merged_into: string | null;
  loyalty_tier_expires_at: string | null;
  value_last_order_at: string | null;
  /** SHA-256 of the last imported row (migration 0003): an unchanged re-import writes nothing. */
  import_hash: string | null;
  /**
   * Followers summed over the profile's social accounts, null when it has none (migration 0008). Kept by
   * triggers on social_accounts: never write it. A bigint, so PostgreSQL hands it over as a string.
   */
  social_followers: number | string | null;
}

export interface IdentitiesTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  kind: 'email' | 'handle' | 'loyalty' | 'order';
  /** The social network for handles; '' for every other kind, so the unique key never holds a NULL. */
  network: string;
  /** Normalised with lib/contract/normalize.ts. */
  value: string;
  source: string;
  verified: number;
  created_at: string;
  linked_by: string | null;
  linked_at: string | null;
  evidence: string | null;
  confidence: number | null;
}

export interface SocialAccountsTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  network: string;
  handle: string;
  followers: number;
  updated_at: string;
}

/** Audited writes (server/access/audit-writes.ts). */
export type AuditWriteAction =
  | 'identity.link'
  | 'identity.unlink'
  | 'merge'
  | 'merge.undo'
  | 'task.create'
  | 'task.update'
  | 'interaction.create'
  | 'settings.update'
  | 'search'
  /** A lead's read of the attention analytics (issue 6): which profiles the answer revealed. */
  | 'analytics.read';

export interface AuditLogTable {
  id: string;
  tenant_id: string;
  agent_id: string;
  at: string;
  action: 'lookup' | 'profile.read' | AuditWriteAction;
  /** JSON array of SHA-256 hashes of the identity keys asked for: what was asked, without the PII itself. */
  identifier_hashes: string;
  /** JSON array of the profile ids the answer revealed. */
  profile_ids: string;
  page_origin: string | null;
  request_id: string | null;
}

export interface InteractionsTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  at: string;
  channel: string;
  direction: 'inbound' | 'outbound' | 'internal';
  summary: string;
  case_id: string | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  contact_requested: number;
  agent: string | null;
  type: string | null;
  created_at: string;
  /**
   * Migration 0005, inbound interactions only (server/analytics/answer-columns.ts keeps them on every write):
   * the first outbound interaction after it, its delay in whole minutes, and who answered (or, unanswered,
   * who last spoke to the customer before it).
   */
  answered_at: string | null;
  response_minutes: number | null;
  handler: string | null;
}

export interface CasesTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  external_id: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  subject: string;
  opened_at: string;
  /** JSON array of channels. */
  channels: string;
  promised_by: string | null;
  updated_at: string;
}

export interface ItemsTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  kind: 'flight' | 'order' | 'stay' | 'booking' | 'appointment' | 'other';
  ref: string;
  at: string;
  summary: string;
  status: string;
  /** An order item's number normalised like an `order` identifier (migration 0003); null for other kinds. */
  ref_key: string | null;
}

export interface TasksTable {
  id: string;
  tenant_id: string;
  profile_id: string;
  summary: string;
  status: 'open' | 'done' | 'snoozed';
  created_at: string;
  created_by: string;
  due_at: string;
  assignee_id: string;
  channel: string | null;
  source_url: string | null;
  snoozed_until: string | null;
  done_at: string | null;
  idempotency_key: string | null;
  updated_at: string;
  /** SHA-256 of the creating request's body (migration 0004): tells a true retry from a reused key. */
  request_hash: string | null;
}

export interface MergesTable {
  id: string;
  tenant_id: string;
  source_profile_id: string;
  target_profile_id: string;
  at: string;
  agent_id: string;
  reason: string | null;
  /** JSON: the rows that moved, so undo restores exactly them. */
  moved: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface IdentityEventsTable {
  id: string;
  tenant_id: string;
  at: string;
  agent_id: string;
  action: 'link' | 'unlink' | 'merge' | 'undo_merge';
  profile_id: string;
  other_profile_id: string | null;
  kind: string | null;
  network: string | null;
  value: string | null;
  evidence: string | null;
  merge_id: string | null;
}

export interface TenantSettingsTable {
  tenant_id: string;
  /** e.g. `sla`, `playbook`, `triage`. */
  key: string;
  /** JSON, validated by the contract schema for its key on write and on read. */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface Database {
  tenants: TenantsTable;
  agents: AgentsTable;
  api_tokens: ApiTokensTable;
  profiles: ProfilesTable;
  identities: IdentitiesTable;
  social_accounts: SocialAccountsTable;
  audit_log: AuditLogTable;
  interactions: InteractionsTable;
  cases: CasesTable;
  items: ItemsTable;
  tasks: TasksTable;
  merges: MergesTable;
  identity_events: IdentityEventsTable;
  tenant_settings: TenantSettingsTable;
}

export type ProfileRow = Selectable<ProfilesTable>;
export type NewProfile = Insertable<ProfilesTable>;
export type NewIdentity = Insertable<IdentitiesTable>;
export type NewSocialAccount = Insertable<SocialAccountsTable>;
export type IdentityRow = Selectable<IdentitiesTable>;
export type SocialAccountRow = Selectable<SocialAccountsTable>;
