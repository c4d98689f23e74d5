import type { PlaybookPart } from './part.ts';

// Shops: orders, returns, and the store visit that went wrong.
export const retailPart: PlaybookPart = {
  vertical: 'retail',
  intents: [
    {
      id: 'wrong_item',
      label: 'Wrong or damaged item',
      phrases: [
        'wrong item',
        'wrong size',
        'damaged',
        'broken',
        'defective',
        'faulty',
        'roto',
        'defectueux',
        'kaputt',
      ],
    },
    {
      id: 'delivery_late',
      label: 'Delivery not arrived',
      phrases: ['not delivered', 'hasnt arrived', 'where is my order', 'tracking', 'parcel', 'package'],
    },
  ],
  rules: [
    {
      id: 'retail.order-confirm',
      kind: 'confirm',
      when: {
        intents: { any: ['wrong_item', 'delivery_late'] },
        hasRecentItem: { kind: 'order', withinHours: 720 },
      },
      text: 'Is this about order {recent.order.ref} ({recent.order.summary}) from {recent.order.when}?',
      reasons: ['order {recent.order.ref}: {recent.order.status}', "mentions '{intent.matched}'"],
      score: 75,
    },
    {
      id: 'retail.ask-order',
      kind: 'question',
      asks: ['order'],
      when: { intents: { any: ['wrong_item', 'delivery_late', 'refund'] } },
      text: 'Could you share the order number, so I can look at it straight away?',
      reasons: ['no recent order on file'],
      score: 55,
    },
  ],
  offers: [
    {
      id: 'retail.district-manager-call',
      label: 'Call from the district manager',
      description: 'About "{case.subject}", within 24 hours.',
      when: { isCustomer: true, hasOpenLoop: { kind: 'broken_promise' } },
      reasons: ['promise broken {openLoop.age} ago'],
      priority: 80,
    },
    {
      id: 'retail.goodwill-points',
      label: '1,000 goodwill points',
      description: 'A credit to the {program} account, no approval needed.',
      when: { tierRankAtMost: 2, hasOpenLoop: {} },
      reasons: ['{program} {tier}'],
      priority: 60,
    },
    {
      id: 'retail.free-return',
      label: 'Free return and replacement',
      description: 'A prepaid return label and the replacement sent today.',
      when: { isCustomer: true, intents: { any: ['wrong_item'] } },
      priority: 70,
    },
    {
      id: 'retail.voucher',
      label: '$10 voucher',
      description: 'For the next purchase, online or in store.',
      when: { isCustomer: true, intents: { any: ['service_complaint', 'wrong_item', 'delivery_late'] } },
      priority: 40,
    },
  ],
};
