import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t.ts';
import { FailurePanel } from './FailurePanel.tsx';
import { LinkIdentity } from './LinkIdentity.tsx';
import { ProfileView } from './ProfileView.tsx';
import { ThresholdsContext } from './ReachBlock.tsx';
import { Skeleton } from './Skeleton.tsx';
import type { SidebarState } from './sidebar-store.ts';
import { WhoIsHere } from './WhoIsHere.tsx';

export type UseSidebar = <T>(select: (state: SidebarState) => T) => T;

export function SidebarApp({
  useSidebar,
  onOpenOptions,
  now: fixedNow,
}: {
  useSidebar: UseSidebar;
  onOpenOptions: () => void;
  /** Tests pin the clock; the page reads it once per load so ages do not shift between renders. */
  now?: Date;
}) {
  const view = useSidebar((state) => state.view);
  const load = useSidebar((state) => state.load);
  const loadPlaybook = useSidebar((state) => state.loadPlaybook);
  const close = useSidebar((state) => state.close);
  const screen = useSidebar((state) => state.screen);
  const triage = useSidebar((state) => state.triage);
  const thresholds = useSidebar((state) => state.thresholds);
  const loadThresholds = useSidebar((state) => state.loadThresholds);
  const loadTriage = useSidebar((state) => state.loadTriage);
  const showWhoIsHere = useSidebar((state) => state.showWhoIsHere);
  const showSelection = useSidebar((state) => state.showSelection);
  const openTriageRow = useSidebar((state) => state.openTriageRow);
  const watchPage = useSidebar((state) => state.watchPage);
  const [now] = useState(() => fixedNow ?? new Date());
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    void load();
    void loadPlaybook();
    void loadThresholds();
  }, [load, loadPlaybook, loadThresholds]);
  // Infinite scroll: the page says when new badges were answered; the list refreshes while it is shown.
  useEffect(() => watchPage(), [watchPage]);
  // Escape closes the sidebar from anywhere inside it; the page then puts focus back on the badge.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) void close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  const ready = view.phase === 'ready' ? view.selection : null;
  // Opened with nothing selected (toolbar, shortcut): the list of who is on the page is the start screen.
  const listShown = screen === 'whoIsHere' || ready?.status === 'none';
  const hasSelection = ready !== null && ready.status !== 'none';
  useEffect(() => {
    if (listShown && triage.state === 'idle') void loadTriage();
  }, [listShown, triage.state, loadTriage]);
  // Opened from the list: put the reader on the profile's name rather than nowhere (the row is gone).
  const [fromList, setFromList] = useState(false);
  useEffect(() => {
    if (!fromList || listShown || view.phase !== 'ready') return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1, h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    setFromList(false);
  }, [fromList, listShown, view.phase]);

  return (
    <main
      data-phase={view.phase}
      data-status={ready?.status}
      data-screen={listShown ? 'who-is-here' : 'selection'}
      ref={mainRef}
    >
      <div class="topbar">
        <span class="brand">Known</span>
        <button type="button" class="close" aria-label={t('closeSidebar')} onClick={() => void close()}>
          ×
        </button>
      </div>
      {/* Below the bar, so Close stays the first control (focus order follows what is seen). */}
      {!listShown && (
        <p class="who-back">
          <button type="button" class="link" data-testid="who-is-here-button" onClick={showWhoIsHere}>
            ← {t('whoIsHereAll')}
          </button>
        </p>
      )}
      <ThresholdsContext.Provider value={thresholds?.thresholds}>
        {listShown ? (
          <WhoIsHere
            triage={triage}
            // The list lives on through infinite scroll: "waiting 2 hours" is read at each refresh.
            now={fixedNow ?? new Date()}
            onOpen={(key) => {
              setFromList(true);
              void openTriageRow(key);
            }}
            onRefresh={() => void loadTriage()}
            onOpenOptions={onOpenOptions}
            {...(hasSelection ? { onBack: showSelection } : {})}
          />
        ) : (
          <>
            {view.phase === 'loading' && <Skeleton />}
            {view.phase === 'failed' && <FailurePanel failure={view.error} onOpenOptions={onOpenOptions} />}
            {ready?.status === 'unknown' && (
              <div data-testid="sidebar-unknown">
                <LinkIdentity
                  identifier={ready.identifier}
                  pageUrl={ready.context?.pageUrl}
                  useSidebar={useSidebar}
                />
              </div>
            )}
            {ready?.status === 'error' && (
              <FailurePanel failure={ready.error} onOpenOptions={onOpenOptions} />
            )}
            {ready?.status === 'matched' && (
              <ProfileView
                profile={ready.profile}
                context={ready.context}
                useSidebar={useSidebar}
                now={now}
              />
            )}
          </>
        )}
      </ThresholdsContext.Provider>
    </main>
  );
}
