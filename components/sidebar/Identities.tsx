import type { ProfileDetail } from '../../lib/contract/profile.ts';
import { t } from '../../lib/i18n/t.ts';
import { channelLabel } from './channel.ts';

const describeIdentifier = (identifier: ProfileDetail['identities'][number]) =>
  identifier.kind === 'handle'
    ? `${identifier.network} @${identifier.value}`
    : `${identifier.kind} ${identifier.value}`;

/** Every identifier linked to this person, with who confirmed the unverified ones. */
export function Identities({ profile }: { profile: ProfileDetail }) {
  const records = profile.identityRecords;
  return (
    <section class="block" aria-labelledby="ids-title">
      <h2 id="ids-title">{t('identitiesTitle')}</h2>
      <ul class="plain">
        {records
          ? records.map((record) => (
              <li key={describeIdentifier(record.identifier)}>
                <span class="ut">{describeIdentifier(record.identifier)}</span>
                {record.linkedBy && <span class="meta"> · {t('linkedBy', record.linkedBy)}</span>}
              </li>
            ))
          : profile.identities.map((identifier) => (
              <li key={describeIdentifier(identifier)} class="ut">
                {describeIdentifier(identifier)}
              </li>
            ))}
      </ul>
    </section>
  );
}

/** Preferred channel and language, and the notes agents left ("aisle seat"). */
export function Preferences({ profile }: { profile: ProfileDetail }) {
  const { channel, language, notes } = profile.preferences;
  if (!channel && !language && notes.length === 0) return null;
  return (
    <section class="block" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('preferencesTitle')}</h2>
      <dl>
        {channel && (
          <>
            <dt>{t('prefersChannel')}</dt>
            <dd data-testid="preferred-channel" class="ut">
              {channelLabel(channel)}
            </dd>
          </>
        )}
        {language && (
          <>
            <dt>{t('language')}</dt>
            <dd class="ut">{language}</dd>
          </>
        )}
      </dl>
      {notes.length > 0 && (
        <ul class="notes">
          {notes.map((note) => (
            <li key={note} class="ut">
              {note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
