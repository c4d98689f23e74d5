import { useState } from 'preact/hooks';
import type { SlaPreview } from '../../lib/contract/analytics.ts';
import type { SlaPolicy } from '../../lib/contract/tasks.ts';
import { count, when } from '../../lib/dashboard/figures.ts';
import { checkSlaForm, type FieldErrors, type SlaForm, slaFormFrom } from '../../lib/dashboard/sla-form.ts';
import { DecimalField } from './DecimalField.tsx';
import type { DashboardApi } from './dashboard-api.ts';
import { PreviewSaveRow, StatusLine } from './settings-status.tsx';
import { useSettingsEditor } from './use-settings-editor.ts';

/** The tenant's follow-up SLA by tier: edited, checked, previewed (which due times move), then saved. */
export function SlaSettings({
  api,
}: {
  api: Pick<DashboardApi, 'getSlaSettings' | 'previewSlaSettings' | 'saveSlaSettings'>;
}) {
  const [form, setForm] = useState<SlaForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, setStatus, preview, forgetPreview, runPreview, save } = useSettingsEditor(api, {
    loading: 'Loading the SLA…',
    load: (api) => api.getSlaSettings(),
    show: (policy) => setForm(slaFormFrom(policy)),
    needsLead: 'Editing the SLA needs the lead role.',
    unavailable: (message) => message,
    preview: (api, policy: SlaPolicy) => api.previewSlaSettings(policy),
    save: (api, policy) => api.saveSlaSettings(policy),
    saved: 'Saved. New follow-ups get these due times.',
  });

  if (!form) return <p class={status.kind === 'error' ? 'status-error' : 'muted'}>{status.text}</p>;

  const edit = (next: SlaForm) => {
    setForm(next);
    // The preview shown was of the old numbers: Save waits for a new one.
    forgetPreview();
    setStatus({ kind: 'idle', text: '' });
  };
  const checkThenPreview = () => {
    const result = checkSlaForm(form);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) void runPreview(result.policy);
    else setStatus({ kind: 'error', text: 'Fix the fields marked above.' });
  };

  return (
    <form onSubmit={save} noValidate aria-labelledby="sla-title" data-testid="sla-form">
      <h3 id="sla-title">Follow-up SLA by tier</h3>
      <div class="field-grid">
        {form.ranks.map((row, index) => (
          <DecimalField
            key={row.rank}
            id={`sla-rank-${row.rank}`}
            label={`Tier rank ${row.rank}${row.rank === '1' ? ' (top)' : ''}: hours`}
            value={row.hours}
            error={errors[`hours.${index}`] ?? errors[`rank.${index}`]}
            onInput={(hours) =>
              edit({ ...form, ranks: form.ranks.map((r, i) => (i === index ? { ...r, hours } : r)) })
            }
          />
        ))}
        <DecimalField
          id="sla-other"
          label="Other tiers: hours"
          value={form.otherTiersHours}
          error={errors.otherTiersHours}
          onInput={(otherTiersHours) => edit({ ...form, otherTiersHours })}
        />
        <DecimalField
          id="sla-untiered"
          label="No tier: hours"
          value={form.untieredHours}
          error={errors.untieredHours}
          onInput={(untieredHours) => edit({ ...form, untieredHours })}
        />
      </div>
      <PreviewSaveRow
        name="sla"
        previewed={!!preview}
        working={status.kind === 'working'}
        onPreview={checkThenPreview}
        hint="Save is offered once you have seen the preview of these numbers."
      >
        <button
          type="button"
          onClick={() => {
            const next = String(form.ranks.reduce((max, r) => Math.max(max, Number(r.rank) || 0), 0) + 1);
            edit({ ...form, ranks: [...form.ranks, { rank: next, hours: form.otherTiersHours || '48' }] });
          }}
        >
          Add a tier rank
        </button>
      </PreviewSaveRow>
      {preview && <SlaPreviewTable view={preview.result} />}
      <StatusLine status={status} testId="sla-status" />
    </form>
  );
}

const hoursWords = (hours: number) => `${count(hours)} h`;

function SlaPreviewTable({ view }: { view: SlaPreview }) {
  return (
    <div data-testid="sla-preview-result">
      <div class="table-scroll">
        <table>
          <caption>What changes for the {count(view.openTasks)} open follow-ups, by tier</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" class="num">
                Open follow-ups
              </th>
              <th scope="col" class="num">
                Hours now
              </th>
              <th scope="col" class="num">
                Hours after saving
              </th>
              <th scope="col" class="num">
                Overdue now
              </th>
              <th scope="col" class="num">
                Overdue under the new hours
              </th>
            </tr>
          </thead>
          <tbody>
            {view.byTier.map((tier) => (
              <tr
                key={tier.key}
                data-testid="sla-preview-tier"
                class={tier.currentHours === tier.proposedHours ? '' : 'changed'}
              >
                <th scope="row" class="ut">
                  {tier.label}
                </th>
                <td class="num">{count(tier.openTasks)}</td>
                <td class="num">{hoursWords(tier.currentHours)}</td>
                <td class="num">{hoursWords(tier.proposedHours)}</td>
                <td class="num">{count(tier.overdueNow)}</td>
                <td class="num">{count(tier.overdueUnderProposed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.examples.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption>Follow-ups whose due time would move (examples)</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Follow-up</th>
                <th scope="col">Due now</th>
                <th scope="col">Due under the new hours</th>
              </tr>
            </thead>
            <tbody>
              {view.examples.map((example) => (
                <tr key={example.taskId}>
                  <th scope="row" class="ut">
                    {example.profileName}
                  </th>
                  <td class="ut">{example.summary}</td>
                  <td>
                    {when(example.dueAt)}
                    {example.overdueNow ? ' (overdue)' : ''}
                  </td>
                  <td>
                    {when(example.proposedDueAt)}
                    {example.overdueUnderProposed ? ' (overdue)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
