import type { Agent } from '../domain/agent.ts';
import type { Call, CallDirection, CallStatus, CallEvent } from '../domain/call.ts';
import type { Page } from '../domain/page.ts';
import type { TranscriptSegment } from '../domain/transcript.ts';
import type { DeclineCode, LineState } from '../sip/line-state.ts';
import type { MediaReply, MediaRequest } from './media-bridge.ts';
import type { PhoneSettings } from './phone-settings.ts';
import type { ConsoleSession, LoginRequest } from './console-session.ts';
import type { CoreStatus } from './core-status.ts';
import type { EventEnvelope } from './domain-events.ts';
import { AI_METHODS, type AiRequests } from './ai-client.ts';
import { QUEUE_METHODS, type QueueRequests } from './queue-client.ts';
import { AUDIT_METHODS, type AuditRequests } from './audit-client.ts';
import { MONITOR_METHODS, type MonitorRequests } from './monitor-client.ts';
import { TRANSCRIPTION_METHODS, type TranscriptionRequests } from './transcription-client.ts';

export interface CallListQuery {
  limit?: number;
  offset?: number;
  status?: CallStatus;
  direction?: CallDirection;
  agent_id?: number;
  assistant_id?: number;
  /** Only calls that have not ended. */
  active?: boolean;
  /** Any of these statuses (seed 004's `failed` is several of ours). */
  statuses?: readonly CallStatus[];
  since?: string;
  until?: string;
}

/**
 * What the renderer may ask of the core. Every method is one IPC channel in Electron and one
 * `POST /console/rpc/<method>` in a browser; the argument is a single JSON value.
 */
export interface CoreRequests extends PhoneRequests, TranscriptionRequests, AiRequests, MonitorRequests, QueueRequests, AuditRequests {}

/** Sign-in, calls, agents and the softphone. */
export interface PhoneRequests {
  login(req: LoginRequest): ConsoleSession;
  logout(req: void): { ok: true };
  session(req: void): ConsoleSession | null;
  status(req: void): CoreStatus;
  listCalls(req: CallListQuery): Page<Call>;
  getCall(req: { id: number }): { call: Call; events: CallEvent[]; transcript: TranscriptSegment[] };
  listAgents(req: void): Agent[];
  /** The signed-in seat's lines (live ones, and ended ones until dismissed). */
  listLines(req: void): LineState[];
  /** Places a call from the signed-in seat; `target` as typed (number, extension, sip:/tel: URI). */
  dial(req: { target: string }): LineState;
  answer(req: { line_id: string }): LineState;
  decline(req: { line_id: string; code?: DeclineCode }): LineState;
  /** BYE, or CANCEL while an outbound call still rings. */
  hangup(req: { line_id: string }): LineState;
  hold(req: { line_id: string; on: boolean }): LineState;
  mute(req: { line_id: string; on: boolean }): LineState;
  sendDtmf(req: { line_id: string; digits: string }): LineState;
  /** Blind transfer (REFER) of the line's far end to `target`. */
  transfer(req: { line_id: string; target: string }): LineState;
  /** Attended transfer: REFER the far end of `line_id` to the party of `consult_line_id` (Replaces). */
  completeTransfer(req: { line_id: string; consult_line_id: string }): LineState;
  /** Forgets an ended line in the softphone view (the call record stays). */
  dismissLine(req: { line_id: string }): { ok: true };
  /** The renderer's answer to a MediaRequest. */
  mediaReply(req: MediaReply): { ok: true };
  phoneSettings(req: void): PhoneSettings;
  setPhoneSettings(req: Partial<PhoneSettings>): PhoneSettings;
}

export type CoreMethod = keyof CoreRequests;
export type CoreArg<M extends CoreMethod> = Parameters<CoreRequests[M]>[0];
export type CoreResult<M extends CoreMethod> = ReturnType<CoreRequests[M]>;

const PHONE_METHODS = [
  'login',
  'logout',
  'session',
  'status',
  'listCalls',
  'getCall',
  'listAgents',
  'listLines',
  'dial',
  'answer',
  'decline',
  'hangup',
  'hold',
  'mute',
  'sendDtmf',
  'transfer',
  'completeTransfer',
  'dismissLine',
  'mediaReply',
  'phoneSettings',
  'setPhoneSettings',
] as const satisfies readonly (keyof PhoneRequests)[];

export const CORE_METHODS = [...PHONE_METHODS, ...TRANSCRIPTION_METHODS, ...AI_METHODS, ...MONITOR_METHODS, ...QUEUE_METHODS, ...AUDIT_METHODS] as const satisfies readonly CoreMethod[];

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** The renderer's view of the core, whatever carries it (IPC or HTTP + WebSocket). */
export interface CoreClient {
  call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>>;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Media work the core asks of this console (it owns the seat's audio); see media-bridge.ts. */
  onMediaRequest(listener: (request: MediaRequest) => void): () => void;
}

/** Errors cross both transports in this shape. */
export interface CoreErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
}
