import type { Failure } from '../../lib/messaging/schemas.ts';
import { failureHint, fixableInOptions } from '../failure-hint.ts';

export function FailurePanel({ failure, onOpenOptions }: { failure: Failure; onOpenOptions: () => void }) {
  return (
    <section class="failure" data-testid="sidebar-error" data-code={failure.code} role="alert">
      <h2>Could not load this customer</h2>
      <p>{failure.message}</p>
      <p>{failureHint(failure)}</p>
      {fixableInOptions(failure) && (
        <button type="button" class="link" onClick={onOpenOptions}>
          Open the Known options page
        </button>
      )}
    </section>
  );
}
