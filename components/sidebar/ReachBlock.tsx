import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ProfileSummary } from '../../lib/contract/profile.ts';
import type { SegmentThresholds } from '../../lib/contract/triage.ts';
import { type MessageKey, t } from '../../lib/i18n/t.ts';
import { type ReachClass, reachClass } from '../../lib/triage/reach-class.ts';
import { formatCount } from '../format.ts';

const NETWORK_NAMES: Record<string, string> = { x: 'X', instagram: 'Instagram' };

/**
 * The tenant's cut-offs (GET /v1/triage/settings through the background), provided once by SidebarApp so
 * every class shown in the sidebar uses them; the built-in defaults until they arrive.
 */
export const ThresholdsContext = createContext<SegmentThresholds | undefined>(undefined);

export const CLASS_LABEL: Record<ReachClass, MessageKey> = {
  quiet_vip: 'reachQuietVip',
  loud_vip: 'reachLoudVip',
  influencer_not_customer: 'reachInfluencer',
  regular: 'reachRegular',
};
const CLASS_HINT: Record<ReachClass, MessageKey> = {
  quiet_vip: 'reachQuietVipHint',
  loud_vip: 'reachLoudVipHint',
  influencer_not_customer: 'reachInfluencerHint',
  regular: 'reachRegularHint',
};

/** Social reach per network, with the value-versus-reach class that puts the two side by side. */
export function ReachBlock({ profile }: { profile: ProfileSummary }) {
  const cls = reachClass(profile, useContext(ThresholdsContext));
  return (
    <section data-testid="reach-class" data-class={cls} class="block" aria-labelledby="reach-title">
      <h2 id="reach-title">{t('reachTitle')}</h2>
      <p class={`reach-class ${cls}`}>
        <strong>{t(CLASS_LABEL[cls])}</strong> <span class="meta">{t(CLASS_HINT[cls])}</span>
      </p>
      {profile.social.length === 0 ? (
        <p class="muted">{t('noSocial')}</p>
      ) : (
        <ul class="plain">
          {profile.social.map((account) => (
            <li key={`${account.network}:${account.handle}`}>
              {NETWORK_NAMES[account.network] ?? account.network} <span class="ut">@{account.handle}</span>:{' '}
              <strong>{formatCount(account.followers)}</strong> {t('followers')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
