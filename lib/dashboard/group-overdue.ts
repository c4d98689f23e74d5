import type { OverdueItem } from '../contract/analytics.ts';

export interface AgentGroup {
  /** The assignee's id, or null for unassigned contact requests. */
  agentId: string | null;
  agentName: string;
  team: string | null;
  items: OverdueItem[];
}

export const UNASSIGNED = 'Unassigned';

/**
 * Overdue follow-ups and forgotten contact requests, one group per agent: the agent with the most waiting
 * first (then by name), and inside a group the oldest first, as the backend sent them.
 */
export function groupOverdueByAgent(items: readonly OverdueItem[]): AgentGroup[] {
  const groups = new Map<string, AgentGroup>();
  for (const item of items) {
    const key = item.assignee ? (item.assignee.id ?? `name:${item.assignee.name}`) : '';
    let group = groups.get(key);
    if (!group) {
      group = {
        agentId: item.assignee?.id ?? null,
        agentName: item.assignee?.name ?? UNASSIGNED,
        team: item.assignee?.team ?? null,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].sort(
    (a, b) => b.items.length - a.items.length || a.agentName.localeCompare(b.agentName),
  );
}
