import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ScatterPoint, ScatterResponse } from '../../lib/contract/analytics.ts';
import { count, duration, money } from '../../lib/dashboard/figures.ts';
import { countBySpeed, RESPONSE_SPEEDS, toScatterData } from '../../lib/dashboard/scatter-data.ts';
import { CLASS_LABELS, SPEED_COLOURS, speedLabel } from './scatter-style.ts';

const HEIGHT = 340;
/** How close (CSS px) the pointer must be to a point for its tooltip. */
const HOVER_RADIUS = 12;

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/**
 * Reach (followers, log scale) against value (last 12 months), one point per engaged customer, coloured by
 * how fast they were answered. Drawn by uPlot on a canvas, which tests and screen readers cannot read: the
 * container says how many points it plotted (`data-points`), and "Show as table" lists the same points.
 */
export function ScatterPlot({ scatter, onDrawn }: { scatter: ScatterResponse; onDrawn?: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ point: ScatterPoint; left: number; top: number } | null>(null);
  const [asTable, setAsTable] = useState(false);
  const data = useMemo(() => toScatterData(scatter.points), [scatter]);
  const counts = useMemo(() => countBySpeed(scatter.points), [scatter]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = {
      stroke: cssVar('--fg', '#1f2937'),
      grid: { stroke: cssVar('--line', '#e5e7eb'), width: 1 },
      ticks: { stroke: cssVar('--line', '#e5e7eb'), width: 1 },
    };
    const findNearest = (u: uPlot): { point: ScatterPoint; left: number; top: number } | null => {
      const { left, top } = u.cursor;
      if (left === undefined || top === undefined || left < 0) return null;
      let best: { point: ScatterPoint; left: number; top: number; d: number } | null = null;
      data.points.forEach((point, i) => {
        const x = u.valToPos(data.xs[i] as number, 'x');
        const y = u.valToPos(data.ys[point.response][i] as number, 'y');
        const d = Math.hypot(x - left, y - top);
        if (d <= HOVER_RADIUS && (!best || d < best.d)) best = { point, left: x, top: y, d };
      });
      return best;
    };
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
        // Value spans nothing (influencers who never bought) to tens of thousands: an arcsinh scale keeps 0 on
        // the chart while spreading the small and the large like a log scale would.
        scales: {
          x: { time: false, distr: 3, log: 10 },
          y: { distr: 4, asinh: 100 },
        },
        axes: [
          { ...axis, label: 'Followers (log scale)' },
          {
            ...axis,
            label: 'Value, last 12 months (compressed scale)',
            size: 70,
            // Powers of ten only: the arcsinh scale's default ticks crowd together above 100.
            splits: (_u: uPlot, _i: number, _min: number, max: number) =>
              [0, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000].filter((v) => v <= max * 1.5),
            // uPlot's log-axis filter blanks labels it finds crowded (null); ours are already sparse.
            filter: (_u: uPlot, splits: number[]) => splits,
            values: (_u: uPlot, splits: number[]) => splits.map((v) => count(v)),
          },
        ],
        series: [
          {},
          ...RESPONSE_SPEEDS.map((speed) => ({
            label: speedLabel(speed, scatter.fastWithinMinutes),
            stroke: SPEED_COLOURS[speed],
            // Points only: no line joins customers who happen to sit next to each other on the x axis.
            paths: () => null,
            points: {
              show: true,
              size: 8,
              width: 1,
              stroke: SPEED_COLOURS[speed],
              fill: SPEED_COLOURS[speed],
            },
          })),
        ],
        hooks: {
          draw: [() => onDrawn?.()],
          setCursor: [(u) => setHover(findNearest(u))],
        },
      },
      [data.xs, ...RESPONSE_SPEEDS.map((speed) => data.ys[speed])],
      el,
    );
    // The page is as wide as the window; the plot follows it.
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, scatter.fastWithinMinutes, onDrawn]);

  return (
    <div>
      <ul class="legend plain" aria-label="Colours of the plot">
        {RESPONSE_SPEEDS.map((speed) => (
          <li key={speed}>
            <span class="swatch" style={{ background: SPEED_COLOURS[speed] }} aria-hidden="true" />
            {speedLabel(speed, scatter.fastWithinMinutes)} ({count(counts[speed])})
          </li>
        ))}
      </ul>
      <div class="scatter-wrap">
        <div
          ref={host}
          class="scatter"
          data-testid="scatter"
          data-points={String(data.points.length)}
          role="img"
          aria-label={`Scatter plot of ${data.points.length} customers: followers on a log scale against value over the last 12 months, coloured by how fast they were answered. The same points are in the table below.`}
        />
        {hover && (
          <div
            class="scatter-tip"
            style={{ left: `${hover.left + 12}px`, top: `${hover.top}px` }}
            aria-hidden="true"
          >
            <strong class="ut">{hover.point.name}</strong>
            <span class="meta">
              {count(hover.point.followers)} followers · value {money(hover.point.valueLast12m)} ·{' '}
              {CLASS_LABELS[hover.point.class]}
            </span>
          </div>
        )}
      </div>
      {scatter.truncated && (
        <p class="muted">Showing the {count(data.points.length)} highest-value customers; more engaged.</p>
      )}
      <p class="meta">
        Points are spread a little so that customers with the same figures do not hide each other; the table
        has the exact figures.
      </p>
      {data.points.some((p) => p.followers === 0) && (
        <p class="muted">Customers with no followers are drawn at 1, where a log scale starts.</p>
      )}
      <button
        type="button"
        aria-expanded={asTable}
        aria-controls="scatter-table"
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? 'Hide the table' : 'Show as table'}
      </button>
      <div id="scatter-table" hidden={!asTable}>
        {asTable && <ScatterTable points={data.points} fastWithinMinutes={scatter.fastWithinMinutes} />}
      </div>
    </div>
  );
}

function ScatterTable({ points, fastWithinMinutes }: { points: ScatterPoint[]; fastWithinMinutes: number }) {
  const sorted = [...points].sort((a, b) => b.valueLast12m - a.valueLast12m);
  return (
    <div class="table-scroll">
      <table data-testid="scatter-table">
        <caption>The plotted customers, highest value first ({count(points.length)})</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col" class="num">
              Followers
            </th>
            <th scope="col" class="num">
              Value, last 12 months
            </th>
            <th scope="col">Class</th>
            <th scope="col">Response</th>
            <th scope="col" class="num">
              Median first response
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.profileId} data-testid="scatter-row">
              <th scope="row" class="ut">
                {p.name}
              </th>
              <td class="num">{count(p.followers)}</td>
              <td class="num">{money(p.valueLast12m)}</td>
              <td>{CLASS_LABELS[p.class]}</td>
              <td>{speedLabel(p.response, fastWithinMinutes)}</td>
              <td class="num">{duration(p.medianFirstResponseMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
