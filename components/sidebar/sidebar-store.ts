import { create, type StateCreator } from 'zustand';
import type { Playbook } from '../../lib/contract/playbook.ts';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { TaskCreate } from '../../lib/contract/tasks.ts';
import type {
  CreateFollowUpMessage,
  Failure,
  LinkIdentityMessage,
  LinkIdentityResult,
  LogInteractionMessage,
  SearchProfilesResult,
  SelectionView,
  WriteResult,
} from '../../lib/messaging/schemas.ts';
import type {
  PageIdentityMessage,
  PageTriageView,
  TriageThresholdsView,
} from '../../lib/messaging/triage-schemas.ts';
import { newIdempotencyKey } from '../../lib/tasks/idempotency.ts';
import { copyText } from './copy-text.ts';

export type SidebarPhase =
  | { phase: 'loading' }
  | { phase: 'ready'; selection: SelectionView }
  | { phase: 'failed'; error: Failure };

/** Everything the sidebar asks of the background; injected, so tests drive the store without a browser. */
export interface SidebarApi {
  getSelection(): Promise<SelectionView>;
  close(): Promise<void>;
  getPlaybook?(): Promise<Playbook | null>;
  createFollowUp?(data: CreateFollowUpMessage): Promise<WriteResult>;
  logInteraction?(data: LogInteractionMessage): Promise<WriteResult>;
  searchProfiles?(data: { q: string }): Promise<SearchProfilesResult>;
  linkIdentity?(data: LinkIdentityMessage): Promise<LinkIdentityResult>;
  copyText?(text: string): Promise<void>;
  // "Who's here" (issue 6).
  getTriageThresholds?(): Promise<TriageThresholdsView>;
  getPageTriage?(): Promise<PageTriageView>;
  openPageIdentity?(data: PageIdentityMessage): Promise<{ revealed: boolean }>;
  /** Calls back with the sending tab's id whenever a page's badges changed; returns the unsubscribe. */
  onPageChanged?(listener: (tabId: number) => void): () => void;
}

const backgroundGone: Failure = {
  code: 'extension_error',
  message: 'The Known background service did not answer.',
};

// --- selection slice: which customer this tab's sidebar shows.
export interface SelectionSlice {
  view: SidebarPhase;
  /** Milliseconds from the page's start to the profile on screen (for the measured figure in the README). */
  loadedInMs: number | null;
  load(): Promise<void>;
  close(): Promise<void>;
}

// --- playbook slice: what the suggestion engine runs on.
export interface PlaybookSlice {
  playbook: Playbook | null;
  playbookState: 'loading' | 'ready' | 'missing';
  loadPlaybook(): Promise<void>;
}

// --- follow-up slice: one follow-up per selection, idempotent.
export type FollowUpState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'created'; dueAt: string | null }
  | { state: 'queued' }
  | { state: 'failed'; error: Failure };

export interface FollowUpSlice {
  followUp: FollowUpState;
  /** Made once per loaded selection: every click and every retry of this follow-up sends the same key. */
  followUpKey: string;
  createFollowUp(task: TaskCreate): Promise<void>;
}

// --- feedback slice: suggestion used / wrong, offers made.
export type FeedbackMark = 'used' | 'wrong' | 'offered' | 'copied' | 'queued' | 'failed';
export interface FeedbackSlice {
  marks: Record<string, FeedbackMark>;
  copy(id: string, text: string): Promise<void>;
  logFeedback(
    id: string,
    mark: 'used' | 'wrong' | 'offered',
    interaction: LogInteractionMessage['interaction'],
  ): Promise<void>;
}

// --- link slice: an unknown identifier → the profile it belongs to.
export type LinkState =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'results'; results: ProfileSummary[] }
  | { state: 'linking'; profileId: string }
  | { state: 'linked'; profileId: string }
  | { state: 'failed'; error: Failure };

export interface LinkSlice {
  link: LinkState;
  search(q: string): Promise<void>;
  linkTo(data: LinkIdentityMessage): Promise<void>;
}

