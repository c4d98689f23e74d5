import type { PlaybookInput, Vertical } from '../../contract/playbook.ts';

/**
 * One vertical's share of a playbook. Parts may name the shared intents of generic.ts (refund, cancellation,
 * service_complaint, praise, repeat_contact); playbooks/index.ts merges a part with the generic one and
 * validates the result with the contract's Playbook schema.
 */
export interface PlaybookPart {
  vertical: Vertical;
  intents: PlaybookInput['intents'];
  rules: PlaybookInput['rules'];
  offers: PlaybookInput['offers'];
  places?: PlaybookInput['places'];
}
