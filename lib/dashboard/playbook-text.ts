import type { PlaybookPreview } from '../contract/analytics.ts';

// The playbook panel edits the playbook as JSON text. The text must parse as a JSON object before anything is
// sent; the backend is the one validator of what a playbook may hold (its 400 names the bad field's path).

export const playbookText = (playbook: unknown): string => JSON.stringify(playbook, null, 2);

export function parsePlaybookText(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'A playbook is a JSON object ({ … }).' };
  return { ok: true, value: value as Record<string, unknown> };
}

export const PREVIEW_GROUPS = [
  { key: 'intents', label: 'Intents' },
  { key: 'rules', label: 'Rules' },
  { key: 'offers', label: 'Offers' },
] as const satisfies readonly { key: keyof PlaybookPreview; label: string }[];

export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;

/** A parsed draft, as sent to the backend (which validates it). */
export type PlaybookDraft = Record<string, unknown>;
