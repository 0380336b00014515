// Realtime SIP calls: the state the emulator keeps per call id, and the REST verbs OpenAI's
// SIP connector takes — POST /v1/realtime/calls/{id}/accept | reject | refer | hangup, each
// answered 200 with an empty body. Bodies are checked against the SDK's CallAcceptParams,
// CallRejectParams and CallReferParams; verbs that do not fit the call's state are refused.
import WebSocket from 'ws';
import { ApiError } from './errors.ts';
import { jsonBody } from './bodies.ts';
import { newId } from './ids.ts';
import type { ModelCatalog } from './models.ts';
import { applySessionConfig, checkSessionConfig, type Session } from './realtime-session.ts';
import type { Route } from './server.ts';
import { check, int, obj, str } from './shape.ts';

export type CallStatus = 'incoming' | 'accepted' | 'referred' | 'rejected' | 'ended';

export interface SipHeader {
  name: string;
  value: string;
}

export interface ClientEventRecord {
  at: number;
  /** 1 for the call's first sideband connection, 2 for the next… */
  socket: number;
  event: { type?: unknown; [k: string]: unknown };
}

export interface ActiveResponse {
  id: string;
  cancelled: boolean;
  done: Promise<void>;
}

export interface RealtimeCall {
  readonly id: string;
  status: CallStatus;
  readonly sipHeaders: SipHeader[];
  /** The `realtime.call.incoming` webhook event announcing this call. */
  readonly incomingEvent: Record<string, unknown>;
  /** Body of calls.accept / calls.reject, as received. */
  accepted?: Record<string, unknown>;
  rejected?: Record<string, unknown>;
  /** target_uri of every calls.refer, in order. */
  referrals: string[];
  /** Who ended it: the API (calls.hangup) or the caller (endCall()). */
  endedBy?: 'hangup' | 'caller';
  /** The live session: defaults, then the accept body, then every session.update. */
  session: Session;
  conversationId: string;
  /** Conversation items in order. */
  items: Record<string, unknown>[];
  clientEvents: ClientEventRecord[];
  /** Every server event sent on any of the call's sideband sockets. */
  serverEvents: Record<string, unknown>[];
  sockets: Set<WebSocket>;
  connections: number;
  activeResponse?: ActiveResponse;
  /** Position of the emulated caller audio, for speech_started/stopped offsets. */
  audioMs: number;
  /** Bytes appended with input_audio_buffer.append and not yet committed. */
  inputAudioBytes: number;
}

/** Sends a server event (with a fresh event_id) to `only`, or to every socket of the call. */
export function emit(call: RealtimeCall, event: { type: string; [k: string]: unknown }, only?: WebSocket): Record<string, unknown> {
  const { type, ...fields } = event;
  const full = { type, event_id: newId('event_'), ...fields };
  call.serverEvents.push(full);
  const text = JSON.stringify(full);
  for (const ws of only ? [only] : call.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  return full;
}

export function callNotFound(id: string): ApiError {
  return new ApiError(404, `Call not found: '${id}'.`, { param: 'call_id', code: 'call_not_found' });
}

/** A call the API can still act on (not rejected or ended). */
export function liveCall(calls: Map<string, RealtimeCall>, id: string): RealtimeCall {
  const call = calls.get(id);
  if (!call || call.status === 'rejected' || call.status === 'ended') throw callNotFound(id);
  return call;
}

function wrongState(call: RealtimeCall, verb: string): ApiError {
  return new ApiError(400, `Cannot ${verb} call '${call.id}': it is ${call.status}.`, { param: 'call_id', code: 'invalid_call_state' });
}

const rejectShape = obj({ status_code: int(400, 699) });
const referShape = obj({ target_uri: str() }, ['target_uri']);

export function callRoutes(deps: { calls: Map<string, RealtimeCall>; catalog: ModelCatalog; hangUp: (call: RealtimeCall, by: 'hangup' | 'caller') => Promise<void> }): Route[] {
  const path = (verb: string) => new RegExp(`^/v1/realtime/calls/([^/]+)/${verb}$`);
  return [
    {
      method: 'POST',
      path: path('accept'),
      handle({ entry, params }) {
        const call = liveCall(deps.calls, params[0]!);
        const body = jsonBody(entry);
        checkSessionConfig(body, '', deps.catalog);
        if (call.status !== 'incoming') throw wrongState(call, 'accept');
        call.accepted = body;
        call.status = 'accepted';
        applySessionConfig(call.session, body);
        return { kind: 'empty' };
      },
    },
    {
      method: 'POST',
      path: path('reject'),
      handle({ entry, params }) {
        const call = liveCall(deps.calls, params[0]!);
        const body = jsonBody(entry, { optional: true });
        check(body, rejectShape, '');
        if (call.status !== 'incoming') throw wrongState(call, 'reject');
        call.rejected = body;
        call.status = 'rejected';
        return { kind: 'empty' };
      },
    },
    {
      method: 'POST',
      path: path('refer'),
      handle({ entry, params }) {
        const call = liveCall(deps.calls, params[0]!);
        const body = jsonBody(entry);
        check(body, referShape, '');
        const target = body.target_uri as string;
        if (!/^(tel:\+?[0-9*#().-]+|sips?:[^\s@]+@[^\s]+|sips?:[^\s]+)$/i.test(target)) {
          throw new ApiError(400, `Invalid 'target_uri': '${target}'. Expected a tel: or sip: URI.`, { param: 'target_uri', code: 'invalid_value' });
        }
        if (call.status !== 'accepted' && call.status !== 'referred') throw wrongState(call, 'refer');
        call.referrals.push(target);
        call.status = 'referred';
        return { kind: 'empty' };
      },
    },
    {
      method: 'POST',
      path: path('hangup'),
      async handle({ entry, params }) {
        const call = liveCall(deps.calls, params[0]!);
        check(jsonBody(entry, { optional: true }), obj({}), '');
        if (call.status === 'incoming') throw wrongState(call, 'hang up'); // an unanswered call is rejected, not hung up
        await deps.hangUp(call, 'hangup');
        return { kind: 'empty' };
      },
    },
  ];
}
