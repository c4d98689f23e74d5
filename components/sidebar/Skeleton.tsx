import { t } from '../../lib/i18n/t.ts';

/** The shape of a profile while it loads, so nothing jumps when it arrives. */
export function Skeleton() {
  return (
    <div aria-busy="true" data-testid="sidebar-loading">
      <span class="sr-only">{t('loading')}</span>
      <div class="skeleton title" />
      <div class="skeleton line" />
      <div class="skeleton block-s" />
      <div class="skeleton line" />
      <div class="skeleton block-s" />
    </div>
  );
}
