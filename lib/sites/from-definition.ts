import type { Identifier } from '../contract/identifier.ts';
import type { SiteDefinition } from '../contract/sites.ts';
import { patternMatches } from '../permissions/site-patterns.ts';
import { emailCarriedBy, markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import type { CandidateRole, FindEnv, Finding, SiteAdapter } from './site-adapter.ts';
import { handleFromProfileUrl } from './social-links.ts';

// An admin's site definition (GET /v1/sites: URL patterns + CSS selectors, no code) as a SiteAdapter.
// Selectors come from data, so a bad one must cost that one rule, never the scan: each is checked once.

/** A handle shown as text (`@jane`, or `jane` in a field the admin says holds a handle). */
const HANDLE_TEXT = /^[@＠]?([A-Za-z0-9_]{1,30})$/;

/** The person an element shows: an e-mail address it carries, else a handle in its text or profile link. */
function personIn(element: Element, handleAllowedBare: boolean): Identifier | null {
  const email = emailCarriedBy(element);
  if (email) return email;
  const text = (element.textContent ?? '').trim();
  const match = HANDLE_TEXT.exec(text);
  if (match?.[1] && (handleAllowedBare || /^[@＠]/.test(text))) {
    return { kind: 'handle', network: 'x', value: match[1] };
  }
  const link = element.closest('a[href]') ?? element.querySelector('a[href]');
  return link ? handleFromProfileUrl(link.getAttribute('href') ?? '', element.ownerDocument.baseURI) : null;
}

function isValidSelector(selector: string): boolean {
  try {
    // A DocumentFragment is enough to let the browser parse the selector; nothing is matched.
    globalThis.document?.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Turns a definition into an adapter; `matches` follows its URL patterns. */
export function adapterFromDefinition(definition: SiteDefinition): SiteAdapter {
  const { selectors } = definition;
  type Rule = { selector: string | undefined; role: CandidateRole; bareHandle: boolean };
  const all: Rule[] = [
    { selector: selectors.author, role: 'author', bareHandle: false },
    { selector: selectors.requester, role: 'requester', bareHandle: false },
    { selector: selectors.email, role: 'text', bareHandle: false },
    // Only here is a bare word read as a handle: the admin said this element holds one.
    { selector: selectors.handle, role: 'author', bareHandle: true },
  ];
  const rules = all.filter(
    (rule): rule is Rule & { selector: string } => !!rule.selector && isValidSelector(rule.selector),
  );
  const scopeSelector = isValidSelector(selectors.message) ? selectors.message : null;

  const scopeOf = (node: Node): Node => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return (scopeSelector ? element?.closest(scopeSelector) : null) ?? nearestBlock(node);
  };
  const messageTextOf = (scope: Node) => (scope.nodeType === 1 ? textOf(scope as Element) : '');

  return {
    id: `admin:${definition.id}`,
    network: 'x',
    matches: (url) => definition.urlPatterns.some((pattern) => patternMatches(pattern, url.href)),
    *find(root: Node, env: FindEnv): Generator<Finding> {
      for (const rule of rules) {
        for (const field of within(root, rule.selector)) {
          if (env.seen.has(field)) continue;
          env.seen.add(field);
          const person = personIn(field, rule.bareHandle);
          if (!person) continue;
          const scope = scopeOf(field);
          yield markupCandidate(person, field, rule.role, scope, () => messageTextOf(scope));
        }
      }
      // Whatever else the messages say: addresses, handles, card numbers in the text.
      yield* pageTextFindings(root, env, { network: 'x', scopeOf, messageTextOf });
    },
  };
}

/** The adapter of the first definition whose patterns cover `href`, or null. */
export function adapterFromDefinitions(
  definitions: readonly SiteDefinition[],
  href: string,
): SiteAdapter | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  for (const definition of definitions) {
    const adapter = adapterFromDefinition(definition);
    if (adapter.matches(url)) return adapter;
  }
  return null;
}
