import type { ProfileSummary } from '../../lib/contract/profile.ts';
import { formatCount } from '../format.ts';

const NETWORK_NAMES: Record<string, string> = { x: 'X', instagram: 'Instagram' };

/** Social reach per network. The value-versus-reach class (issue on triage) will join this block. */
export function ReachBlock({ profile }: { profile: ProfileSummary }) {
  return (
    <section data-testid="reach-class" class="block">
      <h2>Social reach</h2>
      {profile.social.length === 0 ? (
        <p class="muted">No social accounts linked.</p>
      ) : (
        <ul>
          {profile.social.map((account) => (
            <li key={`${account.network}:${account.handle}`}>
              {NETWORK_NAMES[account.network] ?? account.network} @{account.handle}:{' '}
              <strong>{formatCount(account.followers)}</strong> followers
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
