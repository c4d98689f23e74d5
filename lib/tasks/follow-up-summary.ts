const MAX_QUOTE = 280;

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The follow-up's prefilled summary: who, what they said (shortened), and the next step the top suggestion
 * proposes. Plain text; the backend caps summaries at 2000 characters, so this stays well under.
 */
export function followUpSummary(input: { name: string; messageText?: string; suggestion?: string }): string {
  const name = squeeze(input.name).slice(0, 200) || 'customer';
  const said = squeeze(input.messageText ?? '');
  const quote = said.length > MAX_QUOTE ? `${said.slice(0, MAX_QUOTE - 1)}…` : said;
  const parts = [`Follow up with ${name}`];
  if (quote) parts.push(`they wrote: "${quote}"`);
  let summary = parts.join(': ');
  if (input.suggestion) summary += `. Next: ${squeeze(input.suggestion).slice(0, 400)}`;
  return summary.slice(0, 1900);
}
