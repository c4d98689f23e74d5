import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getTabSelectionFor, setTabSelection } from '../../../lib/lookup/tab-selection.ts';

const sofia = { kind: 'handle', network: 'x', value: 'sofiaflies' } as const;

describe('a tab selection is only shown on the origin it was made on', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers the sidebar of the same tab on the same origin', async () => {
    await setTabSelection(7, sofia, { messageText: 'bags never arrived' }, 'https://x.com');
    expect(await getTabSelectionFor(7, 'https://x.com/known/status/1')).toMatchObject({ identifier: sofia });
  });

  it('answers nothing once the tab is on another origin, or when the browser hides its address', async () => {
    await setTabSelection(7, sofia, undefined, 'https://x.com');
    expect(await getTabSelectionFor(7, 'https://evil.example/frame-the-sidebar')).toBeNull();
    expect(await getTabSelectionFor(7, undefined)).toBeNull();
    expect(await getTabSelectionFor(8, 'https://x.com/')).toBeNull();
  });

  it('answers nothing for a selection whose origin is unknown', async () => {
    await setTabSelection(7, sofia, undefined, undefined);
    expect(await getTabSelectionFor(7, 'https://x.com/')).toBeNull();
  });
});
