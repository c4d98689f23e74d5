import { DEFAULT_DETECTION_PATTERNS, DetectionPatterns } from '../contract/detection-patterns.ts';
import { BACKGROUND_RULES } from '../messaging/background-rules.ts';
import { createReceiver } from '../messaging/receive.ts';
import { readConnection } from '../settings/settings-storage.ts';
import { callBackend, type FetchLike } from './backend-api.ts';

/** How long one answer serves every tab: patterns change when an admin edits them, rarely. */
const TTL_MS = 10 * 60_000;

/**
 * Answers `getDetectionPatterns` from content scripts: the tenant's patterns from the backend, cached per
 * connection for TTL_MS, so a hundred tabs opening cost one request. Without a backend (not configured,
 * unreachable) the content script still gets the defaults, so cards are found and badged "!" rather than
 * silently missed. Returns the remover.
 */
export function serveDetectionPatterns(
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
  now: () => number = Date.now,
): () => void {
  let cached: { connection: string; at: number; value: DetectionPatterns } | undefined;
  let pending: Promise<DetectionPatterns> | undefined;

  const load = async (): Promise<DetectionPatterns> => {
    const connection = await readConnection();
    const id = `${connection.url}\n${connection.token ?? ''}`;
    if (cached && cached.connection === id && now() - cached.at < TTL_MS) return cached.value;
    const reply = await callBackend(fetchImpl, connection, {
      method: 'GET',
      path: '/v1/detection-patterns',
      schema: DetectionPatterns,
    });
    if (!reply.ok) return cached?.connection === id ? cached.value : DEFAULT_DETECTION_PATTERNS;
    cached = { connection: id, at: now(), value: reply.value };
    return reply.value;
  };

  return createReceiver(BACKGROUND_RULES)('getDetectionPatterns', () => {
    // Tabs opening together share one request.
    pending ??= load().finally(() => {
      pending = undefined;
    });
    return pending;
  });
}
