import type { ApiDeps } from './api-deps.ts';
import { badRequest, CoreError, notFound } from '../errors.ts';

export interface SeatDialRequest {
  to_number: string;
  /** The extension of the seat to call from, when agent_id is absent. */
  from_number?: string;
  agent_id?: number;
  metadata: Record<string, unknown>;
}

export interface PlacedCall {
  call_sid: string;
  call_id: number;
  line_id: string;
  to_number: string;
  from_number: string;
  agent_id: number;
  started_at: string;
}

/**
 * Places a call from an agent's seat (seed 002's outbound create, callback and batch): the
 * agent's console rings out and carries the audio. 400/404 for a seat that is not named or not
 * there, 409 without a SIP account, 503 when the seat's softphone is not connected.
 */
export function dialFromSeat({ store, seats, calls }: Pick<ApiDeps, 'store' | 'seats' | 'calls'>, tenant: string, req: SeatDialRequest): PlacedCall {
  const agents = store.agents.list(tenant);
  const agent = req.agent_id !== undefined ? agents.find((a) => a.id === req.agent_id) : agents.find((a) => a.extension !== null && a.extension === req.from_number);
  if (!agent) {
    if (req.agent_id === undefined && req.from_number === undefined) throw badRequest('say which seat places the call: agent_id, or from_number with the agent’s extension');
    throw notFound(req.agent_id !== undefined ? `agent ${req.agent_id}` : `agent with extension ${req.from_number}`);
  }
  if (!agent.sip) throw new CoreError(409, 'no_sip_account', `agent ${agent.id} has no SIP account`);
  const lines = seats.linesOf(agent);
  const registered = seats.stateOf(agent).state === 'registered';
  if (!lines || !registered) {
    throw new CoreError(503, 'seat_not_running', `agent ${agent.id}'s softphone is not connected: the agent must have the console open (SIP: ${seats.stateOf(agent).state})`);
  }
  const line = lines.dial(req.to_number, null, req.metadata);
  return {
    call_sid: line.call_sid,
    call_id: calls.getBySid(tenant, line.call_sid).id,
    line_id: line.line_id,
    to_number: req.to_number,
    from_number: agent.extension ?? agent.sip.username,
    agent_id: agent.id,
    started_at: line.started_at,
  };
}

/** Seed 002's room name for a placed call: `<kind>-<digits of the number>-<yyyymmddhhmmss>`. */
export const roomName = (kind: string, toNumber: string, startedAt: string): string =>
  `${kind}-${toNumber.replace(/\D/g, '')}-${startedAt.replace(/\D/g, '').slice(0, 14)}`;
