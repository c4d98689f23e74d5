// `undefined` locale: the agent's own browser language decides separators and currency placement.

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    // An unknown currency code from the backend must not break the sidebar.
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
  }
}

export function formatCount(count: number): string {
  return new Intl.NumberFormat(undefined, { notation: count >= 10_000 ? 'compact' : 'standard' }).format(
    count,
  );
}
