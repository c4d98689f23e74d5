const HOUR = 3_600_000;
const MINUTE = 60_000;

// Spelled out rather than Intl's narrow units, which glue number and unit together ("8h").
const UNIT_LABEL = { minute: 'min', hour: 'h', day: 'd' } as const;
const unit = (value: number, unitName: keyof typeof UNIT_LABEL) => `${value} ${UNIT_LABEL[unitName]}`;

/** "8 h", "45 min", "3 d": the distance between now and a due time, rounded the way people say it. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return unit(Math.max(1, Math.round(abs / MINUTE)), 'minute');
  if (abs < 48 * HOUR) return unit(Math.round(abs / HOUR), 'hour');
  return unit(Math.round(abs / (24 * HOUR)), 'day');
}

/** "Due in 8 h (Gold SLA)" or "Overdue by 2 h (Gold SLA)"; without a tier, the default SLA. */
export function describeDue(dueAt: string, now: Date, tierName: string | null): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const sla = tierName ? `${tierName} SLA` : 'standard SLA';
  return ms >= 0 ? `Due in ${formatDuration(ms)} (${sla})` : `Overdue by ${formatDuration(ms)} (${sla})`;
}
