import { create } from 'zustand';
import type { Failure, SelectionView } from '../../lib/messaging/schemas.ts';

export type SidebarPhase =
  | { phase: 'loading' }
  | { phase: 'ready'; selection: SelectionView }
  | { phase: 'failed'; error: Failure };

export interface SidebarApi {
  getSelection(): Promise<SelectionView>;
  close(): Promise<void>;
}

export interface SidebarState {
  view: SidebarPhase;
  load(): Promise<void>;
  close(): Promise<void>;
}

/** One store for the sidebar page; the API is injected so tests can drive it without a browser. */
export const createSidebarStore = (api: SidebarApi) =>
  create<SidebarState>()((set) => ({
    view: { phase: 'loading' },
    async load() {
      set({ view: { phase: 'loading' } });
      try {
        set({ view: { phase: 'ready', selection: await api.getSelection() } });
      } catch {
        set({
          view: {
            phase: 'failed',
            error: { code: 'extension_error', message: 'The Known background service did not answer.' },
          },
        });
      }
    },
    async close() {
      await api.close().catch(() => undefined);
    },
  }));
