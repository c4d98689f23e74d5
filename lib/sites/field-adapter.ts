import type { SocialNetwork } from '../contract/identifier.ts';
import { emailCarriedBy, markupCandidate, textOf, within } from './dom-helpers.ts';
import { nearestBlock, pageTextFindings } from './page-text.ts';
import type { CandidateRole, Finding, SiteAdapter } from './site-adapter.ts';

/** A place on a helpdesk page that carries one person's e-mail address, and who that person is. */
export interface FieldRule {
  selector: string;
  role: CandidateRole;
}

export interface FieldSite {
  id: string;
  network?: SocialNetwork;
  matches(url: URL): boolean;
  /** One message, comment or conversation: badges are one per identity per scope. */
  scope: string;
  /** Where that message's text is, for suggestions (defaults to the whole scope). */
  messageText?: string;
  fields: FieldRule[];
}

/**
 * Helpdesks show people as fields (requester, CC chips, comment authors) whose address sits in text, a
 * tooltip or a mailto: link. One adapter shape for all of them; each site file holds only its selectors.
 */
export function fieldAdapter(site: FieldSite): SiteAdapter {
  const network = site.network ?? 'x';
  const scopeOf = (node: Node): Node => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return element?.closest(site.scope) ?? nearestBlock(node);
  };
  const messageTextOf = (scope: Node): string => {
    if (scope.nodeType !== 1) return '';
    const element = scope as Element;
    const body = site.messageText ? element.querySelector(site.messageText) : null;
    return textOf(body ?? element);
  };
  return {
    id: site.id,
    network,
    matches: site.matches,
    *find(root, env): Generator<Finding> {
      for (const rule of site.fields) {
        for (const field of within(root, rule.selector)) {
          if (env.seen.has(field)) continue;
          env.seen.add(field);
          const email = emailCarriedBy(field);
          if (!email) continue;
          const scope = scopeOf(field);
          yield markupCandidate(email, field, rule.role, scope, () => messageTextOf(scope));
        }
      }
      yield* pageTextFindings(root, env, { network, scopeOf, messageTextOf });
    },
  };
}
