// The flat CSV import: one profile per row, the columns below (any order, all but externalId and name
// optional, unknown columns refused so a typo is not silently dropped). Lists (`notes`, `order_numbers`) are
// separated by `|`. README "Importing data" documents the same table.

export type ColumnType = 'string' | 'int' | 'number' | 'list';

export const CSV_COLUMNS = {
  externalId: { type: 'string', path: 'externalId', help: 'your system’s customer id (required)' },
  name: { type: 'string', path: 'name', help: 'full name (required)' },
  email: { type: 'string', path: 'identities', help: 'e-mail address' },
  x_handle: { type: 'string', path: 'identities', help: 'X handle, with or without @' },
  instagram_handle: { type: 'string', path: 'identities', help: 'Instagram handle' },
  loyalty_card: { type: 'string', path: 'identities', help: 'loyalty card number' },
  order_numbers: { type: 'list', path: 'identities', help: 'order numbers, `|`-separated' },
  program: { type: 'string', path: 'loyalty.program', help: 'loyalty programme' },
  tier: { type: 'string', path: 'loyalty.tier', help: 'tier name' },
  tier_rank: { type: 'int', path: 'loyalty.tierRank', help: '1 = top tier' },
  points: { type: 'int', path: 'loyalty.points', help: 'points balance' },
  member_since: { type: 'string', path: 'loyalty.memberSince', help: 'YYYY-MM-DD' },
  tier_expires_at: { type: 'string', path: 'loyalty.tierExpiresAt', help: 'YYYY-MM-DD' },
  currency: { type: 'string', path: 'value.currency', help: 'ISO 4217, e.g. USD' },
  lifetime: { type: 'number', path: 'value.lifetime', help: 'lifetime spend' },
  last12m: { type: 'number', path: 'value.last12m', help: 'spend in the last 12 months' },
  orders_count: { type: 'int', path: 'value.ordersCount', help: 'number of orders' },
  last_order_at: { type: 'string', path: 'value.lastOrderAt', help: 'ISO date-time of the last order' },
  preferred_channel: { type: 'string', path: 'preferences.channel', help: 'email, phone, sms, app, …' },
  language: { type: 'string', path: 'preferences.language', help: 'e.g. en' },
  notes: { type: 'list', path: 'preferences.notes', help: 'agent-visible notes, `|`-separated' },
  followers_x: { type: 'int', path: 'social', help: 'followers of x_handle' },
  followers_instagram: { type: 'int', path: 'social', help: 'followers of instagram_handle' },
} as const satisfies Record<string, { type: ColumnType; path: string; help: string }>;

export type CsvColumn = keyof typeof CSV_COLUMNS;
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['externalId', 'name'];

export const isCsvColumn = (name: string): name is CsvColumn => Object.hasOwn(CSV_COLUMNS, name);