// --- triage slice: "Who's here", every identity on the page by priority (issue 6).
export type TriageState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; view: Extract<PageTriageView, { ok: true }>; refreshing: boolean }
  | { state: 'failed'; error: Failure };

export interface TriageSlice {
  /** `whoIsHere` once the agent asked for the list; the selection (profile) otherwise. */
  screen: 'selection' | 'whoIsHere';
  triage: TriageState;
  /** The tenant's cut-offs for the reach class; null until the background answered (defaults meanwhile). */
  thresholds: TriageThresholdsView | null;
  loadThresholds(): Promise<void>;
  showWhoIsHere(): void;
  showSelection(): void;
  loadTriage(): Promise<void>;
  /** Scrolls the page to the identity, makes it the selection and shows its profile. */
  openTriageRow(key: string): Promise<void>;
  /** Listens for the page's "badges changed" notes while the sidebar lives; returns the unsubscribe. */
  watchPage(): () => void;
}

export type SidebarState = SelectionSlice &
  PlaybookSlice &
  FollowUpSlice &
  FeedbackSlice &
  LinkSlice &
  TriageSlice;
type Slice<T> = StateCreator<SidebarState, [], [], T>;

const selectionSlice =
  (api: SidebarApi, startedAt: () => number): Slice<SelectionSlice> =>
  (set) => ({
    view: { phase: 'loading' },
    loadedInMs: null,
    async load() {
      set({ view: { phase: 'loading' } });
      try {
        const selection = await api.getSelection();
        set({
          view: { phase: 'ready', selection },
          loadedInMs: startedAt(),
          // A new selection is a new intent: a new follow-up key, nothing marked yet.
          followUp: { state: 'idle' },
          followUpKey: newIdempotencyKey(),
          marks: {},
          link: { state: 'idle' },
        });
      } catch {
        set({ view: { phase: 'failed', error: backgroundGone } });
      }
    },
    async close() {
      await api.close().catch(() => undefined);
    },
  });

const playbookSlice =
  (api: SidebarApi): Slice<PlaybookSlice> =>
  (set) => ({
    playbook: null,
    playbookState: 'loading',
    async loadPlaybook() {
      const playbook = await (api.getPlaybook?.() ?? Promise.resolve(null)).catch(() => null);
      set({ playbook, playbookState: playbook ? 'ready' : 'missing' });
    },
  });

const followUpSlice =
  (api: SidebarApi): Slice<FollowUpSlice> =>
  (set, get) => ({
    followUp: { state: 'idle' },
    followUpKey: newIdempotencyKey(),
    async createFollowUp(task) {
      // A second click while the first is on its way, or after it landed, does nothing; the key would make
      // the backend ignore it anyway.
      const current = get().followUp.state;
      if (current === 'sending' || current === 'created' || current === 'queued') return;
      set({ followUp: { state: 'sending' } });
      try {
        const result = await (api.createFollowUp?.({ key: get().followUpKey, task }) ??
          Promise.reject(new Error('no api')));
        set({
          followUp:
            result.status === 'created'
              ? { state: 'created', dueAt: result.task?.dueAt ?? null }
              : result.status === 'queued'
                ? { state: 'queued' }
                : { state: 'failed', error: result.error },
        });
      } catch {
        set({ followUp: { state: 'failed', error: backgroundGone } });
      }
    },
  });

const feedbackSlice =
  (api: SidebarApi): Slice<FeedbackSlice> =>
  (set, get) => ({
    marks: {},
    async copy(id, text) {
      try {
        await (api.copyText?.(text) ?? copyText(text));
        set({ marks: { ...get().marks, [`copy:${id}`]: 'copied' } });
      } catch {
        set({ marks: { ...get().marks, [`copy:${id}`]: 'failed' } });
      }
    },
    async logFeedback(id, mark, interaction) {
      if (get().marks[id]) return;
      set({ marks: { ...get().marks, [id]: mark } });
      try {
        // One key per mark: a retry of this feedback is one interaction on the profile.
        const result = await (api.logInteraction?.({ key: newIdempotencyKey(), interaction }) ??
          Promise.reject(new Error('no api')));
        if (result.status !== 'created') {
          set({ marks: { ...get().marks, [id]: result.status === 'queued' ? 'queued' : 'failed' } });
        }
      } catch {
        set({ marks: { ...get().marks, [id]: 'failed' } });
      }
    },
  });

