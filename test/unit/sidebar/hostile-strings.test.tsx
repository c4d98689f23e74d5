// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '../../../components/sidebar/SidebarApp.tsx';
import { createSidebarStore } from '../../../components/sidebar/sidebar-store.ts';
import { demoPlaybook } from '../../../lib/suggest/playbooks/index.ts';
import { sofiaDetail } from './story-profiles.ts';

const now = new Date('2026-11-21T18:00:00Z');
const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const RLO = '\u202Egnp.exe\u202C';
const HUGE = 'A'.repeat(10_240);

afterEach(() => {
  document.body.innerHTML = '';
  delete (window as { __pwned?: number }).__pwned;
});

describe('hostile strings in profile fields and page text', () => {
  it('render as text, never as markup', async () => {
    const profile = sofiaDetail(now);
    profile.name = `${IMG}${SCRIPT}${RLO}`;
    profile.preferences.notes = [SCRIPT, RLO];
    profile.tier = { program: IMG, name: SCRIPT, rank: 2 };
    const [first] = profile.interactions ?? [];
    if (first) first.summary = `${IMG} bags`;
    const [loop] = profile.openLoops ?? [];
    if (loop) loop.summary = SCRIPT;
    const root = document.createElement('div');
    document.body.append(root);
    const useSidebar = createSidebarStore({
      getSelection: async () => ({
        status: 'matched',
        identifier: { kind: 'handle', network: 'x', value: 'sofiaflies' },
        profile,
        context: { messageText: `${SCRIPT} my bags ${IMG}`, pageUrl: 'https://x.com/a' },
      }),
      close: async () => {},
      getPlaybook: async () => demoPlaybook(),
    });
    await act(async () =>
      render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => {}} now={now} />, root),
    );
    await act(async () => {});
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(root.querySelector('[data-testid="profile-name"]')?.textContent).toBe(`${IMG}${SCRIPT}${RLO}`);
    expect(root.textContent).toContain(SCRIPT);
  });

  it('a 10 kB name stays in a clamped, isolated, wrap-anywhere heading', async () => {
    const profile = sofiaDetail(now);
    profile.name = HUGE;
    const root = document.createElement('div');
    document.body.append(root);
    const useSidebar = createSidebarStore({
      getSelection: async () => ({
        status: 'matched',
        identifier: { kind: 'handle', network: 'x', value: 'sofiaflies' },
        profile,
      }),
      close: async () => {},
    });
    await act(async () =>
      render(<SidebarApp useSidebar={useSidebar} onOpenOptions={() => {}} now={now} />, root),
    );
    await act(async () => {});
    const name = root.querySelector('[data-testid="profile-name"]') as HTMLElement;
    expect(name.textContent).toHaveLength(10_240);
    expect(name.classList.contains('ut')).toBe(true);
    expect(name.classList.contains('name')).toBe(true);
    // The classes do the work only if the stylesheet says so: check the rules that keep the layout.
    const css = readFileSync(path.resolve(import.meta.dirname, '../../../components/page.css'), 'utf8');
    expect(css).toMatch(/\.ut\s*\{[^}]*unicode-bidi:\s*isolate[^}]*overflow-wrap:\s*anywhere/);
    expect(css).toMatch(/\.name\s*\{[^}]*line-clamp:\s*3/);
    expect(css).toMatch(/main\s*\{[^}]*overflow-wrap:\s*anywhere/);
  });
});
