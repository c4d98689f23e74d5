import type { SiteDefinition } from '../contract/sites.ts';
import type { EnabledSite } from './enabled-sites.ts';
import { originPatternFor, permissionPatternFor, siteScriptId } from './site-patterns.ts';

// How a request to enable something becomes an EnabledSite. The page (to ask the permission prompt) and the
// background (to register) both build it from the same input, so what is asked is what gets registered.

export function siteForOrigin(
  address: string,
): { ok: true; site: EnabledSite } | { ok: false; message: string } {
  const pattern = originPatternFor(address);
  if (!pattern.ok) return pattern;
  return {
    ok: true,
    site: {
      id: siteScriptId('origin', pattern.origin),
      source: 'origin',
      name: pattern.origin,
      matches: [pattern.pattern],
      origins: [pattern.pattern],
    },
  };
}

export function siteForDefinition(definition: SiteDefinition): EnabledSite {
  return {
    id: siteScriptId('admin', definition.id),
    source: 'admin',
    name: definition.name,
    matches: definition.urlPatterns,
    origins: [...new Set(definition.urlPatterns.map(permissionPatternFor))],
    siteId: definition.id,
  };
}
