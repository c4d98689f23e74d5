import type { PlaybookPart } from './part.ts';

// Food delivery: late, cold, wrong. The survey nobody answered outranks everything (generic.ts).
export const foodDeliveryPart: PlaybookPart = {
  vertical: 'food_delivery',
  intents: [
    {
      id: 'late_order',
      label: 'Late or cold order',
      phrases: [
        'late',
        'cold',
        'took forever',
        'hour late',
        'still waiting',
        'never came',
        'frio',
        'froid',
        'kalt',
      ],
    },
    {
      id: 'wrong_order',
      label: 'Wrong order',
      phrases: ['wrong order', 'wrong pizza', 'wrong topping*', 'missing', 'not what i ordered', 'incorrect'],
    },
  ],
  rules: [
    {
      id: 'food.order-confirm',
      kind: 'confirm',
      when: {
        intents: { any: ['late_order', 'wrong_order'] },
        hasRecentItem: { kind: 'order', withinHours: 48 },
      },
      text: 'Is this about order {recent.order.ref} ({recent.order.summary}) {recent.order.when}?',
      reasons: ['order {recent.order.ref}: {recent.order.status}', "mentions '{intent.matched}'"],
      score: 75,
    },
    {
      id: 'food.repeat-late',
      kind: 'action',
      when: { isCustomer: true, intents: { all: ['late_order', 'repeat_contact'] } },
      text: "It isn't the first time, and I'm sorry. I'll flag your address with the store manager so it stops happening.",
      reasons: ["mentions '{intent.matched}'", 'not the first complaint'],
      score: 60,
    },
    {
      id: 'food.ask-order',
      kind: 'question',
      asks: ['order'],
      when: { intents: { any: ['late_order', 'wrong_order'] } },
      text: "I'm sorry about that. Which order was it, so I can put it right?",
      reasons: ['no order from the last two days on file'],
      score: 55,
    },
  ],
  offers: [
    {
      id: 'food.manager-call',
      label: 'Call from the store manager today',
      description: 'The call the customer asked for {openLoop.ago}.',
      when: { hasOpenLoop: { kind: 'contact_request' } },
      reasons: ['contact request unanswered for {openLoop.age}'],
      priority: 90,
    },
    {
      id: 'food.next-order-free',
      label: 'Next order on us',
      description: 'A credit for one order, applied to the {program} account.',
      when: { isCustomer: true, intents: { any: ['repeat_contact'] } },
      reasons: ['not the first time'],
      priority: 80,
    },
    {
      id: 'food.refund-order',
      label: 'Refund the order',
      description: 'Full refund to the original payment method.',
      when: { isCustomer: true, intents: { any: ['late_order', 'wrong_order'] } },
      priority: 70,
    },
  ],
};
