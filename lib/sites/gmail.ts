import { emailFromValue, markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import { type FindEnv, type Finding, hostIs, type SiteAdapter } from './site-adapter.ts';

// Checked against a real saved Gmail thread list (../shared/corpora/pages/gmail) and our synthetic
// fixtures in test/fixtures/sites/gmail-*.html. Gmail shows names, often only "me"; the address is in the
// `email` attribute, so people are read from attributes, not text.
export const GMAIL_SELECTORS = {
  threadRow: 'tr.zA',
  /** Senders in a thread-list row (`zF` unread/bold, `yP` read). */
  listSender: 'span.zF[email], span.yP[email]',
  listSubject: '.y6',
  listSnippet: '.y2',
  /** An open message: its sender, its recipients (To and Cc chips), its body. */
  message: 'div.adn',
  sender: '.gD[email]',
  recipient: '.g2[email]',
  body: '.a3s',
} as const;

const SCOPE = `${GMAIL_SELECTORS.threadRow}, ${GMAIL_SELECTORS.message}`;

const scopeOf = (node: Node): Node => {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(SCOPE) ?? nearestBlock(node);
};

function messageTextOf(scope: Node): string {
  if (scope.nodeType !== 1) return '';
  const element = scope as Element;
  if (element.matches(GMAIL_SELECTORS.threadRow)) {
    const parts = [GMAIL_SELECTORS.listSubject, GMAIL_SELECTORS.listSnippet].map((s) =>
      textOf(element.querySelector(s)),
    );
    return parts.filter(Boolean).join(' — ');
  }
  return textOf(element.querySelector(GMAIL_SELECTORS.body) ?? element);
}

function* people(root: Node, env: FindEnv, selector: string, role: 'sender' | 'recipient') {
  for (const element of within(root, selector)) {
    if (env.seen.has(element)) continue;
    env.seen.add(element);
    // "me" is the agent's own mailbox, not a customer.
    if (element.getAttribute('name') === 'me') continue;
    const email = emailFromValue(element.getAttribute('email'));
    if (!email) continue;
    const scope = scopeOf(element);
    yield markupCandidate(email, element, role, scope, () => messageTextOf(scope));
  }
}

export const gmailAdapter: SiteAdapter = {
  id: 'gmail',
  network: 'x',
  matches: (url) => hostIs(url, 'mail.google.com'),
  // The saved thread list has neither shadow roots nor frames: messages and the list are in the page itself.
  nestedRoots: false,
  *find(root, env): Generator<Finding> {
    yield* people(root, env, GMAIL_SELECTORS.listSender, 'sender');
    yield* people(root, env, GMAIL_SELECTORS.sender, 'sender');
    yield* people(root, env, GMAIL_SELECTORS.recipient, 'recipient');
    // Addresses, handles and card numbers the customer wrote in the body (and subjects, snippets).
    yield* pageTextFindings(root, env, { network: 'x', scopeOf, messageTextOf });
  },
};
