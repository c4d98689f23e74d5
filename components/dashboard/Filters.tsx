import { useEffect, useState } from 'preact/hooks';
import { CHANNELS, type Channel } from '../../lib/contract/history.ts';
import { type DashboardFilters, PERIODS, type Period } from '../../lib/dashboard/filters.ts';

const PERIOD_LABELS: Record<Period, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom dates',
};

type Problem = { field: 'from' | 'to'; message: string } | null;

/** One end of the custom period; marked invalid, and pointing at the message, when the problem is its own. */
function DateField({
  field,
  label,
  value,
  problem,
  onInput,
}: {
  field: 'from' | 'to';
  label: string;
  value: string;
  problem: Problem;
  onInput: (value: string) => void;
}) {
  const own = problem?.field === field;
  return (
    <div>
      <label for={`filter-${field}`}>{label}</label>
      <input
        id={`filter-${field}`}
        data-testid={`filter-${field}`}
        type="date"
        value={value}
        aria-invalid={own}
        aria-describedby={own ? 'filter-problem' : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}

/** Period, channel and team. Selects apply at once; custom dates apply with the Apply button. */
export function Filters({
  filters,
  teams,
  problem,
  onChange,
}: {
  filters: DashboardFilters;
  teams: string[];
  problem: Problem;
  onChange: (filters: DashboardFilters) => void;
}) {
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  useEffect(() => {
    setFrom(filters.from ?? '');
    setTo(filters.to ?? '');
  }, [filters.from, filters.to]);
  // The team in the URL may be one the report no longer lists: keep it selectable rather than lose it.
  const teamChoices = filters.team && !teams.includes(filters.team) ? [...teams, filters.team] : teams;
  const custom = filters.period === 'custom';

  return (
    <form
      class="filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filters, period: 'custom', from, to });
      }}
    >
      <div>
        <label for="filter-period">Period</label>
        <select
          id="filter-period"
          data-testid="filter-period"
          value={filters.period}
          onChange={(event) => {
            const period = event.currentTarget.value as Period;
            if (period === 'custom') onChange({ ...filters, period, from, to });
            else
              onChange({
                period,
                ...(filters.channel ? { channel: filters.channel } : {}),
                ...(filters.team ? { team: filters.team } : {}),
              });
          }}
        >
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {PERIOD_LABELS[period]}
            </option>
          ))}
        </select>
      </div>
      {custom && (
        <>
          <DateField field="from" label="From" value={from} problem={problem} onInput={setFrom} />
          <DateField field="to" label="To (included)" value={to} problem={problem} onInput={setTo} />
          <div class="filter-apply">
            <button type="submit" data-testid="filter-apply">
              Apply
            </button>
          </div>
        </>
      )}
      <div>
        <label for="filter-channel">Channel</label>
        <select
          id="filter-channel"
          data-testid="filter-channel"
          value={filters.channel ?? ''}
          onChange={(event) => {
            const { channel: _old, ...rest } = filters;
            const channel = event.currentTarget.value as Channel | '';
            onChange(channel ? { ...rest, channel } : rest);
          }}
        >
          <option value="">All channels</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {channel === 'twitter' ? 'X (Twitter)' : channel}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="filter-team">Team</label>
        <select
          id="filter-team"
          data-testid="filter-team"
          value={filters.team ?? ''}
          onChange={(event) => {
            const { team: _old, ...rest } = filters;
            const team = event.currentTarget.value;
            onChange(team ? { ...rest, team } : rest);
          }}
        >
          <option value="">All teams</option>
          {teamChoices.map((team) => (
            <option key={team} value={team}>
              {team}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p id="filter-problem" class="field-error" role="alert">
          {problem.message}
        </p>
      )}
    </form>
  );
}
