// "yesterday", "3 weeks ago", "2 months": how long ago something happened, in words, measured from the `now`
// the caller passes (never the clock), so suggestions are deterministic and testable. Intl does the wording,
// so a playbook's `locale` changes the language without code.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** The unit a person would use: hours up to 18 h, days up to two weeks, weeks up to ~6, then months, years. */
function pick(ms: number): { unit: Unit; count: number } {
  const abs = Math.abs(ms);
  if (abs < HOUR) return { unit: 'minute', count: Math.max(1, Math.round(abs / MINUTE)) };
  if (abs < 18 * HOUR) return { unit: 'hour', count: Math.round(abs / HOUR) };
  const days = Math.round(abs / DAY);
  if (days < 14) return { unit: 'day', count: Math.max(1, days) };
  if (days < 45) return { unit: 'week', count: Math.round(days / 7) };
  if (days < 365) return { unit: 'month', count: Math.round(days / 30.44) };
  return { unit: 'year', count: Math.round(days / 365.25) };
}

// Building Intl formatters costs far more than using them; the engine runs per keystroke-sized input.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const durationFormats = new Map<string, Intl.NumberFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, f);
  }
  return f;
}

function durationFormat(locale: string, unit: Unit): Intl.NumberFormat {
  const key = `${locale}\u0000${unit}`;
  let f = durationFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
    durationFormats.set(key, f);
  }
  return f;
}

/** `at` relative to `now`: "yesterday", "3 weeks ago", "in 9 days", "tomorrow". */
export function relativeTime(at: Date, now: Date, locale = 'en'): string {
  const ms = at.getTime() - now.getTime();
  const { unit, count } = pick(ms);
  return relativeFormat(locale).format(ms < 0 ? -count : count, unit);
}

/** How long since `since`, without "ago": "2 months", "3 weeks". */
export function age(since: Date, now: Date, locale = 'en'): string {
  const { unit, count } = pick(now.getTime() - since.getTime());
  return durationFormat(locale, unit).format(count);
}
