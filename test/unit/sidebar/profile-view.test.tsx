// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '../../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore, type SidebarApi } from '../../../components/sidebar/sidebar-store.ts';
import type { ProfileDetail } from '../../../lib/contract/profile.ts';
import type {
  CreateFollowUpMessage,
  LogInteractionMessage,
  WriteResult,
} from '../../../lib/messaging/schemas.ts';
import { demoPlaybook } from '../../../lib/suggest/playbooks/index.ts';
import { maryDetail, sofiaDetail } from './story-profiles.ts';

const now = new Date('2026-11-21T18:00:00Z');
const SOFIA_SAYS =
  'Landed yesterday and passengers have waited over an hour for their bags. Bags never arrived.';

async function show(profile: ProfileDetail, api: Partial<SidebarApi> = {}, messageText = SOFIA_SAYS) {
  const root = document.createElement('div');
  document.body.append(root);
  const useSidebar = createSidebarStore({
    getSelection: async () => ({
      status: 'matched',
      identifier: { kind: 'handle', network: 'x', value: 'sofiaflies' },
      profile,
      context: { messageText, role: 'author', pageUrl: 'https://x.com/sofiaflies/status/1' },
    }),
    close: async () => {},
    getPlaybook: async () => demoPlaybook(),
    ...api,
  });
  await act(async () => {
    render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => {}} now={now} />, root);
  });
  await act(async () => {});
  const all = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => all(id)[0];
  return { root, all, one };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the profile view (story 1, the lost bags)', () => {
  it('puts the open loop with its age and channel at the top, before the suggestions', async () => {
    const { one, all, root } = await show(sofiaDetail(now));
    const loops = all('open-loop');
    expect(loops).toHaveLength(1);
    expect(loops[0]?.textContent).toMatch(/Bags did not arrive on XX123/);
    expect(loops[0]?.textContent).toMatch(/2 hours old · X/);
    const order = [...root.querySelectorAll('[data-testid]')].map((el) => el.getAttribute('data-testid'));
    expect(order.indexOf('open-loop')).toBeLessThan(order.indexOf('suggestion'));
    expect(one('reach-class')?.getAttribute('data-class')).toBe('quiet_vip');
    expect(one('reach-class')?.textContent).toMatch(/Quiet VIP/);
    expect(one('preferred-channel')?.textContent).toBe('E-mail');
  });

  it('shows ranked suggestions with reasons, confirming the flight instead of asking for it', async () => {
    const { all } = await show(sofiaDetail(now));
    const suggestions = all('suggestion');
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    const best = suggestions[0] as HTMLElement;
    expect(best.getAttribute('data-kind')).toBe('confirm');
    expect(best.textContent).toMatch(/XX123/);
    expect(best.querySelectorAll('.reasons li').length).toBeGreaterThan(0);
    for (const s of suggestions) expect(s.textContent).not.toMatch(/what is your flight/i);
  });

  it('shows the flight that landed and the next one booked, and the timeline under its case', async () => {
    const { all } = await show(sofiaDetail(now));
    expect(all('recent-item')[0]?.textContent).toMatch(/XX123.*AMS → SEA.*landed.*yesterday/);
    expect(all('upcoming-item')[0]?.textContent).toMatch(/XX456.*booked.*in 9 days/);
    expect(all('timeline-item')).toHaveLength(2);
    expect(all('timeline-case')[0]?.querySelectorAll('[data-testid="timeline-item"]')).toHaveLength(2);
  });
});

describe('the channel hop (story 3, Mary)', () => {
  it('reads as one case across web → X → e-mail, with the broken promise overdue and its age', async () => {
    const { all } = await show(maryDetail(now), {}, 'Still waiting for the refund you promised');
    const cases = all('timeline-case');
    expect(cases).toHaveLength(1);
    expect(cases[0]?.querySelector('[data-testid="case-channels"]')?.textContent).toBe('Web → X → E-mail');
    expect(cases[0]?.querySelectorAll('[data-testid="timeline-item"]')).toHaveLength(3);
    const loop = all('open-loop')[0] as HTMLElement;
    expect(loop.getAttribute('data-overdue')).toBe('true');
    expect(loop.textContent).toMatch(/Overdue/);
    expect(loop.textContent).toMatch(/2 months old/);
  });
});

describe('the one-click follow-up', () => {
  it('sends one idempotency key however often it is clicked, and shows the SLA due time', async () => {
    const calls: CreateFollowUpMessage[] = [];
    const dueAt = new Date(now.getTime() + 8 * 3_600_000).toISOString();
    const { one } = await show(sofiaDetail(now), {
      createFollowUp: async (data): Promise<WriteResult> => {
        calls.push(data);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return {
          status: 'created',
          task: {
            id: 't-1',
            profileId: 'p-sofia',
            summary: data.task.summary,
            status: 'open',
            createdAt: now.toISOString(),
            dueAt,
            overdue: false,
            assignee: { id: 'a-1', name: 'Demo agent' },
            channel: 'twitter',
            sourceUrl: data.task.sourceUrl ?? null,
            snoozedUntil: null,
          },
        };
      },
    });
    const button = one('follow-up-button') as HTMLButtonElement;
    await act(async () => {
      button.click();
      button.click();
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.task).toMatchObject({
      profileId: 'p-sofia',
      channel: 'twitter',
      sourceUrl: 'https://x.com/sofiaflies/status/1',
    });
    expect(calls[0]?.task.summary).toMatch(
      /Follow up with Sofia Reyes: they wrote: "Landed yesterday.*Next: .*XX123/,
    );
    // The display clock is pinned to `now`, so the due time reads exactly.
    expect(one('follow-up-status')?.textContent).toBe('Due in 8 h (Gold SLA)');
    expect(button.disabled).toBe(true);
  });

  it('says "Queued" when the backend is unreachable', async () => {
    const { one } = await show(sofiaDetail(now), { createFollowUp: async () => ({ status: 'queued' }) });
    await act(async () => (one('follow-up-button') as HTMLButtonElement).click());
    expect(one('follow-up-status')?.textContent).toBe("Queued — will send when Known's backend is reachable");
  });
});

describe('suggestion feedback and offers', () => {
  it('logs "used" and an offer as interactions on the profile, once each', async () => {
    const logged: LogInteractionMessage[] = [];
    const { all, root } = await show(sofiaDetail(now), {
      logInteraction: async (data) => {
        logged.push(data);
        return { status: 'created' };
      },
    });
    const used = [...(all('suggestion')[0]?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === 'Used',
    );
    await act(async () => {
      used?.click();
      used?.click();
    });
    const offer = root.querySelector<HTMLButtonElement>('[data-testid="offer"] button');
    await act(async () => offer?.click());
    expect(logged.map((entry) => entry.interaction.type)).toEqual(['suggestion_used', 'offer']);
    expect(logged[0]?.interaction).toMatchObject({
      profileId: 'p-sofia',
      channel: 'twitter',
      direction: 'internal',
    });
    expect(new Set(logged.map((entry) => entry.key)).size).toBe(2);
  });
});
