import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_history_tasks_identity.ts';
import * as m0003 from './0003_history_extra.ts';
import * as m0004 from './0004_identity_tasks_extra.ts';
import * as m0005 from './0005_attention_analytics.ts';
import * as m0006 from './0006_triage_distribution.ts';
import * as m0007 from './0007_name_search_index.ts';
import * as m0008 from './0008_profile_social_followers.ts';

// Listed by hand rather than found by scanning a folder: a folder scan breaks under tsx and bundlers, and an
// explicit list makes the order reviewable. Append new migrations; never rename or edit a shipped one.
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_history_tasks_identity': m0002,
  '0003_history_extra': m0003,
  '0004_identity_tasks_extra': m0004,
  '0005_attention_analytics': m0005,
  '0006_triage_distribution': m0006,
  '0007_name_search_index': m0007,
  '0008_profile_social_followers': m0008,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
