import type { Agent } from '../domain/agent.ts';
import type { Call, CallDirection, CallStatus, CallEvent } from '../domain/call.ts';
import type { Page } from '../domain/page.ts';
import type { TranscriptSegment } from '../domain/transcript.ts';
import type { ConsoleSession, LoginRequest } from './console-session.ts';
import type { CoreStatus } from './core-status.ts';
import type { EventEnvelope } from './domain-events.ts';

export interface CallListQuery {
  limit?: number;
  offset?: number;
  status?: CallStatus;
  direction?: CallDirection;
  agent_id?: number;
  /** Only calls that have not ended. */
  active?: boolean;
  since?: string;
  until?: string;
}

/**
 * What the renderer may ask of the core. Every method is one IPC channel in Electron and one
 * `POST /console/rpc/<method>` in a browser; the argument is a single JSON value.
 */
export interface CoreRequests {
  login(req: LoginRequest): ConsoleSession;
  logout(req: void): { ok: true };
  session(req: void): ConsoleSession | null;
  status(req: void): CoreStatus;
  listCalls(req: CallListQuery): Page<Call>;
  getCall(req: { id: number }): { call: Call; events: CallEvent[]; transcript: TranscriptSegment[] };
  listAgents(req: void): Agent[];
}

export type CoreMethod = keyof CoreRequests;
export type CoreArg<M extends CoreMethod> = Parameters<CoreRequests[M]>[0];
export type CoreResult<M extends CoreMethod> = ReturnType<CoreRequests[M]>;

export const CORE_METHODS = [
  'login',
  'logout',
  'session',
  'status',
  'listCalls',
  'getCall',
  'listAgents',
] as const satisfies readonly CoreMethod[];

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** The renderer's view of the core, whatever carries it (IPC or HTTP + WebSocket). */
export interface CoreClient {
  call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>>;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** Errors cross both transports in this shape. */
export interface CoreErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
}
