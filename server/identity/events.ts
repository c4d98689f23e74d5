import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database, IdentityEventsTable } from '../db/types.ts';

type EventInput = Omit<Insertable<IdentityEventsTable>, 'id' | 'at'>;

/** The identity history: every link, unlink, merge and undo, with who and on what evidence. */
export async function recordIdentityEvent(db: Kysely<Database>, event: EventInput): Promise<void> {
  await db
    .insertInto('identity_events')
    .values({ id: `iev_${randomUUID()}`, at: new Date().toISOString(), ...event })
    .execute();
}
