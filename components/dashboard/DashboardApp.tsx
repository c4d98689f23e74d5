import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardFilters } from '../../lib/dashboard/filters.ts';
import { failureHint } from '../failure-hint.ts';
import { AttentionTable } from './AttentionTable.tsx';
import type { DashboardApi } from './dashboard-api.ts';
import type { DashboardStore, Loadable } from './dashboard-store.ts';
import { Filters } from './Filters.tsx';
import { GapsTable } from './GapsTable.tsx';
import { LazyPlaybookPanel } from './LazyPlaybookPanel.tsx';
import { OverdueList } from './OverdueList.tsx';
import { ScatterPlot } from './ScatterPlot.tsx';
import { SlaSettings } from './SlaSettings.tsx';
import { TriageSettingsPanel } from './TriageSettingsPanel.tsx';

/** The User Timing mark set once the attention table and the plot are first on screen (measured in the README). */
export const FIRST_RENDER_MARK = 'known-dashboard-first-render';

function periodWords(filters: DashboardFilters): string {
  if (filters.period === 'custom') return `${filters.from ?? '?'} to ${filters.to ?? '?'}`;
  return `last ${Number.parseInt(filters.period, 10)} days`;
}

function Failed({ what, state }: { what: string; state: Loadable<unknown> }) {
  if (state.state !== 'failed') return null;
  return (
    <div class="failure" role="alert">
      <p>
        {what} could not be loaded: {state.error.message}
      </p>
      <p class="meta">{failureHint(state.error)}</p>
    </div>
  );
}

const Busy = ({ state }: { state: Loadable<unknown> }) =>
  state.state === 'loading' || state.state === 'idle' ? (
    <div class="skeleton block-s" aria-hidden="true" />
  ) : null;

function ExportButton({
  label,
  onExport,
  working,
  testId,
}: {
  label: string;
  onExport: () => void;
  working: boolean;
  testId: string;
}) {
  return (
    <button type="button" data-testid={testId} onClick={onExport} disabled={working}>
      {working ? 'Exporting…' : label}
    </button>
  );
}

/** The team lead's dashboard: where the team's attention went, who waits, and the settings that steer it. */
export function DashboardApp({
  useDashboard,
  api,
  now = new Date(),
}: {
  useDashboard: DashboardStore;
  api: DashboardApi;
  now?: Date;
}) {
  const state = useDashboard();
  const [plotDrawn, setPlotDrawn] = useState(false);
  const [firstRenderMs, setFirstRenderMs] = useState<number | null>(null);
  const marked = useRef(false);
  const onDrawn = useCallback(() => setPlotDrawn(true), []);

  useEffect(() => {
    void useDashboard.getState().load();
  }, [useDashboard]);

  // First render: from navigation start (performance.now() is measured from it) to the table and the plot drawn.
  const tableReady = state.attention.state === 'ready';
  const plotReady = plotDrawn || (state.scatter.state === 'ready' && state.scatter.value.points.length === 0);
  useEffect(() => {
    if (marked.current || !tableReady || !plotReady) return;
    marked.current = true;
    const mark = performance.mark(FIRST_RENDER_MARK);
    setFirstRenderMs(Math.round(mark.startTime));
  }, [tableReady, plotReady]);

  if (state.access === 'forbidden') {
    return (
      <main class="dashboard">
        <h1>Team dashboard</h1>
        <p class="failure" role="alert" data-testid="dashboard-forbidden">
          The team dashboard needs the lead role. Your API token belongs to an agent; ask your Known admin for
          a lead token if you run a team.
        </p>
      </main>
    );
  }

  const report = state.attention.state === 'ready' ? state.attention.value : null;
  const period = periodWords(state.filters);

  return (
    <main class="dashboard" data-first-render-ms={firstRenderMs ?? undefined}>
      <h1>Team dashboard</h1>
      <p class="muted">Where the team’s attention went: value against reach, answers, follow-ups and SLAs.</p>
      <Filters
        filters={state.filters}
        teams={report?.teams ?? []}
        problem={state.filterProblem}
        onChange={(filters) => void state.setFilters(filters)}
      />
      <p class="sr-only" role="status" aria-live="polite">
        {state.announcement}
      </p>

      <section class="block" aria-labelledby="scatter-title">
        <h2 id="scatter-title">Reach against value, {period}</h2>
        <Busy state={state.scatter} />
        <Failed what="The plot" state={state.scatter} />
        {state.scatter.state === 'ready' &&
          (state.scatter.value.points.length === 0 ? (
            <p class="muted" data-testid="scatter" data-points="0">
              No customer engaged in this period.
            </p>
          ) : (
            <ScatterPlot scatter={state.scatter.value} onDrawn={onDrawn} />
          ))}
      </section>

      <section class="block" aria-labelledby="attention-title">
        <div class="section-head">
          <h2 id="attention-title">Attention, {period}</h2>
          {report && (
            <ExportButton
              label="Export attention (CSV)"
              testId="export-attention"
              working={state.exporting.attention?.state === 'working'}
              onExport={() => void state.exportCsv('attention')}
            />
          )}
        </div>
        <Busy state={state.attention} />
        <Failed what="The attention table" state={state.attention} />
        {report && <AttentionTable report={report} period={period} />}
        {report && (
          <>
            <h3>Largest gaps</h3>
            <GapsTable gaps={report.gaps} now={now} />
          </>
        )}
      </section>

      <section class="block" aria-labelledby="overdue-title">
        <div class="section-head">
          <h2 id="overdue-title">Overdue follow-ups and forgotten contact requests, by agent</h2>
          {state.overdue.state === 'ready' && (
            <ExportButton
              label="Export overdue (CSV)"
              testId="export-overdue"
              working={state.exporting.overdue?.state === 'working'}
              onExport={() => void state.exportCsv('overdue')}
            />
          )}
        </div>
        <Busy state={state.overdue} />
        <Failed what="The overdue list" state={state.overdue} />
        {state.overdue.state === 'ready' && (
          <OverdueList
            items={state.overdue.value.items}
            hasMore={state.overdue.value.nextCursor !== null}
            agents={state.agents}
            reassigning={state.reassigning}
            now={now}
            onReassign={(item, agentId) => void state.reassign(item, agentId)}
            onMore={() => void state.loadMoreOverdue()}
          />
        )}
        {Object.values(state.exporting).map(
          (e) =>
            e?.state === 'failed' && (
              <p key={e.message} class="status-error">
                {e.message}
              </p>
            ),
        )}
      </section>

      <section class="block" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <SlaSettings api={api} />
        <TriageSettingsPanel api={api} />
        <LazyPlaybookPanel api={api} />
      </section>
    </main>
  );
}
