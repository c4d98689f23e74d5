import type { AttentionGap } from '../../lib/contract/analytics.ts';
import { count, duration, money, NO_VALUE } from '../../lib/dashboard/figures.ts';
import { relativeTime } from '../../lib/suggest/relative-time.ts';
import { CLASS_LABELS } from './scatter-style.ts';

/** The customers with the largest gap between their value and the attention they got: the quiet VIPs who waited. */
export function GapsTable({ gaps, now }: { gaps: AttentionGap[]; now: Date }) {
  if (gaps.length === 0) return <p class="muted">No gaps in this period.</p>;
  return (
    <div class="table-scroll">
      <table data-testid="gaps-table">
        <caption>Largest gaps between value and attention, largest first</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Class</th>
            <th scope="col">Tier</th>
            <th scope="col" class="num">
              Value, last 12 months
            </th>
            <th scope="col" class="num">
              Followers
            </th>
            <th scope="col" class="num">
              Engagements
            </th>
            <th scope="col" class="num">
              Median first response
            </th>
            <th scope="col">Waiting since</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((gap) => (
            <tr key={gap.profileId} data-testid="gap-row">
              <th scope="row" class="ut">
                {gap.name}
              </th>
              <td>{CLASS_LABELS[gap.class]}</td>
              <td class="ut">{gap.tier?.name ?? NO_VALUE}</td>
              <td class="num">{money(gap.valueLast12m)}</td>
              <td class="num">{count(gap.followers)}</td>
              <td class="num">{count(gap.engagements)}</td>
              <td class="num">{duration(gap.medianFirstResponseMinutes)}</td>
              <td>{gap.waitingSince ? relativeTime(new Date(gap.waitingSince), now) : NO_VALUE}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
