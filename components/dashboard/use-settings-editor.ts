import { useEffect, useState } from 'preact/hooks';
import type { DashboardResult } from '../../lib/messaging/dashboard-schemas.ts';
import { needsLeadRole, settle } from './dashboard-api.ts';
import type { Status } from './settings-status.tsx';

// The load → preview → save cycle the SLA, triage and playbook panels share. Each panel keeps its own form and
// turns it into the input it previews; this keeps what the lead is told and the one preview Save may send, so
// the three panels cannot drift apart in what "Preview failed" or "Not saved" means.

export interface SettingsEditorSteps<Api, Settings, Input, Preview> {
  /** Status text until the settings arrive. */
  loading: string;
  load(api: Api): Promise<DashboardResult<Settings>>;
  /** Puts settings into the form: the loaded ones, and later the saved ones (the backend may normalise them). */
  show(settings: Settings): void;
  /** Said instead of the form when the backend answers 403. */
  needsLead: string;
  /** Said instead of the form when loading fails for any other reason. */
  unavailable(message: string): string;
  preview(api: Api, input: Input): Promise<DashboardResult<Preview>>;
  save(api: Api, input: Input): Promise<DashboardResult<Settings>>;
  /** Tells the lead what the saved settings change from now on. */
  saved: string;
  /** Whether a preview still matches the form; a panel that forgets the preview on every edit need not say. */
  isCurrent?(input: Input): boolean;
  /**
   * A panel whose previews are matched to the form by `isCurrent` forgets the last one when a new attempt fails,
   * or it would come back when the lead edits the form back to it.
   */
  forgetPreviewOnFailure?: boolean;
}

export function useSettingsEditor<Api, Settings, Input, Preview>(
  api: Api,
  steps: SettingsEditorSteps<Api, Settings, Input, Preview>,
) {
  const [status, setStatus] = useState<Status>({ kind: 'working', text: steps.loading });
  const [lastPreview, setPreview] = useState<{ input: Input; result: Preview } | null>(null);

  useEffect(() => {
    void settle(() => steps.load(api)).then((result) => {
      if (result.ok) {
        steps.show(result.value);
        setStatus({ kind: 'idle', text: '' });
      } else
        setStatus({
          kind: 'error',
          text: needsLeadRole(result) ? steps.needsLead : steps.unavailable(result.error.message),
        });
    });
  }, [api]);

  // Save sends only a preview of what the form holds now.
  const preview = lastPreview && (steps.isCurrent?.(lastPreview.input) ?? true) ? lastPreview : null;

  const runPreview = async (input: Input) => {
    setStatus({ kind: 'working', text: 'Previewing…' });
    const result = await settle(() => steps.preview(api, input));
    if (!result.ok) {
      if (steps.forgetPreviewOnFailure) setPreview(null);
      setStatus({ kind: 'error', text: `Preview failed: ${result.error.message}` });
      return;
    }
    setPreview({ input, result: result.value });
    setStatus({ kind: 'idle', text: '' });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!preview) return;
    setStatus({ kind: 'working', text: 'Saving…' });
    const result = await settle(() => steps.save(api, preview.input));
    if (!result.ok) {
      setStatus({ kind: 'error', text: `Not saved: ${result.error.message}` });
      return;
    }
    steps.show(result.value);
    setPreview(null);
    setStatus({ kind: 'ok', text: steps.saved });
  };

  return { status, setStatus, preview, forgetPreview: () => setPreview(null), runPreview, save };
}
