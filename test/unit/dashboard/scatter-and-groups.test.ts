import { describe, expect, it } from 'vitest';
import type { OverdueItem, ScatterPoint } from '../../../lib/contract/analytics.ts';
import { groupOverdueByAgent } from '../../../lib/dashboard/group-overdue.ts';
import { countBySpeed, toScatterData } from '../../../lib/dashboard/scatter-data.ts';

const point = (
  id: string,
  followers: number,
  value: number,
  response: ScatterPoint['response'],
): ScatterPoint => ({
  profileId: id,
  name: id,
  followers,
  valueLast12m: value,
  class: 'regular',
  response,
  medianFirstResponseMinutes: null,
});

describe('scatter data for uPlot', () => {
  const points = [
    point('a', 20_000, 0, 'fast'),
    point('b', 75, 6_000, 'slow'),
    point('c', 75, 6_000, 'unanswered'),
    point('d', 0, 100, 'slow'),
  ];
  const data = toScatterData(points);

  it('puts every point in exactly one series, x ascending, 0 followers at ≥ 1 for the log axis', () => {
    expect(data.points).toHaveLength(4);
    expect(data.xs).toEqual([...data.xs].sort((x, y) => x - y));
    expect(Math.min(...data.xs)).toBeGreaterThanOrEqual(0.79);
    data.points.forEach((p, i) => {
      const filled = (['fast', 'slow', 'unanswered'] as const).filter((s) => data.ys[s][i] !== null);
      expect(filled).toEqual([p.response]);
    });
    expect(countBySpeed(points)).toEqual({ fast: 1, slow: 2, unanswered: 1 });
  });

  it('spreads customers with the same figures apart, by at most 25 %, the same way every time', () => {
    const at = (id: string) => {
      const i = data.points.findIndex((p) => p.profileId === id);
      const p = data.points[i] as ScatterPoint;
      return { x: data.xs[i] as number, y: data.ys[p.response][i] as number };
    };
    expect(at('b')).not.toEqual(at('c'));
    for (const id of ['b', 'c']) {
      expect(at(id).x / 75).toBeGreaterThan(0.79);
      expect(at(id).x / 75).toBeLessThan(1.26);
      expect(at(id).y / 6_000).toBeGreaterThan(0.83);
      expect(at(id).y / 6_000).toBeLessThan(1.21);
    }
    expect(at('a').y).toBe(0); // nothing bought stays at 0
    expect(toScatterData(points)).toEqual(data);
  });
});

describe('overdue items grouped by agent', () => {
  const item = (id: string, assignee: OverdueItem['assignee']): OverdueItem => ({
    kind: 'task',
    id,
    profileId: `p-${id}`,
    profileName: 'Customer',
    tier: null,
    summary: 'Call back',
    since: '2026-11-01T00:00:00Z',
    dueAt: '2026-11-02T00:00:00Z',
    assignee,
    channel: null,
  });
  const chloe = { id: 'agt_chloe', name: 'Chloe Martin', team: 'Care' };
  const dev = { id: 'agt_dev', name: 'Dev Patel', team: 'Care' };

  it('puts the agent with most waiting first, keeps the order inside a group, and collects the unassigned', () => {
    const groups = groupOverdueByAgent([
      item('1', chloe),
      item('2', dev),
      item('3', null),
      item('4', dev),
      item('5', { id: null, name: 'dana', team: null }),
    ]);
    expect(groups.map((g) => [g.agentName, g.items.map((i) => i.id)])).toEqual([
      ['Dev Patel', ['2', '4']],
      ['Chloe Martin', ['1']],
      ['dana', ['5']],
      ['Unassigned', ['3']],
    ]);
  });
});
