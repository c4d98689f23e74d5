import type { MessageType, SenderRule } from './protocol.ts';

/** The parts of `runtime.MessageSender` we rely on. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export interface ExtensionIdentity {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`, as `runtime.getURL('/')` returns it. */
  origin: string;
}

/**
 * The one method of a zod/mini schema the receiver needs. Structural, so the content script can use a
 * hand-written check for its payload-less message instead of bundling zod into every page.
 */
export interface PayloadSchema {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Accepts only "no payload"; what a zod `z.optional(z.undefined())` does, without zod. */
export const noPayload: PayloadSchema = {
  safeParse: (value) =>
    value === undefined
      ? { success: true, data: undefined }
      : { success: false, error: { issues: [{ path: [], message: 'this message takes no payload' }] } },
};

const describeIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 5)
    .map((issue) =>
      issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');

export interface MessageRule {
  payload: PayloadSchema;
  sender: SenderRule;
}

/** The messages one context receives: each with its payload schema and who may send it. */
export type MessageRules = Partial<Record<MessageType, MessageRule>>;

export type IncomingCheck = { ok: true; data: unknown; tabId?: number } | { ok: false; reason: string };

function senderProblem(rule: SenderRule, sender: MessageSenderInfo, self: ExtensionIdentity): string | null {
  if (sender.id !== self.id) return 'sender is not this extension';
  const fromExtensionPage = sender.url?.startsWith(self.origin) ?? false;
  const tabId = sender.tab?.id;
  switch (rule) {
    case 'ownExtension':
      return null;
    case 'contentScript':
      return tabId === undefined ? 'expected a content script in a tab' : null;
    case 'extensionPage':
      return fromExtensionPage ? null : 'expected an extension page';
    case 'extensionPageInTab':
      return fromExtensionPage && tabId !== undefined ? null : 'expected an extension page inside a tab';
  }
}

/** Checks who sent a message and parses its payload with the message's schema. */
export function checkIncoming(
  type: MessageType,
  rule: MessageRule,
  data: unknown,
  sender: MessageSenderInfo,
  self: ExtensionIdentity,
): IncomingCheck {
  const problem = senderProblem(rule.sender, sender, self);
  if (problem) return { ok: false, reason: `${type}: ${problem}` };
  const parsed = rule.payload.safeParse(data);
  if (!parsed.success)
    return { ok: false, reason: `${type}: invalid payload: ${describeIssues(parsed.error.issues)}` };
  return { ok: true, data: parsed.data, tabId: sender.tab?.id };
}
