import type { SiteAccessBrowser } from '../../../lib/permissions/site-access.ts';

// fakeBrowser (WXT's test browser) leaves `permissions` and `scripting` unimplemented, so these two are modelled
// here with Chrome's observable rules: registering a duplicate id fails, unregistering an unknown id fails,
// and `contains` is true only when every origin asked for is granted.
export function fakeSiteBrowser(granted: string[] = []) {
  const origins = new Set(granted);
  const scripts = new Map<string, { id: string; matches: string[]; js: string[] }>();
  const api: SiteAccessBrowser = {
    permissions: {
      contains: async ({ origins: asked }) => asked.every((origin) => origins.has(origin)),
      remove: async ({ origins: removed }) => {
        for (const origin of removed) origins.delete(origin);
        return true;
      },
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, script);
        }
      },
      unregisterContentScripts: async ({ ids }) => {
        for (const id of ids) {
          if (!scripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
        }
      },
      getRegisteredContentScripts: async () => [...scripts.values()],
    },
  };
  return { api, origins, scripts, grant: (origin: string) => origins.add(origin) };
}
