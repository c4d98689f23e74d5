import type { ProfileDetail } from '../../lib/contract/profile.ts';
import { formatMoney } from '../format.ts';
import { ReachBlock } from './ReachBlock.tsx';

export function ProfileView({ profile }: { profile: ProfileDetail }) {
  return (
    <article>
      <h1 data-testid="profile-name">{profile.name}</h1>
      <p data-testid="profile-tier" class="tier">
        {profile.tier ? `${profile.tier.name} · ${profile.tier.program}` : 'No loyalty tier'}
      </p>
      <section data-testid="profile-value" class="block">
        <h2>Value</h2>
        {profile.value ? (
          <dl>
            <dt>Lifetime</dt>
            <dd>{formatMoney(profile.value.lifetime, profile.value.currency)}</dd>
            <dt>Last 12 months</dt>
            <dd>{formatMoney(profile.value.last12m, profile.value.currency)}</dd>
          </dl>
        ) : (
          <p class="muted">No purchases on record.</p>
        )}
      </section>
      <ReachBlock profile={profile} />
      {profile.preferences.channel && (
        <section class="block">
          <h2>Prefers</h2>
          <p>{profile.preferences.channel}</p>
        </section>
      )}
    </article>
  );
}
