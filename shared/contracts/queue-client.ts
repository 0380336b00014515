import type { AgentStatus, AwayReason } from '../domain/agent.ts';
import type { AgentLiveState, QueueEntry, QueueSettings, QueueSnapshot } from '../domain/queue.ts';

/** Console methods of the queue, agent states and the wallboard (see CoreRequests). */
export interface QueueRequests {
  /** The wallboard's starting point: open entries, agents' live states, today's figures, settings. */
  queueSnapshot(req: void): QueueSnapshot;
  /**
   * Sets the signed-in agent's status, or (supervisors, admins) another agent's with `agent_id`.
   * `reason` goes with `away` only. Busy and wrap-up normally follow calls by themselves.
   */
  setAgentStatus(req: { status: AgentStatus; reason?: AwayReason; agent_id?: number }): AgentLiveState;
  /** Takes the entry offered to the signed-in agent; what happens next depends on its kind (docs/api.md). */
  acceptOffer(req: { entry_id: number }): QueueEntry;
  /** Lets the offer pass: it goes to the next agent. */
  declineOffer(req: { entry_id: number }): QueueEntry;
  /** Supervisors and admins: the tenant's queue policy (ranges in QUEUE_SETTING_LIMITS). */
  setQueueSettings(req: Partial<QueueSettings>): QueueSettings;
}

export const QUEUE_METHODS = ['queueSnapshot', 'setAgentStatus', 'acceptOffer', 'declineOffer', 'setQueueSettings'] as const satisfies readonly (keyof QueueRequests)[];
