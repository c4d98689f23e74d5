import { useEffect } from 'preact/hooks';
import { identityKey } from '../../lib/contract/normalize.ts';
import { FailurePanel } from './FailurePanel.tsx';
import { ProfileView } from './ProfileView.tsx';
import type { SidebarState } from './sidebar-store.ts';

type UseSidebar = <T>(select: (state: SidebarState) => T) => T;

export function SidebarApp({
  useSidebar,
  onOpenOptions,
}: {
  useSidebar: UseSidebar;
  onOpenOptions: () => void;
}) {
  const view = useSidebar((state) => state.view);
  const load = useSidebar((state) => state.load);
  const close = useSidebar((state) => state.close);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main>
      <header>
        <span class="brand">Known</span>
        <button type="button" class="close" aria-label="Close the Known sidebar" onClick={() => void close()}>
          ×
        </button>
      </header>
      {view.phase === 'loading' && <p aria-busy="true">Loading…</p>}
      {view.phase === 'failed' && <FailurePanel failure={view.error} onOpenOptions={onOpenOptions} />}
      {view.phase === 'ready' && view.selection.status === 'none' && (
        <p class="muted">Click a Known badge on the page to see who that customer is.</p>
      )}
      {view.phase === 'ready' && view.selection.status === 'unknown' && (
        <section data-testid="sidebar-unknown">
          <h1>Not in your profiles yet</h1>
          <p class="muted">{identityKey(view.selection.identifier)}</p>
        </section>
      )}
      {view.phase === 'ready' && view.selection.status === 'error' && (
        <FailurePanel failure={view.selection.error} onOpenOptions={onOpenOptions} />
      )}
      {view.phase === 'ready' && view.selection.status === 'matched' && (
        <ProfileView profile={view.selection.profile} />
      )}
    </main>
  );
}
