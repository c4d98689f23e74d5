import { describe, expect, it } from 'vitest';
import { describeDue, formatDuration } from '../../../lib/tasks/sla-display.ts';

const now = new Date('2026-11-21T10:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

describe('SLA display', () => {
  it('says when a follow-up is due, with the tier whose SLA set it', () => {
    expect(describeDue(inHours(8), now, 'Gold')).toBe('Due in 8 h (Gold SLA)');
    expect(describeDue(inHours(72), now, null)).toBe('Due in 3 d (standard SLA)');
    expect(describeDue(inHours(-2), now, 'Member')).toBe('Overdue by 2 h (Member SLA)');
  });

  it('rounds to minutes under an hour and never says 0', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(5_000)).toBe('1 min');
    expect(formatDuration(7.6 * 3_600_000)).toBe('8 h');
  });
});
