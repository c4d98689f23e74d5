import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { InteractionCreate } from '../contract/history.ts';
import { TaskCreate } from '../contract/tasks.ts';

// Writes the agent made while the backend was unreachable. Kept in `local:` storage (not memory, not
// `session:`) so that a stopped service worker or a browser restart loses nothing.

const Queued = {
  /** The Idempotency-Key sent on every attempt: the backend creates the thing once however often we retry. */
  key: z.string().check(z.minLength(8), z.maxLength(200)),
  queuedAt: z.iso.datetime({ offset: true }),
  attempts: z.int().check(z.minimum(0)),
  lastError: z.nullable(z.string()),
};

export const OutboxEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('task'), body: TaskCreate, ...Queued }),
  z.object({ kind: z.literal('interaction'), body: InteractionCreate, ...Queued }),
]);
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const outboxItem = storage.defineItem<unknown[]>('local:outbox', { fallback: [], version: 1 });

/**
 * What one attempt came to. `delivered`: a 2xx. `rejected`: a 4xx the same request will get again (bad
 * input, profile gone) — dropping it is final. `retry`: unreachable, 5xx, 401/403 (the token can be fixed),
 * 429: keep it and try later.
 */
export type SendOutcome = { outcome: 'delivered' } | { outcome: 'rejected' | 'retry'; error: string };

export interface FlushReport {
  delivered: string[];
  rejected: string[];
  remaining: number;
}

/** Storage is external data too: an entry that no longer parses (older build, manual edit) is dropped. */
async function readEntries(): Promise<OutboxEntry[]> {
  const raw = await outboxItem.getValue();
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((value) => {
    const parsed = OutboxEntry.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface Outbox {
  list(): Promise<OutboxEntry[]>;
  /** Adds an entry unless one with the same key is queued already (a double click queues one). */
  enqueue(
    entry: Pick<OutboxEntry, 'kind' | 'key'> & { body: OutboxEntry['body'] },
    now?: Date,
  ): Promise<void>;
  /** Sends the queued entries oldest first; stops at the first that must wait (the backend is down again). */
  flush(send: (entry: OutboxEntry) => Promise<SendOutcome>): Promise<FlushReport>;
}

export function createOutbox(): Outbox {
  // Every read-modify-write goes through one chain, so an enqueue during a flush is never lost, and a
  // second flush waits for the first instead of sending the same entry twice.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  const update = async (key: string, change: (entry: OutboxEntry) => OutboxEntry | null) => {
    const entries = await readEntries();
    const next = entries.flatMap((entry) => {
      if (entry.key !== key) return [entry];
      const changed = change(entry);
      return changed ? [changed] : [];
    });
    await outboxItem.setValue(next);
  };

  return {
    list: () => readEntries(),

    enqueue: (entry, now = new Date()) =>
      serial(async () => {
        const entries = await readEntries();
        if (entries.some((queued) => queued.key === entry.key)) return;
        const fresh = OutboxEntry.parse({
          ...entry,
          queuedAt: now.toISOString(),
          attempts: 0,
          lastError: null,
        });
        await outboxItem.setValue([...entries, fresh]);
      }),

    flush: (send) =>
      serial(async () => {
        const report: FlushReport = { delivered: [], rejected: [], remaining: 0 };
        const entries = await readEntries();
        for (const [index, entry] of entries.entries()) {
          let result: SendOutcome;
          try {
            result = await send(entry);
          } catch (error) {
            result = { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
          }
          if (result.outcome === 'retry') {
            await update(entry.key, (queued) => ({
              ...queued,
              attempts: queued.attempts + 1,
              lastError: result.error,
            }));
            report.remaining = entries.length - index;
            return report;
          }
          // Removed only now, after the backend's final answer: a crash before this line resends with the
          // same key, which the backend answers with the task it already made.
          await update(entry.key, () => null);
          report[result.outcome === 'delivered' ? 'delivered' : 'rejected'].push(entry.key);
        }
        return report;
      }),
  };
}
