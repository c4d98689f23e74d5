// Hand-written rather than Intl's compact notation: the badge wants `1.2k`/`20k` in every locale, and the
// content script should not depend on the page's locale data for a three-character string.

/** 75 → "75", 1250 → "1.3k", 20_400 → "20k", 1_250_000 → "1.3M". */
export function compactCount(count: number): string {
  if (!Number.isFinite(count) || count < 0) return '0';
  if (count < 1000) return String(Math.round(count));
  const [divisor, unit] = count < 999_500 ? [1000, 'k'] : [1_000_000, 'M'];
  const scaled = count / divisor;
  // One decimal below 10 (1.2k), none above (20k): three characters at most before the unit.
  const text = scaled < 9.95 ? (Math.round(scaled * 10) / 10).toString() : Math.round(scaled).toString();
  return `${text}${unit}`;
}
