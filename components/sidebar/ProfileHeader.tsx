import type { ProfileDetail } from '../../lib/contract/profile.ts';
import { t } from '../../lib/i18n/t.ts';
import { formatCount, formatMoney } from '../format.ts';

/** Who this is: name, tier and points, value. The first thing the agent reads. */
export function ProfileHeader({ profile }: { profile: ProfileDetail }) {
  const loyalty = profile.loyalty;
  return (
    <header class="profile-head">
      <h1 data-testid="profile-name" class="ut name" title={profile.name.slice(0, 500)}>
        {profile.name}
      </h1>
      <p data-testid="profile-tier" class="tier">
        {profile.tier ? (
          <>
            <span class="ut">{profile.tier.name}</span> · <span class="ut">{profile.tier.program}</span>
          </>
        ) : (
          t('noTier')
        )}
      </p>
      {loyalty && (
        <p class="meta">
          {t('points', new Intl.NumberFormat().format(loyalty.points))}
          {loyalty.memberSince && ` · ${t('memberSince', loyalty.memberSince.slice(0, 4))}`}
        </p>
      )}
      <section data-testid="profile-value" class="block" aria-labelledby="value-title">
        <h2 id="value-title">{t('valueTitle')}</h2>
        {profile.value ? (
          <dl>
            <dt>{t('lifetime')}</dt>
            <dd>{formatMoney(profile.value.lifetime, profile.value.currency)}</dd>
            <dt>{t('last12m')}</dt>
            <dd>{formatMoney(profile.value.last12m, profile.value.currency)}</dd>
            {typeof profile.ordersCount === 'number' && (
              <>
                <dt>{t('orders')}</dt>
                <dd>{formatCount(profile.ordersCount)}</dd>
              </>
            )}
          </dl>
        ) : (
          <p class="muted">{t('noPurchases')}</p>
        )}
      </section>
    </header>
  );
}
