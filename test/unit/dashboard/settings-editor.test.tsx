// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SettingsEditorSteps,
  useSettingsEditor,
} from '../../../components/dashboard/use-settings-editor.ts';
import type { DashboardResult } from '../../../lib/messaging/dashboard-schemas.ts';

// A stand-in for the SLA, triage and playbook panels: settings are a number, the input a string of it.
type Api = {
  load(): Promise<DashboardResult<number>>;
  preview(input: string): Promise<DashboardResult<string>>;
  save(input: string): Promise<DashboardResult<number>>;
};
const refused = (status: number, message: string) =>
  ({ ok: false, error: { code: 'rejected', message }, status }) as const;

function fakeApi(overrides: Partial<Api> = {}) {
  const saved: string[] = [];
  const api: Api = {
    load: async () => ({ ok: true, value: 1 }),
    preview: async (input) => ({ ok: true, value: `preview of ${input}` }),
    save: async (input) => {
      saved.push(input);
      return { ok: true, value: Number(input) };
    },
    ...overrides,
  };
  return { api, saved };
}

async function mount(api: Api, extra: Partial<SettingsEditorSteps<Api, number, string, string>> = {}) {
  const shown: number[] = [];
  let editor!: ReturnType<typeof useSettingsEditor<Api, number, string, string>>;
  function Panel() {
    editor = useSettingsEditor(api, {
      loading: 'Loading…',
      load: (a) => a.load(),
      show: (value) => shown.push(value),
      needsLead: 'Needs the lead role.',
      unavailable: (message) => `Unavailable: ${message}`,
      preview: (a, input) => a.preview(input),
      save: (a, input) => a.save(input),
      saved: 'Saved.',
      ...extra,
    });
    return null;
  }
  await act(async () => render(<Panel />, document.body.appendChild(document.createElement('div'))));
  await act(async () => {});
  const step = async (run: () => Promise<void>) => {
    await act(run);
    await act(async () => {});
  };
  return {
    shown,
    get: () => editor,
    preview: (input: string) => step(() => editor.runPreview(input)),
    save: () => step(() => editor.save(new Event('submit', { cancelable: true }))),
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the settings editor hook', () => {
  it('loads and shows the settings, then says nothing', async () => {
    const panel = await mount(fakeApi().api);
    expect(panel.shown).toEqual([1]);
    expect(panel.get().status).toEqual({ kind: 'idle', text: '' });
  });

  it('tells a 403 apart from any other failure to load, and a background that never answers', async () => {
    const lead = await mount(fakeApi({ load: async () => refused(403, 'no') }).api);
    expect(lead.get().status).toEqual({ kind: 'error', text: 'Needs the lead role.' });
    const down = await mount(fakeApi({ load: async () => refused(500, 'boom') }).api);
    expect(down.get().status).toEqual({ kind: 'error', text: 'Unavailable: boom' });
    const gone = await mount(fakeApi({ load: () => Promise.reject(new Error('port closed')) }).api);
    expect(gone.get().status.text).toBe('Unavailable: The Known background service did not answer.');
    expect([...lead.shown, ...down.shown, ...gone.shown]).toEqual([]);
  });

  it('saves exactly the previewed input and shows what the backend saved', async () => {
    const fake = fakeApi();
    const panel = await mount(fake.api);
    await panel.save();
    expect(fake.saved).toEqual([]);

    await panel.preview('7');
    expect(panel.get().preview).toEqual({ input: '7', result: 'preview of 7' });
    await panel.save();
    expect(fake.saved).toEqual(['7']);
    expect(panel.shown).toEqual([1, 7]);
    expect(panel.get().preview).toBeNull();
    expect(panel.get().status).toEqual({ kind: 'ok', text: 'Saved.' });
  });

  it('says why a save failed and keeps the preview for another try', async () => {
    const panel = await mount(fakeApi({ save: async () => refused(409, 'changed meanwhile') }).api);
    await panel.preview('7');
    await panel.save();
    expect(panel.get().status).toEqual({ kind: 'error', text: 'Not saved: changed meanwhile' });
    expect(panel.get().preview?.input).toBe('7');
    expect(panel.shown).toEqual([1]);
  });

  it('keeps the last preview when a new one fails, unless told to forget it', async () => {
    let fail = false;
    const api = fakeApi({
      preview: async (input) =>
        fail ? refused(400, 'bad number') : { ok: true, value: `preview of ${input}` },
    }).api;
    const keeps = await mount(api);
    const forgets = await mount(api, { forgetPreviewOnFailure: true });
    await keeps.preview('7');
    await forgets.preview('7');
    fail = true;
    await keeps.preview('7');
    await forgets.preview('7');
    for (const panel of [keeps, forgets])
      expect(panel.get().status).toEqual({ kind: 'error', text: 'Preview failed: bad number' });
    expect(keeps.get().preview?.input).toBe('7');
    expect(forgets.get().preview).toBeNull();
  });

  it('offers no preview, and saves nothing, once the form no longer matches it', async () => {
    const fake = fakeApi();
    let formText = '7';
    const panel = await mount(fake.api, { isCurrent: (input) => input === formText });
    await panel.preview('7');
    expect(panel.get().preview?.input).toBe('7');
    formText = '8';
    await act(async () => panel.get().setStatus({ kind: 'idle', text: '' }));
    expect(panel.get().preview).toBeNull();
    await panel.save();
    expect(fake.saved).toEqual([]);
  });
});
