import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi, type IframeContentScriptUi } from 'wxt/utils/content-script-ui/iframe';
import { KNOWN_UI_ATTRIBUTE } from '../detect/skip-rules.ts';

export const SIDEBAR_ATTRIBUTE = 'data-known-sidebar';
export const SIDEBAR_WIDTH_PX = 360;

export interface SidebarFrame {
  /** Opens the sidebar, or reloads it so it shows the newly selected identity. */
  open(): void;
  close(): void;
  /** The keyboard shortcut: opens (showing the last selection, or a hint) or closes. */
  toggle(): void;
}

/**
 * The sidebar is an extension page in an iframe: the page's scripts see an iframe element and nothing
 * of the profile inside it (DESIGN.md "Privacy by construction").
 */
export function createSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  let ui: IframeContentScriptUi<void> | undefined;
  let isOpen = false;
  /** What had focus when the sidebar opened (usually the badge): focus goes back there when it closes. */
  let opener: Element | null = null;

  const create = () =>
    createIframeUi(ctx, {
      page: '/sidebar.html',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Before the iframe is inserted: `allow` is read when its navigation starts, so set in onMount (after
      // insertion) it would only apply from the second opening on.
      onBeforeMount(_wrapper, iframe) {
        // The sidebar's "Copy" writes a suggested reply to the clipboard; a cross-origin frame needs leave.
        iframe.setAttribute('allow', 'clipboard-write');
      },
      onMount(wrapper, iframe) {
        wrapper.setAttribute(KNOWN_UI_ATTRIBUTE, 'sidebar');
        wrapper.style.cssText = [
          'all: initial',
          'position: fixed',
          'top: 0',
          'right: 0',
          `width: ${SIDEBAR_WIDTH_PX}px`,
          'max-width: 100vw',
          'height: 100vh',
          'z-index: 2147483647',
          'display: block',
        ].join(';');
        iframe.setAttribute(SIDEBAR_ATTRIBUTE, '');
        iframe.title = 'Known: customer profile';
        iframe.style.cssText = [
          'width: 100%',
          'height: 100%',
          'border: 0',
          // Canvas and `light dark`: the sidebar page follows the system theme (an iframe's preferred
          // colour scheme is its element's used color-scheme).
          'background: Canvas',
          'box-shadow: -4px 0 16px rgba(0,0,0,0.18)',
          'color-scheme: light dark',
        ].join(';');
      },
    });

  return {
    open() {
      if (!isOpen) opener = document.activeElement;
      ui ??= create();
      // Re-inserting the iframe reloads it, so it asks the background for the new selection.
      if (isOpen) ui.remove();
      ui.mount();
      // Every opening is the agent's doing (badge, shortcut, context menu): move focus into the sidebar, so the
      // next Tab is its first control rather than the rest of the page (the sidebar is last in tab order).
      // Once loaded: focused earlier, the frame loses focus again when its page commits.
      const { iframe } = ui;
      iframe.addEventListener('load', () => iframe.focus(), { once: true });
      isOpen = true;
    },
    close() {
      ui?.remove();
      isOpen = false;
      // Badges delegate focus to their button, so focusing the host puts the agent back where they were.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      opener = null;
    },
    toggle() {
      if (isOpen) this.close();
      else this.open();
    },
  };
}
