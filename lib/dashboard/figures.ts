// How the dashboard writes its numbers: the same words in the table, the CSV preview and the screen reader.

export const NO_VALUE = '—';

/** 0.4213 → "42%"; null → "—". */
export function percent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? NO_VALUE : `${Math.round(share * 100)}%`;
}

/** Minutes as "45 min", "3 h 10 min", "2 d 4 h"; null → "—". */
export function duration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return NO_VALUE;
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const rest = m % 60;
    return rest === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${rest} min`;
  }
  const hours = Math.round(m / 60);
  const rest = hours % 24;
  return rest === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${rest} h`;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
export const count = (n: number) => integer.format(n);

/** Money in the tenant's units, without a currency (profiles may differ): 22150 → "22,150". */
export const money = (n: number | null) => (n === null ? NO_VALUE : integer.format(n));

/** An ISO time as "Nov 23, 2026, 12:00 PM" (due times in the SLA preview, when the playbook was saved). */
export const when = (iso: string) =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
