import type { PlaybookPart } from './part.ts';

const TROUBLE = ['room_issue', 'booking_issue', 'service_complaint', 'repeat_contact', 'cancellation'];

// Stays: speak about the stay the profile holds; the quiet VIP gets a personal recovery, not a form.
export const hotelPart: PlaybookPart = {
  vertical: 'hotel',
  intents: [
    {
      id: 'room_issue',
      label: 'Problem with the room',
      phrases: [
        'room',
        'noisy',
        'noise',
        'dirty',
        'air conditioning',
        'shower',
        'housekeeping',
        'smell*',
        'habitacion',
        'chambre',
        'zimmer',
      ],
    },
    {
      id: 'booking_issue',
      label: 'Booking problem',
      phrases: [
        'reservation',
        'booking',
        'overbook*',
        'no record',
        'check in',
        'checkin',
        'reserva',
        'buchung',
      ],
    },
    {
      id: 'upgrade_request',
      label: 'Asks for an upgrade',
      phrases: ['upgrade*', 'suite', 'free night*', 'complimentary'],
    },
  ],
  rules: [
    {
      id: 'hotel.quiet-vip-recovery',
      kind: 'action',
      when: {
        tierRankAtMost: 1,
        valueLifetimeAtLeast: 50000,
        followersAtMost: 1000,
        intents: { any: TROUBLE },
      },
      text: [
        "{firstName}, you've stayed with us since {memberSince.year} and you deserve better than that answer. I'm sorry. Our general manager will call you before your next stay {upcoming.stay.when}, and the front desk will know you.",
        "{firstName}, you've stayed with us since {memberSince.year} and you deserve better than that answer. I'm sorry. Our general manager will call you personally.",
      ],
      reasons: [
        '{tier} since {memberSince.year}',
        '{value.lifetime} lifetime, {value.last12m} in 12 months',
        'only {followers} followers: a quiet VIP',
        'next stay {upcoming.stay.when}: {upcoming.stay.summary}',
      ],
      score: 85,
    },
    {
      id: 'hotel.stay-confirm',
      kind: 'confirm',
      when: {
        intents: { any: ['room_issue', 'service_complaint'] },
        hasRecentItem: { kind: 'stay', withinHours: 96 },
      },
      text: 'Is this about your stay {recent.stay.ref} ({recent.stay.summary})?',
      reasons: ['stay {recent.stay.ref}: {recent.stay.status}', "mentions '{intent.matched}'"],
      score: 65,
    },
    {
      id: 'hotel.ask-stay',
      kind: 'question',
      asks: ['stay'],
      when: { intents: { any: ['room_issue', 'booking_issue'] } },
      text: 'Which hotel and dates is this about?',
      reasons: ['no current stay on file'],
      score: 55,
    },
  ],
  offers: [
    {
      id: 'hotel.gm-call',
      label: 'Personal call from the general manager',
      description: 'The general manager calls within a day and notes it on the profile.',
      when: { tierRankAtMost: 1 },
      reasons: ['{tier}: top tier'],
      priority: 80,
    },
    {
      id: 'hotel.upgrade-next-stay',
      label: 'Upgrade on {upcoming.stay.ref}',
      description:
        'Best available room category on the next stay ({upcoming.stay.summary}, {upcoming.stay.when}).',
      when: { tierRankAtMost: 2, hasUpcomingItem: { kind: 'stay', withinHours: 720 } },
      reasons: ['{program} {tier}'],
      priority: 70,
    },
    {
      id: 'hotel.bonus-points',
      label: '10,000 bonus points',
      description: 'A goodwill credit to the {program} account, no approval needed.',
      when: { tierRankAtMost: 2, intents: { any: TROUBLE } },
      reasons: ['{program} {tier}'],
      priority: 60,
    },
    {
      id: 'hotel.late-checkout',
      label: 'Late checkout (2 pm)',
      description: 'On the current or next stay.',
      when: { isCustomer: true, intents: { any: TROUBLE } },
      priority: 40,
    },
  ],
};
