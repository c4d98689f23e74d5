import type { ResponseSpeed } from '../../lib/contract/analytics.ts';
import type { ReachClassName } from '../../lib/contract/triage.ts';

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, and on light and dark. */
export const SPEED_COLOURS: Record<ResponseSpeed, string> = {
  fast: '#0072b2',
  slow: '#e69f00',
  unanswered: '#d55e00',
};

export const speedLabel = (speed: ResponseSpeed, fastWithinMinutes: number): string =>
  speed === 'fast'
    ? `Answered within ${fastWithinMinutes >= 60 ? `${Math.round(fastWithinMinutes / 60)} h` : `${fastWithinMinutes} min`}`
    : speed === 'slow'
      ? 'Answered later'
      : 'Not answered';

export const CLASS_LABELS: Record<ReachClassName, string> = {
  quiet_vip: 'Quiet VIP',
  loud_vip: 'Loud VIP',
  influencer_not_customer: 'Influencer, not a customer',
  regular: 'Regular',
};
