import type { Identifier, SocialNetwork } from '../contract/identifier.ts';
import type { CompiledPatterns } from '../detect/number-patterns.ts';
import type { SelectionContext } from '../messaging/schemas.ts';

export type CandidateRole = NonNullable<SelectionContext['role']>;

/** One identity found on the page, with where to put its badge and what was said around it. */
export interface Candidate {
  identifier: Identifier;
  /** identityKey(identifier): one badge per key per scope. */
  key: string;
  role: CandidateRole;
  /** The badge goes right after this element, or at `offset` inside this text node. */
  anchor: Element | Text;
  offset?: number;
  /** The message (tweet, e-mail, comment, row) it belongs to: one badge per identity per scope. */
  scope: Node;
  /** The text of that message, for suggestions; computed only when the agent clicks the badge. */
  messageText(): string;
  /**
   * True when the adapter has applied the skip rules to the anchor itself (`FindEnv.isSkipped`), or knows it
   * to be the site's own display of posts and people, never an editor nor our UI: the scanner then does
   * not walk the anchor's ancestors again.
   */
  screened?: boolean;
}

/** What an adapter's `find` may use and report besides its candidates. */
export interface FindEnv {
  patterns: CompiledPatterns;
  /** Text nodes and elements already handled: a later scan of the same subtree skips them. */
  seen: WeakSet<Node>;
  /** Called with open shadow roots and same-origin frame documents met while walking. */
  discover(root: ShadowRoot | Document): void;
  /** Text nodes visited, for the scanner's statistics. */
  stats: { textNodes: number };
  /**
   * The skip rules (editable fields, our badges, scripts), memoised for one scan by the scanner; adapters
   * that check elements themselves use it so that ancestors are looked at once.
   */
  isSkipped?: (element: Element | null) => boolean;
}

/**
 * `find` yields candidates lazily; `null` is a checkpoint where the scanner may stop for this slice and
 * resume later, so a big page never blocks the main thread for long.
 */
export type Finding = Candidate | null;

export interface SiteAdapter {
  id: string;
  /** The network an `@handle` in this site's text belongs to. */
  network: SocialNetwork;
  matches(url: URL): boolean;
  find(root: Node, env: FindEnv): Iterable<Finding>;
  /**
   * False when the site shows no content in open shadow roots or same-origin frames (checked on its saved
   * pages): the scanner then skips the walk over every element that looks for them, which costs more than
   * finding the candidates (bench/scan-chromium.ts). Unset means true: the generic adapter, site definitions.
   */
  nestedRoots?: boolean;
}

export const hostIs = (url: URL, ...hosts: string[]) => {
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => host === h || (h.startsWith('.') && host.endsWith(h)));
};
