import type { Agent } from '../domain/agent.ts';
import type { Call, CallEvent } from '../domain/call.ts';
import type { TranscriptSegment } from '../domain/transcript.ts';
import type { CoreStatus } from './core-status.ts';

/**
 * Everything the core tells consoles and API sockets, one envelope per event.
 * `seq` grows by one per event within a hub's life, so a client can notice a gap.
 */
export type DomainEvent =
  | { type: 'call.created'; call: Call }
  | { type: 'call.updated'; call: Call }
  | { type: 'call.event'; event: CallEvent }
  | { type: 'transcript.segment'; segment: TranscriptSegment }
  | { type: 'agent.created'; agent: Agent }
  | { type: 'agent.updated'; agent: Agent }
  | { type: 'agent.deleted'; agent_id: number }
  | { type: 'status.changed'; status: CoreStatus };

export type DomainEventType = DomainEvent['type'];

export interface EventEnvelope {
  seq: number;
  at: string;
  tenant_id: string | null;
  event: DomainEvent;
}

/** Sent by the server as the first message on an event socket. */
export interface EventSocketHello {
  type: 'hello';
  seq: number;
  status: CoreStatus;
}
