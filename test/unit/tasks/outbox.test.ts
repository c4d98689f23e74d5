import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOutbox, type OutboxEntry, outboxItem, type SendOutcome } from '../../../lib/tasks/outbox.ts';

const task = (key: string) =>
  ({
    kind: 'task',
    key,
    body: { profileId: 'p-sofia', summary: 'Call about the lost bags', channel: 'twitter' },
  }) as const;

/** A fake backend that records every request and answers from a script. */
function backend(answers: SendOutcome['outcome'][]) {
  const seen: OutboxEntry[] = [];
  const send = async (entry: OutboxEntry): Promise<SendOutcome> => {
    seen.push(entry);
    const outcome = answers.shift() ?? 'delivered';
    return outcome === 'delivered' ? { outcome } : { outcome, error: `said ${outcome}` };
  };
  return { seen, send };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the follow-up outbox', () => {
  it('queues one entry per idempotency key, however often it is enqueued', async () => {
    const outbox = createOutbox();
    await Promise.all([outbox.enqueue(task('key-aaaa-1')), outbox.enqueue(task('key-aaaa-1'))]);
    await outbox.enqueue(task('key-bbbb-2'));
    expect((await outbox.list()).map((entry) => entry.key)).toEqual(['key-aaaa-1', 'key-bbbb-2']);
  });

  it('keeps entries while the backend is down and sends each exactly once when it answers', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    await outbox.enqueue(task('key-bbbb-2'));

    const down = backend(['retry']);
    expect(await outbox.flush(down.send)).toEqual({ delivered: [], rejected: [], remaining: 2 });
    // It stops at the first failure instead of hammering a backend that is down.
    expect(down.seen).toHaveLength(1);
    const [first] = await outbox.list();
    expect(first?.attempts).toBe(1);
    expect(first?.lastError).toBe('said retry');

    const up = backend([]);
    expect(await outbox.flush(up.send)).toEqual({
      delivered: ['key-aaaa-1', 'key-bbbb-2'],
      rejected: [],
      remaining: 0,
    });
    expect(await outbox.list()).toEqual([]);
    // Nothing left to send: a later flush sends nothing.
    const later = backend([]);
    await outbox.flush(later.send);
    expect(later.seen).toEqual([]);
  });

  it('sends the same idempotency key on every retry', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    const flaky = backend(['retry', 'retry', 'delivered']);
    for (let i = 0; i < 3; i++) await outbox.flush(flaky.send);
    expect(flaky.seen.map((entry) => entry.key)).toEqual(['key-aaaa-1', 'key-aaaa-1', 'key-aaaa-1']);
    expect(await outbox.list()).toEqual([]);
  });

  it('drops an entry the backend rejects for good and goes on with the next', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    await outbox.enqueue(task('key-bbbb-2'));
    const picky = backend(['rejected', 'delivered']);
    expect(await outbox.flush(picky.send)).toEqual({
      delivered: ['key-bbbb-2'],
      rejected: ['key-aaaa-1'],
      remaining: 0,
    });
  });

  it('never sends an entry twice when two flushes overlap', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    const slow = backend([]);
    await Promise.all([outbox.flush(slow.send), outbox.flush(slow.send), outbox.flush(slow.send)]);
    expect(slow.seen).toHaveLength(1);
  });

  it('survives a restart: a new outbox over the same storage still has the entries', async () => {
    await createOutbox().enqueue(task('key-aaaa-1'));
    // A new instance is what a restarted service worker builds; only storage carries over.
    const afterRestart = createOutbox();
    const up = backend([]);
    await afterRestart.flush(up.send);
    expect(up.seen.map((entry) => entry.key)).toEqual(['key-aaaa-1']);
  });

  it('drops stored entries that no longer parse instead of failing the whole outbox', async () => {
    await outboxItem.setValue([{ kind: 'task', key: 'x' }, 'garbage']);
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    expect((await outbox.list()).map((entry) => entry.key)).toEqual(['key-aaaa-1']);
  });

  it('treats a thrown send as "try again later"', async () => {
    const outbox = createOutbox();
    await outbox.enqueue(task('key-aaaa-1'));
    const report = await outbox.flush(async () => {
      throw new Error('network down');
    });
    expect(report.remaining).toBe(1);
    expect((await outbox.list())[0]?.lastError).toBe('network down');
  });
});