const linkSlice =
  (api: SidebarApi): Slice<LinkSlice> =>
  (set, get) => ({
    link: { state: 'idle' },
    async search(q) {
      set({ link: { state: 'searching' } });
      try {
        const found = await (api.searchProfiles?.({ q }) ?? Promise.reject(new Error('no api')));
        set({
          link: found.ok
            ? { state: 'results', results: found.results }
            : { state: 'failed', error: found.error },
        });
      } catch {
        set({ link: { state: 'failed', error: backgroundGone } });
      }
    },
    async linkTo(data) {
      set({ link: { state: 'linking', profileId: data.profileId } });
      try {
        const linked = await (api.linkIdentity?.(data) ?? Promise.reject(new Error('no api')));
        if (!linked.ok) {
          set({ link: { state: 'failed', error: linked.error } });
          return;
        }
        set({ link: { state: 'linked', profileId: data.profileId } });
        // The identifier now belongs to a profile: show it.
        await get().load();
      } catch {
        set({ link: { state: 'failed', error: backgroundGone } });
      }
    },
  });

const triageSlice =
  (api: SidebarApi): Slice<TriageSlice> =>
  (set, get) => {
    let loading = false;
    /** A change arrived while a load was on its way: load once more when it lands. */
    let again = false;
    return {
      screen: 'selection',
      triage: { state: 'idle' },
      thresholds: null,
      async loadThresholds() {
        const thresholds = await (api.getTriageThresholds?.() ?? Promise.resolve(null)).catch(() => null);
        set({ thresholds });
      },
      showWhoIsHere() {
        set({ screen: 'whoIsHere' });
        void get().loadTriage();
      },
      showSelection() {
        set({ screen: 'selection' });
      },
      async loadTriage() {
        if (loading) {
          again = true;
          return;
        }
        loading = true;
        const current = get().triage;
        // Rows already shown stay on screen while they refresh: an infinite scroll must not blank the list.
        set({
          triage: current.state === 'ready' ? { ...current, refreshing: true } : { state: 'loading' },
        });
        try {
          const view = await (api.getPageTriage?.() ?? Promise.reject(new Error('no api')));
          set({
            triage: view.ok
              ? { state: 'ready', view, refreshing: false }
              : { state: 'failed', error: view.error },
          });
        } catch {
          set({ triage: { state: 'failed', error: backgroundGone } });
        } finally {
          loading = false;
        }
        if (again) {
          again = false;
          await get().loadTriage();
        }
      },
      async openTriageRow(key) {
        try {
          await (api.openPageIdentity?.({ key }) ?? Promise.reject(new Error('no api')));
        } catch {
          set({ triage: { state: 'failed', error: backgroundGone } });
          return;
        }
        set({ screen: 'selection' });
        await get().load();
      },
      watchPage() {
        return (
          api.onPageChanged?.((tabId) => {
            const { screen, triage, view } = get();
            const listShown =
              screen === 'whoIsHere' || (view.phase === 'ready' && view.selection.status === 'none');
            // Only while the list is on screen (it loads afresh when shown), and only for our own tab's page
            // (every content script's note reaches every sidebar). Before the first answer the tab is not
            // known yet; one extra load then is cheap.
            if (!listShown || (triage.state === 'ready' && triage.view.tabId !== tabId)) return;
            if (triage.state === 'ready' || triage.state === 'loading') void get().loadTriage();
          }) ?? (() => undefined)
        );
      },
    };
  };

/** One store for the sidebar page, built from slices; the API is injected so tests need no browser. */
export const createSidebarStore = (api: SidebarApi, startedAt: () => number = () => performance.now()) =>
  create<SidebarState>()((...a) => ({
    ...selectionSlice(api, startedAt)(...a),
    ...playbookSlice(api)(...a),
    ...followUpSlice(api)(...a),
    ...feedbackSlice(api)(...a),
    ...linkSlice(api)(...a),
    ...triageSlice(api)(...a),
  }));
