import { useState } from 'preact/hooks';
import type { AgentList, OverdueItem } from '../../lib/contract/analytics.ts';
import { groupOverdueByAgent } from '../../lib/dashboard/group-overdue.ts';
import { relativeTime } from '../../lib/suggest/relative-time.ts';
import type { ActionState, Loadable } from './dashboard-store.ts';

type Agents = AgentList['items'];

function Reassign({
  item,
  agents,
  state,
  onReassign,
}: {
  item: OverdueItem;
  agents: Loadable<AgentList>;
  state: ActionState | undefined;
  onReassign: (agentId: string) => void;
}) {
  const choices: Agents =
    agents.state === 'ready' ? agents.value.items.filter((a) => a.id !== item.assignee?.id) : [];
  const [agentId, setAgentId] = useState('');
  const selectId = `reassign-${item.id}`;
  const statusId = `reassign-status-${item.id}`;
  return (
    <form
      class="row reassign"
      onSubmit={(event) => {
        event.preventDefault();
        if (agentId) onReassign(agentId);
      }}
    >
      <label class="inline-label" for={selectId}>
        Reassign to
      </label>
      <select
        id={selectId}
        data-testid="reassign-agent"
        value={agentId}
        disabled={agents.state !== 'ready' || state?.state === 'working'}
        aria-describedby={state ? statusId : undefined}
        onChange={(event) => setAgentId(event.currentTarget.value)}
      >
        <option value="">
          {agents.state === 'failed' ? 'Agents could not be loaded' : 'Choose an agent'}
        </option>
        {choices.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
            {agent.team ? ` (${agent.team})` : ''}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="reassign" disabled={!agentId || state?.state === 'working'}>
        {state?.state === 'working' ? 'Reassigning…' : 'Reassign'}
      </button>
      {state && state.state !== 'working' && (
        <span
          id={statusId}
          data-testid="reassign-status"
          class={state.state === 'failed' ? 'status-error' : 'status-ok'}
        >
          {state.message}
        </span>
      )}
    </form>
  );
}

function Item({
  item,
  agentName,
  now,
  agents,
  state,
  onReassign,
}: {
  item: OverdueItem;
  agentName: string;
  now: Date;
  agents: Loadable<AgentList>;
  state: ActionState | undefined;
  onReassign: (agentId: string) => void;
}) {
  const isTask = item.kind === 'task';
  return (
    <li
      class="card"
      data-testid="overdue-item"
      data-agent={agentName}
      data-kind={item.kind}
      data-id={item.id}
    >
      <span class="pill danger">{isTask ? 'Overdue follow-up' : 'Contact request unanswered'}</span>
      <span class="ut strong">{item.summary}</span>
      <span class="meta">
        <span class="ut">{item.profileName}</span>
        {item.tier ? ` · ${item.tier.name}` : ''}
        {item.channel ? ` · ${item.channel}` : ''} ·{' '}
        {isTask && item.dueAt
          ? `due ${relativeTime(new Date(item.dueAt), now)}`
          : `waiting since ${relativeTime(new Date(item.since), now)}`}
        {' · '}
        <span data-testid="overdue-agent">{agentName}</span>
      </span>
      {isTask && <Reassign item={item} agents={agents} state={state} onReassign={onReassign} />}
    </li>
  );
}

/** Overdue follow-ups and forgotten contact requests, by agent, with a Reassign control on follow-ups. */
export function OverdueList({
  items,
  hasMore,
  agents,
  reassigning,
  now,
  onReassign,
  onMore,
}: {
  items: OverdueItem[];
  hasMore: boolean;
  agents: Loadable<AgentList>;
  reassigning: Record<string, ActionState>;
  now: Date;
  onReassign: (item: OverdueItem, agentId: string) => void;
  onMore: () => void;
}) {
  if (items.length === 0)
    return <p class="muted">Nothing overdue and no contact request waiting. Well done.</p>;
  const groups = groupOverdueByAgent(items);
  return (
    <>
      {agents.state === 'failed' && (
        <p class="status-error" role="alert">
          The list of agents could not be loaded, so nothing can be reassigned: {agents.error.message}
        </p>
      )}
      {groups.map((group) => {
        const headingId = `agent-${group.agentId ?? 'none'}-${group.agentName}`.replace(/[^\w-]/g, '_');
        return (
          <section
            key={headingId}
            class="agent-group"
            aria-labelledby={headingId}
            data-testid="overdue-group"
          >
            <h3 id={headingId}>
              <span class="ut">{group.agentName}</span>
              {group.team ? <span class="muted"> · {group.team}</span> : null}
              <span class="muted"> · {group.items.length} waiting</span>
            </h3>
            <ul class="plain">
              {group.items.map((item) => (
                <Item
                  key={item.id}
                  item={item}
                  agentName={group.agentName}
                  now={now}
                  agents={agents}
                  state={reassigning[item.id]}
                  onReassign={(agentId) => onReassign(item, agentId)}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {hasMore && (
        <button type="button" onClick={onMore}>
          Show more
        </button>
      )}
    </>
  );
}
