// Pure (no I/O, no clock): the routing engine (ACD). Given the queue and the agents as they are
// at `now`, which waiting entry to offer to which agent. Deterministic: every tie has a rule.
import type { AgentLiveState, QueueEntry } from '../../../shared/domain/queue.ts';
import { compareQueueOrder } from '../../../shared/queue/queue-order.ts';
import { hasSkills } from '../../../shared/queue/wait-estimate.ts';
import { isOnCall } from './agent-state.ts';

export interface RoutableEntry extends Pick<QueueEntry, 'id' | 'state' | 'priority' | 'enqueued_at' | 'required_skills' | 'passes'> {
  /** Accepting needs the agent's seat (an AI hand-off, a callback, a call parked on a queue seat). */
  needs_seat: boolean;
}

export type RoutableAgent = Pick<
  AgentLiveState,
  'agent_id' | 'status' | 'status_reason' | 'status_since' | 'presence' | 'skills' | 'active_calls' | 'max_concurrent_calls' | 'offered_entry_id'
>;

export interface Offer {
  entry_id: number;
  agent_id: number;
}

/**
 * Whether an agent may get an offer at all: at a console, available (or busy with its own calls
 * and room for more), below its concurrency limit, and not holding another offer.
 */
export function canTakeOffers(a: RoutableAgent): boolean {
  if (a.presence === 'offline' || a.offered_entry_id !== null) return false;
  if (a.active_calls >= a.max_concurrent_calls) return false;
  return a.status === 'available' || isOnCall(a);
}

/**
 * 0: never let this entry pass; 1: let it pass longer than `reofferAfterMs` ago (asked again
 * only when nobody fresh can take it); null: let it pass recently — not asked now.
 */
function passTier(entry: RoutableEntry, agentId: number, now: number, reofferAfterMs: number): 0 | 1 | null {
  let last = -Infinity;
  for (const p of entry.passes) if (p.agent_id === agentId) last = Math.max(last, Date.parse(p.at));
  if (last === -Infinity) return 0;
  return now - last >= reofferAfterMs ? 1 : null;
}

const lastPassAt = (entry: RoutableEntry, agentId: number): number =>
  Math.max(...entry.passes.filter((p) => p.agent_id === agentId).map((p) => Date.parse(p.at)));

/**
 * The offers to make now. Entries in serving order (priority, then wait, then id); each goes to
 * the best agent not yet given one in this round:
 *   1. one who never let it pass, before one whose pass has cooled down (the oldest pass first);
 *   2. available before busy-with-room (an agent handling several calls at once);
 *   3. longest idle (available since the earliest; busy: fewest calls, then since the earliest);
 *   4. lowest agent id.
 * An entry nobody can take does not hold up the entries behind it (skills differ).
 */
export function planOffers(entries: readonly RoutableEntry[], agents: readonly RoutableAgent[], now: number, reofferAfterMs: number): Offer[] {
  const free = agents.filter(canTakeOffers);
  const used = new Set<number>();
  const offers: Offer[] = [];
  const waiting = entries.filter((e) => e.state === 'waiting').sort(compareQueueOrder);
  for (const entry of waiting) {
    const candidates: { agent: RoutableAgent; tier: 0 | 1 }[] = [];
    for (const agent of free) {
      if (used.has(agent.agent_id)) continue;
      if (!hasSkills(agent, entry.required_skills)) continue;
      if (entry.needs_seat && agent.presence !== 'ready') continue;
      const tier = passTier(entry, agent.agent_id, now, reofferAfterMs);
      if (tier !== null) candidates.push({ agent, tier });
    }
    candidates.sort((x, y) => compareCandidates(entry, x, y));
    const best = candidates[0];
    if (!best) continue;
    used.add(best.agent.agent_id);
    offers.push({ entry_id: entry.id, agent_id: best.agent.agent_id });
  }
  return offers;
}

function compareCandidates(entry: RoutableEntry, x: { agent: RoutableAgent; tier: 0 | 1 }, y: { agent: RoutableAgent; tier: 0 | 1 }): number {
  if (x.tier !== y.tier) return x.tier - y.tier;
  if (x.tier === 1) {
    const d = lastPassAt(entry, x.agent.agent_id) - lastPassAt(entry, y.agent.agent_id);
    if (d !== 0) return d;
  }
  const a = x.agent;
  const b = y.agent;
  const aBusy = a.status === 'available' ? 0 : 1;
  const bBusy = b.status === 'available' ? 0 : 1;
  if (aBusy !== bBusy) return aBusy - bBusy;
  if (aBusy === 1 && a.active_calls !== b.active_calls) return a.active_calls - b.active_calls;
  return Date.parse(a.status_since) - Date.parse(b.status_since) || a.agent_id - b.agent_id;
}

/**
 * When a pass recorded on a waiting entry cools down (its agent may be asked again), the
 * earliest such moment after `now`; null when none is pending. The service routes again then.
 */
export function nextReofferAt(entries: readonly RoutableEntry[], now: number, reofferAfterMs: number): number | null {
  let next: number | null = null;
  for (const e of entries) {
    if (e.state !== 'waiting') continue;
    for (const p of e.passes) {
      const at = Date.parse(p.at) + reofferAfterMs;
      if (at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}
