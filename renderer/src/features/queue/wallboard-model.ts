// Pure: what the wallboard shows at `now`, from the queue store, the agents and the live calls.
// Times tick because `now` does; nothing here reads a clock.
import type { Agent, AgentRole, AgentStatus } from '../../../../shared/domain/agent.ts';
import type { Call } from '../../../../shared/domain/call.ts';
import type { AgentLiveState, QueueEntry, QueueStats } from '../../../../shared/domain/queue.ts';
import { servingOrder } from '../../../../shared/queue/queue-order.ts';
import { estimateWaits } from '../../../../shared/queue/wait-estimate.ts';

export interface WaitingRow {
  entry: QueueEntry;
  position: number;
  waitSeconds: number;
  /** Estimated seconds until a person takes it; null: nobody with the skills is at work. */
  estimateSeconds: number | null;
  /** Offered: to whom, and seconds left to accept. */
  offeredTo: string | null;
  offerSecondsLeft: number | null;
}

export interface AgentRow {
  id: number;
  name: string;
  role: AgentRole;
  live: AgentLiveState;
  secondsInState: number;
  /** Wrap-up: seconds until available again. */
  wrapUpLeft: number | null;
}

export interface AgentGroup {
  status: AgentStatus;
  agents: AgentRow[];
}

export interface Kpis {
  waiting: number;
  longestWaitSeconds: number;
  /** 0–1, or null before any call left the queue today. */
  serviceLevel: number | null;
  serviceLevelSeconds: number;
  answered: number;
  abandoned: number;
  avgWaitSeconds: number | null;
  avgHandleSeconds: number | null;
  aiCalls: number;
  humanCalls: number;
  aiHandoffs: number;
  handoffRate: number | null;
  /** Calls in progress now, handled by an AI voice agent / by people. */
  liveAi: number;
  liveHuman: number;
}

export interface SentimentAlert {
  call: Call;
  elapsedSeconds: number;
  /** Who has the caller: the agent's name, or null for an AI or nobody yet. */
  agentName: string | null;
}

export interface Wallboard {
  waiting: WaitingRow[];
  groups: AgentGroup[];
  kpis: Kpis;
  alerts: SentimentAlert[];
}

export interface WallboardInput {
  entries: readonly QueueEntry[];
  agents: Readonly<Record<number, AgentLiveState>>;
  /** The tenant's agents (names; headless seats are machines and left out). */
  people: readonly Agent[];
  stats: QueueStats | null;
  liveCalls: readonly Call[];
  now: number;
}

/** Order of the agent groups: who can take a call first, who is gone last. */
export const STATUS_ORDER: readonly AgentStatus[] = ['available', 'busy', 'wrap-up', 'away', 'offline'];

const since = (iso: string, now: number): number => Math.max(0, (now - Date.parse(iso)) / 1000);
const isAiCall = (c: Call): boolean => c.handled_by === 'ai_agent' || c.realtime_call_id !== null;

export function wallboard({ entries, agents, people, stats, liveCalls, now }: WallboardInput): Wallboard {
  const names = new Map(people.map((a) => [a.id, a.name]));
  const humans = people.filter((a) => a.sip?.media !== 'headless');
  const live = humans.map((a) => agents[a.id]).filter((s): s is AgentLiveState => s !== undefined);
  const estimates = estimateWaits([...entries], live, stats?.recent_handle_seconds ?? null);

  const waiting = servingOrder(entries).map((entry): WaitingRow => {
    const e = estimates.get(entry.id);
    const offered = entry.state === 'offered';
    return {
      entry,
      position: e?.position ?? 0,
      waitSeconds: since(entry.enqueued_at, now),
      estimateSeconds: e?.wait_seconds ?? null,
      offeredTo: offered && entry.offered_agent_id !== null ? (names.get(entry.offered_agent_id) ?? `#${entry.offered_agent_id}`) : null,
      offerSecondsLeft: offered && entry.offer_expires_at ? Math.max(0, Math.ceil((Date.parse(entry.offer_expires_at) - now) / 1000)) : null,
    };
  });

  const rows = humans
    .map((a): AgentRow | null => {
      const s = agents[a.id];
      if (!s) return null;
      return {
        id: a.id,
        name: a.name,
        role: a.role,
        live: s,
        secondsInState: since(s.status_since, now),
        wrapUpLeft: s.status === 'wrap-up' && s.wrap_up_until ? Math.max(0, Math.ceil((Date.parse(s.wrap_up_until) - now) / 1000)) : null,
      };
    })
    .filter((r): r is AgentRow => r !== null);
  const groups = STATUS_ORDER.map((status) => ({
    status,
    // Longest in the state first: the agent idle longest is the next one offered a call.
    agents: rows.filter((r) => r.live.status === status).sort((a, b) => b.secondsInState - a.secondsInState || a.name.localeCompare(b.name)),
  }));

  const alerts = liveCalls
    .filter((c) => c.sentiment === 'negative')
    .map((call) => ({ call, elapsedSeconds: since(call.answered_at ?? call.started_at, now), agentName: call.agent_id !== null ? (names.get(call.agent_id) ?? null) : null }))
    .sort((a, b) => b.elapsedSeconds - a.elapsedSeconds);

  const kpis: Kpis = {
    waiting: waiting.length,
    longestWaitSeconds: waiting.reduce((m, r) => Math.max(m, r.waitSeconds), 0),
    serviceLevel: stats?.service_level ?? null,
    serviceLevelSeconds: stats?.service_level_seconds ?? 20,
    answered: stats?.answered ?? 0,
    abandoned: stats?.abandoned ?? 0,
    avgWaitSeconds: stats?.avg_wait_seconds ?? null,
    avgHandleSeconds: stats?.avg_handle_seconds ?? null,
    aiCalls: stats?.ai_calls ?? 0,
    humanCalls: stats?.human_calls ?? 0,
    aiHandoffs: stats?.ai_handoffs ?? 0,
    handoffRate: stats?.handoff_rate ?? null,
    liveAi: liveCalls.filter(isAiCall).length,
    liveHuman: liveCalls.filter((c) => !isAiCall(c) && c.handled_by === 'human').length,
  };
  return { waiting, groups, kpis, alerts };
}
