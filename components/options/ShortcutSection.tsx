import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t.ts';

export interface ShortcutApi {
  /** The key combination bound to toggling the sidebar, or null when the agent removed it. */
  currentShortcut(): Promise<string | null>;
  /** Opens the browser's own shortcut editor (extensions can read but not set their shortcuts). */
  openShortcutSettings(): void;
}

export function ShortcutSection({ api }: { api: ShortcutApi }) {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    api
      .currentShortcut()
      .then(setShortcut)
      .catch(() => setShortcut(null));
  }, [api]);
  return (
    <section class="block" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">{t('shortcutTitle')}</h2>
      <p data-testid="shortcut">
        {shortcut === undefined ? '' : shortcut ? t('shortcutCurrent', shortcut) : t('shortcutNone')}
      </p>
      <button type="button" class="link" onClick={api.openShortcutSettings}>
        {t('shortcutChange')}
      </button>
    </section>
  );
}
