import { useState } from 'preact/hooks';
import {
  REACH_CLASSES,
  type SegmentThresholds,
  type TriagePreview,
  type TriageSettingsUpdate,
} from '../../lib/contract/triage.ts';
import { count } from '../../lib/dashboard/figures.ts';
import {
  checkTriageForm,
  type FieldErrors,
  PERCENTILE_FIELDS,
  type TriageForm,
  triageFormFrom,
  WEIGHT_FIELDS,
} from '../../lib/dashboard/triage-form.ts';
import { DecimalField } from './DecimalField.tsx';
import type { DashboardApi } from './dashboard-api.ts';
import { CLASS_LABELS } from './scatter-style.ts';
import { PreviewSaveRow, StatusLine } from './settings-status.tsx';
import { useSettingsEditor } from './use-settings-editor.ts';

// `weights.x` keys hold a dot, which an id would have to escape in CSS selectors.
const fieldId = (key: string) => `triage-${key.replace('.', '-')}`;

const THRESHOLD_ROWS: { label: string; value: (t: SegmentThresholds) => number }[] = [
  { label: '$$ band from (last 12 months)', value: (t) => t.valueBands[0] },
  { label: '$$$ band from', value: (t) => t.valueBands[1] },
  { label: '$$$$ band from', value: (t) => t.valueBands[2] },
  { label: 'High value from (lifetime)', value: (t) => t.highValue },
  { label: 'Low value under (lifetime)', value: (t) => t.lowValue },
  { label: 'Big reach from (followers)', value: (t) => t.bigReach },
  { label: 'Top tiers: rank up to', value: (t) => t.topTierRank },
];

function PreviewTables({ preview }: { preview: TriagePreview }) {
  return (
    <div data-testid="triage-preview-result">
      <div class="table-scroll">
        <table>
          <caption>Thresholds, before and after</caption>
          <thead>
            <tr>
              <th scope="col">Cut-off</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                After saving
              </th>
            </tr>
          </thead>
          <tbody>
            {THRESHOLD_ROWS.map((row) => {
              const before = row.value(preview.before.thresholds);
              const after = row.value(preview.after.thresholds);
              return (
                <tr key={row.label} class={before === after ? '' : 'changed'}>
                  <th scope="row">{row.label}</th>
                  <td class="num">{count(before)}</td>
                  <td class="num">{count(after)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="table-scroll">
        <table>
          <caption>Customers per class, before and after</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                After saving
              </th>
            </tr>
          </thead>
          <tbody>
            {REACH_CLASSES.map((name) => (
              <tr key={name} data-testid="triage-class-count" data-class={name}>
                <th scope="row">{CLASS_LABELS[name]}</th>
                <td class="num">{count(preview.classCounts.before[name] ?? 0)}</td>
                <td class="num">{count(preview.classCounts.after[name] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Triage percentiles and priority weights: checked in the form, previewed (thresholds, class sizes), saved. */
export function TriageSettingsPanel({
  api,
}: {
  api: Pick<DashboardApi, 'getTriageSettings' | 'previewTriageSettings' | 'saveTriageSettings'>;
}) {
  const [form, setForm] = useState<TriageForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, setStatus, preview, forgetPreview, runPreview, save } = useSettingsEditor(api, {
    loading: 'Loading the triage settings…',
    load: (api) => api.getTriageSettings(),
    show: (settings) => setForm(triageFormFrom(settings)),
    needsLead: 'Editing triage needs the lead role.',
    unavailable: (message) => `Triage settings unavailable: ${message}`,
    preview: (api, update: TriageSettingsUpdate) => api.previewTriageSettings(update),
    save: (api, update) => api.saveTriageSettings(update),
    saved: 'Saved. Badges and the triage list use these from now on.',
  });

  if (!form) return <p class={status.kind === 'error' ? 'status-error' : 'muted'}>{status.text}</p>;

  const edit = (key: string, value: string) => {
    setForm({ ...form, [key]: value });
    forgetPreview();
    setStatus({ kind: 'idle', text: '' });
  };

  const checkThenPreview = () => {
    const checked = checkTriageForm(form);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) void runPreview(checked.update);
    else setStatus({ kind: 'error', text: 'Fix the fields marked above.' });
  };

  return (
    <form onSubmit={save} noValidate aria-labelledby="triage-title" data-testid="triage-form">
      <h3 id="triage-title">Triage: classes and priority</h3>
      <fieldset>
        <legend>Percentiles of your customers that set the cut-offs</legend>
        <div class="field-grid">
          {PERCENTILE_FIELDS.map((field) => (
            <DecimalField
              key={field.key}
              id={fieldId(field.key)}
              label={field.label}
              value={form[field.key] ?? ''}
              error={errors[field.key]}
              onInput={(v) => edit(field.key, v)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Priority weights (points)</legend>
        <div class="field-grid">
          {WEIGHT_FIELDS.map((field) => {
            const key = `weights.${field.key}`;
            return (
              <DecimalField
                key={key}
                id={fieldId(key)}
                label={field.label}
                value={form[key] ?? ''}
                error={errors[key]}
                onInput={(v) => edit(key, v)}
              />
            );
          })}
        </div>
      </fieldset>
      <PreviewSaveRow
        name="triage"
        previewed={!!preview}
        working={status.kind === 'working'}
        onPreview={checkThenPreview}
        hint="Save is offered once you have seen the preview of these numbers."
      />
      {preview && <PreviewTables preview={preview.result} />}
      <StatusLine status={status} testId="triage-status" />
    </form>
  );
}
