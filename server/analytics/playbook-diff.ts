import type { PlaybookPreview } from '../../lib/contract/analytics.ts';
import type { Playbook } from '../../lib/contract/playbook.ts';

// POST /v1/playbook/preview: what saving a playbook would change, by id, against the one in force.

const LISTS = ['intents', 'rules', 'offers'] as const;
const SETTINGS = [
  'version',
  'vertical',
  'name',
  'locale',
  'programs',
  'places',
  'negations',
  'weights',
] as const;

/** JSON with sorted keys, so two equal objects compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export function playbookDiff(
  current: Playbook,
  proposed: Playbook,
  currentSource: PlaybookPreview['currentSource'],
): PlaybookPreview {
  const lists = Object.fromEntries(
    LISTS.map((list) => {
      const before = new Map<string, unknown>(current[list].map((e) => [e.id, e]));
      const after = new Map<string, unknown>(proposed[list].map((e) => [e.id, e]));
      return [
        list,
        {
          added: [...after.keys()].filter((id) => !before.has(id)),
          removed: [...before.keys()].filter((id) => !after.has(id)),
          changed: [...after.keys()].filter(
            (id) => before.has(id) && canonical(before.get(id)) !== canonical(after.get(id)),
          ),
        },
      ];
    }),
  ) as Pick<PlaybookPreview, (typeof LISTS)[number]>;
  const settings = SETTINGS.filter(
    (key) => canonical(current[key] ?? null) !== canonical(proposed[key] ?? null),
  );
  const unchanged =
    settings.length === 0 &&
    LISTS.every((l) => lists[l].added.length + lists[l].removed.length + lists[l].changed.length === 0);
  return { currentSource, ...lists, settings: [...settings], unchanged };
}
