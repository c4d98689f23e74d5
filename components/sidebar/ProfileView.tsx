import { useMemo } from 'preact/hooks';
import type { ProfileDetail } from '../../lib/contract/profile.ts';
import type { SelectionContext } from '../../lib/messaging/schemas.ts';
import { type SuggestResult, suggest } from '../../lib/suggest/engine.ts';
import { channelForPage } from '../../lib/tasks/channel-for-page.ts';
import { followUpSummary } from '../../lib/tasks/follow-up-summary.ts';
import { FollowUp } from './FollowUp.tsx';
import { Identities, Preferences } from './Identities.tsx';
import { Items } from './Items.tsx';
import { OpenLoops } from './OpenLoops.tsx';
import { ProfileHeader } from './ProfileHeader.tsx';
import { ReachBlock } from './ReachBlock.tsx';
import type { UseSidebar } from './SidebarApp.tsx';
import { Suggestions } from './Suggestions.tsx';
import { Timeline } from './Timeline.tsx';

/** The engine is pure; a playbook a lead got subtly wrong must not take the whole sidebar down with it. */
function safeSuggest(input: Parameters<typeof suggest>[0]): SuggestResult | null {
  try {
    return suggest(input);
  } catch {
    return null;
  }
}

/**
 * A matched customer, in the order an agent needs it: who (header), what we owe them (open loops), what to
 * say and offer, the follow-up, then the story so far.
 */
export function ProfileView({
  profile,
  context,
  useSidebar,
  now,
}: {
  profile: ProfileDetail;
  context: SelectionContext | undefined;
  useSidebar: UseSidebar;
  now: Date;
}) {
  const playbook = useSidebar((s) => s.playbook);
  const playbookState = useSidebar((s) => s.playbookState);
  const followUp = useSidebar((s) => s.followUp);
  const createFollowUp = useSidebar((s) => s.createFollowUp);
  const marks = useSidebar((s) => s.marks);
  const copy = useSidebar((s) => s.copy);
  const logFeedback = useSidebar((s) => s.logFeedback);

  const messageText = context?.messageText ?? '';
  const result = useMemo(
    () => (playbook ? safeSuggest({ playbook, profile, messageText, now }) : null),
    [playbook, profile, messageText, now],
  );
  const channel = channelForPage(context?.pageUrl);
  const summary = followUpSummary({
    name: profile.name,
    messageText,
    suggestion: result?.suggestions[0]?.text,
  });

  return (
    <article class="profile">
      <ProfileHeader profile={profile} />
      <OpenLoops loops={profile.openLoops ?? []} now={now} />
      <Suggestions
        result={result}
        profile={profile}
        actions={{ marks, copy, logFeedback }}
        playbookMissing={playbookState === 'missing'}
        channel={channel}
      />
      <FollowUp
        followUp={followUp}
        summary={summary}
        tierName={profile.tier?.name ?? null}
        now={now}
        onCreate={() =>
          void createFollowUp({
            profileId: profile.id,
            summary,
            channel,
            ...(context?.pageUrl ? { sourceUrl: context.pageUrl } : {}),
          })
        }
      />
      <Items recent={profile.recent ?? []} upcoming={profile.upcoming ?? []} now={now} />
      <Timeline cases={profile.cases ?? []} interactions={profile.interactions ?? []} now={now} />
      <ReachBlock profile={profile} />
      <Identities profile={profile} />
      <Preferences profile={profile} />
    </article>
  );
}
