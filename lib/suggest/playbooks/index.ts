import { Playbook, type PlaybookInput, type Vertical } from '../../contract/playbook.ts';
import { airlinePart } from './airline.ts';
import { foodDeliveryPart } from './food-delivery.ts';
import { genericPart } from './generic.ts';
import { hotelPart } from './hotel.ts';
import type { PlaybookPart } from './part.ts';
import { retailPart } from './retail.ts';

// The shipped playbooks. Each vertical's playbook is its part plus the generic part; the demo tenant spans four
// businesses, so its playbook holds every part, each vertical's entries limited to that vertical, and maps
// each loyalty program to its vertical.

const PARTS: Record<Exclude<Vertical, 'generic'>, PlaybookPart> = {
  airline: airlinePart,
  hotel: hotelPart,
  retail: retailPart,
  food_delivery: foodDeliveryPart,
};

/** The demo tenant's programs (server/seed) and the business each belongs to. */
export const DEMO_PROGRAMS: Record<string, Vertical> = {
  Skyward: 'airline',
  'Harbor Hotels': 'hotel',
  'DeskPro Rewards': 'retail',
  'Slice Club': 'food_delivery',
};

type When = PlaybookInput['rules'][number]['when'];

/** Limits entries of a vertical's part to profiles of that vertical, unless they already name verticals. */
function scoped<T extends { when: When }>(entries: readonly T[], vertical: Vertical): T[] {
  return entries.map((e) => (e.when.verticals ? e : { ...e, when: { ...e.when, verticals: [vertical] } }));
}

/** Merges parts into one playbook input; with `scope`, each non-generic part applies to its vertical only. */
export function mergeParts(
  head: { vertical: Vertical; name: string; programs?: Record<string, Vertical> },
  parts: readonly PlaybookPart[],
  scope: boolean,
): PlaybookInput {
  const intents: PlaybookInput['intents'] = [];
  const rules: PlaybookInput['rules'] = [];
  const offers: PlaybookInput['offers'] = [];
  let places: Record<string, string> = {};
  for (const part of parts) {
    const limit = scope && part.vertical !== 'generic';
    intents.push(
      ...part.intents.map((i) => (limit && !i.verticals ? { ...i, verticals: [part.vertical] } : i)),
    );
    rules.push(...(limit ? scoped(part.rules, part.vertical) : part.rules));
    offers.push(...(limit ? scoped(part.offers, part.vertical) : part.offers));
    places = { ...places, ...part.places };
  }
  return { version: 1, ...head, places, intents, rules, offers };
}

const cache = new Map<string, Playbook>();

function cached(key: string, build: () => PlaybookInput): Playbook {
  let playbook = cache.get(key);
  if (!playbook) {
    // Parsed through the contract so a shipped playbook is held to the same rules as a lead's; a unit test
    // makes sure this never throws.
    playbook = Playbook.parse(build());
    cache.set(key, playbook);
  }
  return playbook;
}

/** The shipped playbook of a vertical; `generic` has only the rules that hold everywhere. */
export function defaultPlaybookFor(vertical: Vertical): Playbook {
  return cached(vertical, () =>
    mergeParts(
      { vertical, name: `Default ${vertical.replace('_', ' ')} playbook` },
      vertical === 'generic' ? [genericPart] : [genericPart, PARTS[vertical]],
      false,
    ),
  );
}

/** The demo tenant's playbook and the backend's default: every vertical, chosen by the profile's program. */
export function demoPlaybook(): Playbook {
  return cached('demo', () =>
    mergeParts(
      {
        vertical: 'generic',
        name: 'Demo playbook (airline, hotel, retail, food delivery)',
        programs: DEMO_PROGRAMS,
      },
      [genericPart, airlinePart, hotelPart, retailPart, foodDeliveryPart],
      true,
    ),
  );
}
