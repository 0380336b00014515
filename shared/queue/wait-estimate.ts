// Pure: how long a waiting call will likely wait, from recent handling times and who is at
// work. Used by the API (`/queue/{id}/position`) and the wallboard alike.
import type { AgentLiveState, QueueEntry } from '../domain/queue.ts';
import { servingOrder } from './queue-order.ts';

/** Talk time assumed before any call has been handled (a typical service call). */
export const DEFAULT_HANDLE_SECONDS = 180;

export interface WaitInputs {
  /** 1-based place in the serving order. */
  position: number;
  /** Agents with the skills who could take a call right now (ready, available, capacity free). */
  free_agents: number;
  /** Agents with the skills at work: signed in and available, busy or in wrap-up. */
  staffed_agents: number;
  /** Recent mean talk time; null: none measured yet. */
  handle_seconds: number | null;
}

/**
 * Seconds until a person takes the call, or null when nobody with the skills is at work. The
 * first `free_agents` callers wait for nobody; each one behind them waits for a share of the
 * staffed agents' calls to end, an agent mid-call being on average halfway through one:
 * (ahead − ½) × handle time ÷ staffed agents.
 */
export function estimateWaitSeconds(i: WaitInputs): number | null {
  if (i.staffed_agents <= 0) return null;
  const ahead = i.position - i.free_agents;
  if (ahead <= 0) return 0;
  const handle = i.handle_seconds ?? DEFAULT_HANDLE_SECONDS;
  return Math.round(((ahead - 0.5) * handle) / i.staffed_agents);
}

/** Whether `agent` has every skill in `required`. */
export const hasSkills = (agent: Pick<AgentLiveState, 'skills'>, required: readonly string[]): boolean =>
  required.every((s) => agent.skills.includes(s));

const AT_WORK: readonly string[] = ['available', 'busy', 'wrap-up'];

export interface WaitEstimate {
  position: number;
  wait_seconds: number | null;
}

/** Position and estimated wait of every waiting entry, by id. */
export function estimateWaits(
  entries: readonly QueueEntry[],
  agents: readonly AgentLiveState[],
  handleSeconds: number | null,
): Map<number, WaitEstimate> {
  const out = new Map<number, WaitEstimate>();
  servingOrder(entries).forEach((entry, i) => {
    const skilled = agents.filter((a) => a.presence !== 'offline' && hasSkills(a, entry.required_skills));
    const staffed = skilled.filter((a) => AT_WORK.includes(a.status)).length;
    const free = skilled.filter((a) => a.status === 'available' && a.presence === 'ready' && a.active_calls < a.max_concurrent_calls).length;
    const position = i + 1;
    out.set(entry.id, { position, wait_seconds: estimateWaitSeconds({ position, free_agents: free, staffed_agents: staffed, handle_seconds: handleSeconds }) });
  });
  return out;
}
