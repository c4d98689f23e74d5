import { useEffect, useState } from 'preact/hooks';
import type { PlaybookPanel } from './PlaybookPanel.tsx';

type Props = Parameters<typeof PlaybookPanel>[0];

/**
 * The playbook editor, fetched as its own chunk once the dashboard is up: a lead edits the playbook rarely, so its
 * code stays out of what every dashboard open parses first (and out of the page's 60 kB gz budget).
 */
export function LazyPlaybookPanel(props: Props) {
  const [Panel, setPanel] = useState<typeof PlaybookPanel | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('./PlaybookPanel.tsx').then(
      (module) => live && setPanel(() => module.PlaybookPanel),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <p class="status-error">The playbook editor could not be loaded; reload the page.</p>;
  return Panel ? <Panel {...props} /> : <p class="muted">Loading the playbook…</p>;
}
