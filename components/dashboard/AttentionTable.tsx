import type { AttentionReport, AttentionRow } from '../../lib/contract/analytics.ts';
import { count, duration, percent } from '../../lib/dashboard/figures.ts';

const COLUMNS = [
  'Customers',
  'Engagements',
  'Share of engagements',
  'Share of attention',
  'Median first response',
  'Answered',
  'Follow-ups due',
  'Follow-ups overdue',
  'SLA compliance',
  'Contact requests unanswered',
] as const;

function Row({ row }: { row: AttentionRow }) {
  return (
    <tr data-testid="attention-row" data-dimension={row.dimension} data-key={row.key}>
      <th scope="row">{row.label}</th>
      <td class="num" data-col="profiles">
        {count(row.profiles)}
      </td>
      <td class="num" data-col="engagements">
        {count(row.engagements)}
      </td>
      <td class="num" data-col="engagementShare">
        {percent(row.engagementShare)}
      </td>
      <td class="num" data-col="attentionShare">
        {percent(row.attentionShare)}
      </td>
      <td class="num" data-col="medianFirstResponse">
        {duration(row.medianFirstResponseMinutes)}
      </td>
      <td class="num" data-col="answeredShare">
        {percent(row.answeredShare)}
      </td>
      <td class="num" data-col="followUpsDue">
        {count(row.followUpsDue)}
      </td>
      <td class="num" data-col="followUpsOverdue">
        {count(row.followUpsOverdue)}
      </td>
      <td class="num" data-col="slaCompliance">
        {percent(row.slaCompliance)}
      </td>
      <td class="num" data-col="unansweredContactRequests">
        {count(row.unansweredContactRequests)} of {count(row.contactRequests)}
      </td>
    </tr>
  );
}

function Group({ title, rows }: { title: string; rows: AttentionRow[] }) {
  return (
    <tbody>
      <tr>
        <th scope="rowgroup" colSpan={COLUMNS.length + 1} class="group">
          {title}
        </th>
      </tr>
      {rows.length === 0 ? (
        <tr>
          <td colSpan={COLUMNS.length + 1} class="muted">
            No engagements in this period.
          </td>
        </tr>
      ) : (
        rows.map((row) => <Row key={`${row.dimension}:${row.key}`} row={row} />)
      )}
    </tbody>
  );
}

/** The attention table of issue 6 (3): per value-versus-reach class and per tier, where the answers went. */
export function AttentionTable({ report, period }: { report: AttentionReport; period: string }) {
  const { totals } = report;
  return (
    <>
      <p data-testid="attention-totals">
        {count(totals.engagements)} engagements from {count(totals.profiles)} customers,{' '}
        {count(totals.answered)} answered; median first response {duration(totals.medianFirstResponseMinutes)}
        .
      </p>
      <div class="table-scroll">
        <table data-testid="attention-table">
          <caption>Attention by class and by tier, {period}</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" class="num">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <Group title="By value and reach" rows={report.byClass} />
          <Group title="By tier" rows={report.byTier} />
        </table>
      </div>
    </>
  );
}
