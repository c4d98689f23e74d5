import { browser } from 'wxt/browser';
import type { FetchLike } from '../lookup/backend-api.ts';
import { originOf, setTabSelection } from '../lookup/tab-selection.ts';
import { sendMessage } from '../messaging/protocol.ts';
import { readConnection } from '../settings/settings-storage.ts';
import { BUILT_IN_MATCHES } from '../sites/built-in-matches.ts';
import { resolveSelection, type SelectionLookup } from './resolve-selection.ts';

export const LOOKUP_MENU_ID = 'known-lookup-selection';
export const LOOKUP_MENU_TITLE = 'Look up in Known';

export interface MenuClick {
  selectionText?: string;
  pageUrl?: string;
}

export type MenuOutcome = SelectionLookup & { sidebarOpened: boolean };

export interface LookupMenu {
  /** What a click on the menu item does; also the e2e's entry point (native menus cannot be clicked). */
  handleClick(info: MenuClick, tabId: number | undefined): Promise<MenuOutcome | null>;
  /** Show the item on the built-in sites plus these (the sites the agent enabled). */
  setExtraPatterns(patterns: string[]): Promise<void>;
}

/** Where the item appears: only pages where Known's content script runs, so the sidebar can open there. */
export const menuPatterns = (extra: readonly string[]) => [...new Set([...BUILT_IN_MATCHES, ...extra])];

export function startLookupMenu(fetchImpl: FetchLike = (input, init) => fetch(input, init)): LookupMenu {
  const menus = browser.contextMenus;

  const handleClick: LookupMenu['handleClick'] = async (info, tabId) => {
    const text = info.selectionText ?? '';
    if (tabId === undefined || text.trim() === '') return null;
    const outcome = await resolveSelection(text, {
      fetchImpl,
      connection: await readConnection(),
      pageUrl: info.pageUrl,
    });
    if (outcome.status !== 'identifier' && outcome.status !== 'found')
      return { ...outcome, sidebarOpened: false };
    // The same path as a badge click: remember the selection for the tab, then the content script opens the
    // sidebar, which asks for it. The selected text is the message context the suggestions read.
    await setTabSelection(
      tabId,
      outcome.identifier,
      {
        messageText: text.slice(0, 5000),
        role: 'text',
        ...(info.pageUrl ? { pageUrl: info.pageUrl.slice(0, 2000) } : {}),
      },
      // The browser's own report of the page the menu was used on.
      originOf(info.pageUrl),
    );
    const sidebarOpened = await sendMessage('showSidebar', undefined, { tabId, frameId: 0 })
      .then(() => true)
      .catch(() => false);
    return { ...outcome, sidebarOpened };
  };

  let extra: string[] = [];
  // Menus outlive the MV3 worker; recreating on every start keeps exactly one item with current patterns.
  const created = menus
    ?.removeAll()
    .then(() => {
      menus.create({
        id: LOOKUP_MENU_ID,
        title: LOOKUP_MENU_TITLE,
        contexts: ['selection'],
        documentUrlPatterns: menuPatterns(extra),
      });
    })
    .catch(() => undefined);

  menus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== LOOKUP_MENU_ID) return;
    void handleClick({ selectionText: info.selectionText, pageUrl: info.pageUrl }, tab?.id).catch(
      (error: unknown) => console.debug('[known] context-menu lookup failed', error),
    );
  });

  // Native context menus cannot be clicked from Playwright; the e2e calls the click path through this. Only the
  // worker's own global: no web page or content script can reach it, so it is safe in every build.
  (globalThis as { __knownLookupMenu?: Pick<LookupMenu, 'handleClick'> }).__knownLookupMenu = { handleClick };

  return {
    handleClick,
    async setExtraPatterns(patterns) {
      extra = patterns;
      await created;
      await menus
        ?.update(LOOKUP_MENU_ID, { documentUrlPatterns: menuPatterns(extra) })
        .catch(() => undefined);
    },
  };
}
