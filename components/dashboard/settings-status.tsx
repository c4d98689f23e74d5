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
