import type { Agent } from '../domain/agent.ts';
import type { Call, CallEvent } from '../domain/call.ts';
import type { AgentLiveState, QueueEntry, QueueSettings, QueueStats } from '../domain/queue.ts';
import type { PendingSegment, TranscriptSegment } from '../domain/transcript.ts';
import type { LineState } from '../sip/line-state.ts';
import type { MediaRequest } from './media-bridge.ts';
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
  /** A segment not transcribed yet changed state (or got partial text); `transcript.segment` with its key replaces it. */
  | { type: 'transcript.pending'; pending: PendingSegment }
  | { type: 'agent.created'; agent: Agent }
  | { type: 'agent.updated'; agent: Agent }
  | { type: 'agent.deleted'; agent_id: number }
  | { type: 'status.changed'; status: CoreStatus }
  /** A line of one seat changed; only that agent's consoles receive it. */
  | { type: 'line.updated'; agent_id: number; line: LineState }
  /** A queue entry was added or changed (offered, assigned, left the queue). */
  | { type: 'queue.entry'; entry: QueueEntry }
  /** Today's queue figures changed. */
  | { type: 'queue.stats'; stats: QueueStats }
  | { type: 'queue.settings'; settings: QueueSettings }
  /** An agent's live state changed: status, presence, calls, offer. */
  | { type: 'agent.status'; state: AgentLiveState };

export type DomainEventType = DomainEvent['type'];

export interface EventEnvelope {
  seq: number;
  at: string;
  tenant_id: string | null;
  event: DomainEvent;
}

/**
 * Sent to the one console that holds the seat's media, outside the numbered event stream.
 * On the WebSocket it arrives as `{"type": "media.request", "request": …}`.
 */
export interface MediaRequestMessage {
  type: 'media.request';
  request: MediaRequest;
}

/** Sent by the server as the first message on an event socket. */
export interface EventSocketHello {
  type: 'hello';
  seq: number;
  status: CoreStatus;
}
