import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';

/** A site the agent enabled: one origin they typed or toggled, or a definition their admin shipped. */
export const EnabledSite = z.object({
  /** Also the id of its registered content script. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  source: z.enum(['origin', 'admin']),
  /** What the options page shows: the origin, or the admin's name for the site. */
  name: z.string().check(z.maxLength(200)),
  /** Where the content script runs (match patterns). */
  matches: z.array(z.string().check(z.maxLength(300))).check(z.minLength(1), z.maxLength(20)),
  /** The host permissions granted for it (origin-wide forms of `matches`). */
  origins: z.array(z.string().check(z.maxLength(300))).check(z.minLength(1), z.maxLength(20)),
  /** The admin's site definition id, for `source: 'admin'`. */
  siteId: z.optional(z.string()),
});
export type EnabledSite = z.infer<typeof EnabledSite>;

const EnabledSites = z.array(EnabledSite);

export const enabledSitesItem = storage.defineItem<EnabledSite[]>('local:enabledSites', {
  fallback: [],
  version: 1,
});

/** The stored list, validated entry by entry: one damaged entry does not lose the others. */
export async function readEnabledSites(): Promise<EnabledSite[]> {
  const raw = await enabledSitesItem.getValue();
  if (!Array.isArray(raw)) return [];
  const whole = EnabledSites.safeParse(raw);
  if (whole.success) return whole.data;
  return raw.flatMap((entry) => {
    const parsed = EnabledSite.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
