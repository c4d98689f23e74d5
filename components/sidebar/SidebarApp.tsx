import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t.ts';
import { FailurePanel } from './FailurePanel.tsx';
import { LinkIdentity } from './LinkIdentity.tsx';
import { ProfileView } from './ProfileView.tsx';
import { Skeleton } from './Skeleton.tsx';
import type { SidebarState } from './sidebar-store.ts';

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
  const [now] = useState(() => fixedNow ?? new Date());
  useEffect(() => {
    void load();
    void loadPlaybook();
  }, [load, loadPlaybook]);
  // Escape closes the sidebar from anywhere inside it; the page then puts focus back on the badge.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) void close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  const ready = view.phase === 'ready' ? view.selection : null;
  return (
    <main data-phase={view.phase} data-status={ready?.status}>
      <div class="topbar">
        <span class="brand">Known</span>
        <button type="button" class="close" aria-label={t('closeSidebar')} onClick={() => void close()}>
          ×
        </button>
      </div>
      {view.phase === 'loading' && <Skeleton />}
      {view.phase === 'failed' && <FailurePanel failure={view.error} onOpenOptions={onOpenOptions} />}
      {ready?.status === 'none' && <p class="muted">{t('emptyHint')}</p>}
      {ready?.status === 'unknown' && (
        <div data-testid="sidebar-unknown">
          <LinkIdentity
            identifier={ready.identifier}
            pageUrl={ready.context?.pageUrl}
            useSidebar={useSidebar}
          />
        </div>
      )}
      {ready?.status === 'error' && <FailurePanel failure={ready.error} onOpenOptions={onOpenOptions} />}
      {ready?.status === 'matched' && (
        <ProfileView profile={ready.profile} context={ready.context} useSidebar={useSidebar} now={now} />
      )}
    </main>
  );
}
