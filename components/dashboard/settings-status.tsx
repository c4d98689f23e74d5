import type { ComponentChildren } from 'preact';
// What every settings panel (SLA, triage, playbook) tells the lead about its last action, and where: one polite
// live region under the form, so screen readers hear "Saved" or the refusal without losing their place.

export type Status = { kind: 'idle' | 'working' | 'ok' | 'error'; text: string };

export function StatusLine({ status, testId }: { status: Status; testId: string }) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid={testId}
      class={status.kind === 'error' ? 'status-error' : status.kind === 'ok' ? 'status-ok' : ''}
    >
      {status.kind === 'idle' ? '' : status.text}
    </p>
  );
}

/**
 * The Preview → Save pair every settings panel ends with: Save stays disabled until the lead has previewed
 * exactly what would be saved. `children` are extra buttons placed before them (e.g. "Add a tier rank").
 */
export function PreviewSaveRow(props: {
  /** Test-id prefix: `<name>-preview`, `<name>-save`. */
  name: string;
  previewLabel?: string;
  previewed: boolean;
  working: boolean;
  onPreview: () => void;
  /** Shown while nothing has been previewed yet. */
  hint: string;
  children?: ComponentChildren;
}) {
  return (
    <>
      <p class="row">
        {props.children}
        <button
          type="button"
          data-testid={`${props.name}-preview`}
          onClick={props.onPreview}
          disabled={props.working}
        >
          {props.previewLabel ?? 'Preview'}
        </button>
        <button
          type="submit"
          class="primary"
          data-testid={`${props.name}-save`}
          disabled={!props.previewed || props.working}
        >
          Save
        </button>
      </p>
      {!props.previewed && <p class="meta">{props.hint}</p>}
    </>
  );
}
