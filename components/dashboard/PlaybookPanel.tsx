import { useState } from 'preact/hooks';
import type { PlaybookPreview } from '../../lib/contract/analytics.ts';
import { when } from '../../lib/dashboard/figures.ts';
import {
  CHANGE_KINDS,
  type PlaybookDraft,
  PREVIEW_GROUPS,
  parsePlaybookText,
  playbookText,
} from '../../lib/dashboard/playbook-text.ts';
import type { DashboardApi } from './dashboard-api.ts';
import { PreviewSaveRow, StatusLine } from './settings-status.tsx';
import { useSettingsEditor } from './use-settings-editor.ts';

function PreviewSummary({ preview }: { preview: PlaybookPreview }) {
  if (preview.unchanged)
    return (
      <p data-testid="playbook-preview-result" class="muted">
        Nothing changes: this is the playbook in force.
      </p>
    );
  return (
    <div data-testid="playbook-preview-result">
      <div class="table-scroll">
        <table>
          <caption>What saving changes, by id</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              {CHANGE_KINDS.map((kind) => (
                <th key={kind} scope="col">
                  {kind[0]?.toUpperCase()}
                  {kind.slice(1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PREVIEW_GROUPS.map((group) => (
              <tr key={group.key}>
                <th scope="row">{group.label}</th>
                {CHANGE_KINDS.map((kind) => {
                  const ids = preview[group.key][kind];
                  return (
                    <td key={kind} class="ut" data-testid={`playbook-${group.key}-${kind}`}>
                      {ids.length === 0 ? '—' : ids.join(', ')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.settings.length > 0 && (
        <p class="meta" data-testid="playbook-settings-changed">
          Settings that differ: {preview.settings.join(', ')}
        </p>
      )}
      {preview.currentSource === 'default' && (
        <p class="meta">Compared with the shipped playbook: the tenant has not saved one of its own yet.</p>
      )}
    </div>
  );
}

/** The tenant's suggestion playbook as JSON: parsed, previewed (what it adds, removes, changes), then saved. */
export function PlaybookPanel({
  api,
}: {
  api: Pick<DashboardApi, 'getPlaybookForEdit' | 'previewPlaybook' | 'savePlaybook'>;
}) {
  const [text, setText] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  const { status, setStatus, preview, forgetPreview, runPreview, save } = useSettingsEditor(api, {
    loading: 'Loading the playbook…',
    load: (api) => api.getPlaybookForEdit(),
    show: (answer) => {
      setText(playbookText(answer.playbook));
      setOrigin(
        answer.source === 'default'
          ? 'The shipped playbook (the tenant has not saved its own).'
          : `Saved${answer.updatedBy ? ` by ${answer.updatedBy}` : ''}${answer.updatedAt ? `, ${when(answer.updatedAt)}` : ''}.`,
      );
    },
    needsLead: 'Editing the playbook needs the lead role.',
    unavailable: (message) => `Playbook unavailable: ${message}`,
    preview: (api, input: { text: string; draft: PlaybookDraft }) => api.previewPlaybook(input.draft),
    save: (api, input) => api.savePlaybook(input.draft),
    saved: 'Saved. Agents get suggestions from this playbook now.',
    // The preview belongs to the exact text it was made from: Save sends that text's draft, nothing else.
    isCurrent: (input) => input.text === text,
    forgetPreviewOnFailure: true,
  });

  if (text === null) return <p class={status.kind === 'error' ? 'status-error' : 'muted'}>{status.text}</p>;

  const parseThenPreview = () => {
    const parsed = parsePlaybookText(text);
    if (parsed.ok) void runPreview({ text, draft: parsed.value });
    else {
      forgetPreview();
      setStatus({ kind: 'error', text: parsed.message });
    }
  };

  return (
    <form onSubmit={save} noValidate aria-labelledby="playbook-title" data-testid="playbook-form">
      <h3 id="playbook-title">Playbook</h3>
      <p class="meta">{origin}</p>
      <label for="playbook-json">Playbook (JSON): intents, rules and offers</label>
      <textarea
        id="playbook-json"
        data-testid="playbook-json"
        class="code"
        rows={18}
        spellcheck={false}
        value={text}
        aria-invalid={status.kind === 'error'}
        aria-describedby="playbook-status"
        onInput={(event) => {
          setText(event.currentTarget.value);
          setStatus({ kind: 'idle', text: '' });
        }}
      />
      <PreviewSaveRow
        name="playbook"
        previewLabel="Preview changes"
        previewed={!!preview}
        working={status.kind === 'working'}
        onPreview={parseThenPreview}
        hint="Save is offered once you have previewed this exact text."
      />
      {preview && <PreviewSummary preview={preview.result} />}
      <div id="playbook-status">
        <StatusLine status={status} testId="playbook-status" />
      </div>
    </form>
  );
}
