// What "accept" does for each kind of waiting call: hand an AI call to the agent's seat, call a
// customer back from it, REFER a call parked on a queue seat to it, or leave the connection to
// the integrator's system (it learns of the assignment from `queue.entry`).
import type { Agent, SipAccount } from '../../../shared/domain/agent.ts';
import { FINAL_CALL_STATUSES } from '../../../shared/domain/call.ts';
import type { QueueConnectMode, QueueEntry } from '../../../shared/domain/queue.ts';
import { CoreError } from '../errors.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { Store } from '../store/store.ts';

export interface ConnectDeps {
  store: Store;
  calls: CallsService;
  seats: Pick<SeatManager, 'linesOf' | 'stateOf'>;
  /** REFERs a live AI call (OpenAI Realtime) to `target`, as the AI call controls do. */
  aiTransfer(tenantId: string, callId: number, target: string, actor: string): Promise<unknown>;
}

/** A call parked on a headless seat: the seat's agent and the line that holds it. */
export interface Park {
  seat: Agent;
  line_id: string;
}

export interface ConnectPlan {
  mode: QueueConnectMode;
  park: Park | null;
}

/** The live line of a headless seat that holds the entry's call, if the call is parked on one. */
export function parkOf(deps: ConnectDeps, entry: QueueEntry): Park | null {
  if (entry.call_id === null) return null;
  const call = deps.store.calls.get(entry.tenant_id, entry.call_id);
  if (!call || call.agent_id === null || FINAL_CALL_STATUSES.includes(call.status)) return null;
  const seat = deps.store.agents.get(entry.tenant_id, call.agent_id);
  if (seat?.sip?.media !== 'headless') return null;
  const line = deps.seats.linesOf(seat)?.list().find((l) => l.call_sid === call.sid && l.state !== 'ended');
  return line ? { seat, line_id: line.line_id } : null;
}

/** How the entry will reach an agent. */
export function planConnect(deps: ConnectDeps, entry: QueueEntry): ConnectPlan {
  if (entry.kind === 'ai_handoff') return { mode: 'ai-refer', park: null };
  if (entry.kind === 'callback') return { mode: 'dial', park: null };
  const park = parkOf(deps, entry);
  return park ? { mode: 'refer', park } : { mode: 'integrator', park: null };
}

/** Accepting this plan needs the agent's own seat registered. */
export const needsSeat = (plan: ConnectPlan): boolean => plan.mode !== 'integrator';

function sipOf(agent: Agent): SipAccount {
  if (!agent.sip) throw new CoreError(409, 'no_sip_account', `agent ${agent.id} has no SIP account to take the call on`);
  return agent.sip;
}

/** Where the AI endpoint should send the caller: the agent's extension (the PBX routes it), else its SIP address. */
const seatTarget = (agent: Agent): string => agent.extension ?? sipOf(agent).uri;

/**
 * Connects the accepted entry to `agent`; returns the call the agent handles when that is a new
 * one (a callback). Throws what went wrong (the entry goes back to the queue).
 */
export async function connect(deps: ConnectDeps, entry: QueueEntry, plan: ConnectPlan, agent: Agent, actor: string): Promise<{ call_id: number | null }> {
  const tenant = entry.tenant_id;
  switch (plan.mode) {
    case 'ai-refer': {
      if (entry.call_id === null) throw new CoreError(409, 'call_not_live', 'this hand-off has no AI call to transfer');
      await deps.aiTransfer(tenant, entry.call_id, seatTarget(agent), actor);
      deps.calls.update(tenant, entry.call_id, { agent_id: agent.id }, actor);
      return { call_id: entry.call_id };
    }
    case 'refer': {
      const park = plan.park!;
      const lines = deps.seats.linesOf(park.seat);
      if (!lines) throw new CoreError(409, 'call_not_live', 'the queue seat holding this call is not running');
      await lines.transfer(park.line_id, sipOf(agent).uri);
      return { call_id: entry.call_id };
    }
    case 'dial': {
      const lines = deps.seats.linesOf(agent);
      if (!lines) throw new CoreError(503, 'seat_not_running', 'the softphone is not connected: keep the console open to call back');
      const line = lines.dial(entry.to_number, null, { queue_entry_id: entry.id, callback_for: entry.from_number });
      return { call_id: deps.calls.getBySid(tenant, line.call_sid).id };
    }
    case 'integrator':
      if (entry.call_id !== null) deps.calls.update(tenant, entry.call_id, { agent_id: agent.id, handled_by: 'human' }, actor);
      return { call_id: entry.call_id };
  }
}
