/**
 * A labelled number field of the settings forms (SLA hours, triage percentiles and weights). Typed as text with
 * a decimal keypad, because the form keeps what the lead typed until it is checked; an error is tied to the
 * field by aria-describedby so a screen reader reads it with the field. `id` is also the test id.
 */
export function DecimalField({
  id,
  label,
  value,
  error,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input
        id={id}
        data-testid={id}
        inputMode="decimal"
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
