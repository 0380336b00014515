// The sideband WebSocket of a SIP call: GET /v1/realtime?call_id=… upgraded, only for a call
// that was accepted. Each connection gets `session.created`; every client event is recorded,
// checked against the SDK's RealtimeClientEvent shapes and answered like the service
// (`session.updated`, `conversation.item.added`/`.done`, a response…) or with an `error`
// event, which also becomes a problem.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { ApiError } from './errors.ts';
import { newId } from './ids.ts';
import type { ModelCatalog } from './models.ts';
import { emit, liveCall, type RealtimeCall } from './realtime-calls.ts';
import { runResponse } from './realtime-turns.ts';
import { applySessionConfig, checkItem, checkSessionConfig, responseCreateShape } from './realtime-session.ts';
import type { LoggedRequest, RequestLog } from './request-log.ts';
import type { UpgradeHandler } from './server.ts';
import { any, check, int, nullable, obj, str, union } from './shape.ts';

/** What the emulated model says for a client `response.create`; undefined = the default. */
export type RealtimeReplier = (ctx: { call: RealtimeCall; response: Record<string, unknown> }) => string | undefined;

const eventId = { event_id: str() };
const clientEvent = union('type', {
  'session.update': obj({ ...eventId, session: any }, ['session']),
  'conversation.item.create': obj({ ...eventId, previous_item_id: nullable(str()), item: any }, ['item']),
  'conversation.item.delete': obj({ ...eventId, item_id: str() }, ['item_id']),
  'conversation.item.retrieve': obj({ ...eventId, item_id: str() }, ['item_id']),
  'conversation.item.truncate': obj({ ...eventId, item_id: str(), content_index: int(0), audio_end_ms: int(0) }, ['item_id', 'content_index', 'audio_end_ms']),
  'input_audio_buffer.append': obj({ ...eventId, audio: str() }, ['audio']),
  'input_audio_buffer.clear': obj(eventId),
  'input_audio_buffer.commit': obj(eventId),
  'output_audio_buffer.clear': obj(eventId),
  'response.create': obj({ ...eventId, response: responseCreateShape }),
  'response.cancel': obj({ ...eventId, response_id: str() }),
});

type ClientEvent = { type: string; event_id?: string; [k: string]: unknown };

export interface SidebandDeps {
  calls: Map<string, RealtimeCall>;
  catalog: ModelCatalog;
  log: RequestLog;
  gapMs: () => number;
  reply: () => RealtimeReplier | undefined;
}

export interface Sideband {
  upgrade: UpgradeHandler;
  /** Ends the call and closes its sockets (normal closure); resolves once they are closed. */
  hangUp(call: RealtimeCall, by: 'hangup' | 'caller'): Promise<void>;
}

export function createSideband(deps: SidebandDeps): Sideband {
  const wss = new WebSocketServer({ noServer: true });

  function fail(call: RealtimeCall, ws: WebSocket, event: ClientEvent | undefined, err: ApiError): void {
    const error = { type: err.type, code: err.code, message: err.message, param: err.param, event_id: event?.event_id ?? null };
    emit(call, { type: 'error', error }, ws);
    deps.log.problem({ where: `ws ${call.id} ${typeof event?.type === 'string' ? event.type : '(unparsed event)'}`, error: err.body, event });
  }

  function handle(call: RealtimeCall, ws: WebSocket, event: ClientEvent): void {
    check(event, clientEvent, '');
    switch (event.type) {
      case 'session.update': {
        checkSessionConfig(event.session, 'session', deps.catalog);
        applySessionConfig(call.session, event.session as Record<string, unknown>);
        emit(call, { type: 'session.updated', session: structuredClone(call.session) });
        return;
      }
      case 'conversation.item.create':
        return createItem(call, event);
      case 'conversation.item.delete': {
        const i = findItem(call, event.item_id as string);
        call.items.splice(i, 1);
        emit(call, { type: 'conversation.item.deleted', item_id: event.item_id });
        return;
      }
      case 'conversation.item.retrieve':
        emit(call, { type: 'conversation.item.retrieved', item: call.items[findItem(call, event.item_id as string)] }, ws);
        return;
      case 'conversation.item.truncate': {
        const item = call.items[findItem(call, event.item_id as string)]!;
        if (item.role !== 'assistant') throw new ApiError(400, 'Only assistant messages can be truncated.', { param: 'item_id', code: 'invalid_value' });
        emit(call, { type: 'conversation.item.truncated', item_id: event.item_id, content_index: event.content_index, audio_end_ms: event.audio_end_ms });
        return;
      }
      case 'input_audio_buffer.append': {
        const audio = event.audio as string;
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(audio) || audio.length % 4 !== 0) throw new ApiError(400, "Invalid 'audio'. Expected base64-encoded audio bytes.", { param: 'audio', code: 'invalid_value' });
        call.inputAudioBytes += Buffer.from(audio, 'base64').length;
        return;
      }
      case 'input_audio_buffer.commit': {
        if (call.inputAudioBytes === 0) {
          throw new ApiError(400, 'Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.', {
            code: 'input_audio_buffer_commit_empty',
          });
        }
        call.inputAudioBytes = 0;
        const previous = (call.items.at(-1)?.id as string | undefined) ?? null;
        const item = { id: newId('item_'), object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
        call.items.push(item);
        emit(call, { type: 'input_audio_buffer.committed', item_id: item.id, previous_item_id: previous });
        emit(call, { type: 'conversation.item.added', previous_item_id: previous, item });
        emit(call, { type: 'conversation.item.done', previous_item_id: previous, item });
        return;
      }
      case 'input_audio_buffer.clear':
        call.inputAudioBytes = 0;
        emit(call, { type: 'input_audio_buffer.cleared' });
        return;
      case 'output_audio_buffer.clear':
        if (call.activeResponse) call.activeResponse.cancelled = true;
        emit(call, { type: 'output_audio_buffer.cleared', response_id: call.activeResponse?.id ?? null });
        return;
      case 'response.create':
        return createResponse(call, (event.response ?? {}) as Record<string, unknown>);
      case 'response.cancel': {
        const active = call.activeResponse;
        if (!active || active.cancelled || (event.response_id !== undefined && event.response_id !== active.id)) {
          throw new ApiError(400, 'Cancellation failed: no active response found', { code: 'response_cancel_not_active' });
        }
        active.cancelled = true;
        return;
      }
    }
  }

  function findItem(call: RealtimeCall, id: string): number {
    const i = call.items.findIndex((x) => x.id === id);
    if (i < 0) throw new ApiError(400, `Item with item_id '${id}' not found in the conversation.`, { param: 'item_id', code: 'item_not_found' });
    return i;
  }

  function createItem(call: RealtimeCall, event: ClientEvent): void {
    checkItem(event.item, 'item');
    const given = event.item as Record<string, unknown>;
    if (given.id !== undefined && call.items.some((x) => x.id === given.id)) {
      throw new ApiError(400, `Item with id '${String(given.id)}' already exists in the conversation.`, { param: 'item.id', code: 'duplicate_item_id' });
    }
    if (given.type === 'function_call_output' && !call.items.some((x) => x.type === 'function_call' && x.call_id === given.call_id)) {
      throw new ApiError(400, `No function call with call_id '${String(given.call_id)}' in the conversation.`, { param: 'item.call_id', code: 'invalid_value' });
    }
    const prev = event.previous_item_id;
    let at = call.items.length;
    if (prev === 'root') at = 0;
    else if (typeof prev === 'string') at = findItem(call, prev) + 1;
    const item = { id: newId('item_'), object: 'realtime.item', status: 'completed', ...given };
    const previous = at === 0 ? null : ((call.items[at - 1]?.id as string | undefined) ?? null);
    call.items.splice(at, 0, item);
    emit(call, { type: 'conversation.item.added', previous_item_id: previous, item });
    emit(call, { type: 'conversation.item.done', previous_item_id: previous, item });
  }

  function createResponse(call: RealtimeCall, response: Record<string, unknown>): void {
    if (call.activeResponse) {
      throw new ApiError(400, `Conversation already has an active response in progress: ${call.activeResponse.id}. Wait until the response is finished before creating a new one.`, {
        code: 'conversation_already_has_active_response',
      });
    }
    const instructions = typeof response.instructions === 'string' ? response.instructions : undefined;
    const text = deps.reply()?.({ call, response }) ?? instructions ?? 'OK.';
    void runResponse(
      call,
      { kind: 'say', text },
      { gapMs: deps.gapMs(), inConversation: response.conversation !== 'none', outputModalities: response.output_modalities as string[] | undefined },
    );
  }

  function attach(call: RealtimeCall, ws: WebSocket): void {
    const socketNo = ++call.connections;
    call.sockets.add(ws);
    ws.on('close', () => call.sockets.delete(ws));
    ws.on('error', () => undefined); // a dropped peer closes the socket; nothing to report
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let event: ClientEvent;
      try {
        if (isBinary) throw new Error('binary frame');
        event = JSON.parse(data.toString()) as ClientEvent;
        if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new Error('not an object');
      } catch (err) {
        call.clientEvents.push({ at: Date.now(), socket: socketNo, event: { raw: data.toString() } });
        fail(call, ws, undefined, new ApiError(400, `Invalid client event: expected a JSON object (${(err as Error).message}).`, { code: 'invalid_json' }));
        return;
      }
      call.clientEvents.push({ at: Date.now(), socket: socketNo, event });
      try {
        handle(call, ws, event);
      } catch (err) {
        fail(call, ws, event, err instanceof ApiError ? err : new ApiError(500, `emulator error: ${(err as Error).stack}`, { type: 'server_error' }));
      }
    });
    emit(call, { type: 'session.created', session: structuredClone(call.session) }, ws);
  }

  return {
    upgrade(entry: LoggedRequest, req: IncomingMessage, socket: Duplex, head: Buffer) {
      const callId = entry.query.call_id;
      if (!callId) throw new ApiError(400, "Missing required parameter: 'call_id'. The emulator serves sideband connections to SIP calls only.", { param: 'call_id', code: 'missing_required_parameter' });
      const call = liveCall(deps.calls, callId);
      if (call.status === 'incoming') throw new ApiError(400, `Call '${callId}' has not been accepted.`, { param: 'call_id', code: 'invalid_call_state' });
      wss.handleUpgrade(req, socket, head, (ws) => attach(call, ws));
    },
    async hangUp(call, by) {
      call.status = 'ended';
      call.endedBy = by;
      if (call.activeResponse) call.activeResponse.cancelled = true;
      await Promise.all(
        [...call.sockets].map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.close(1000, 'call ended');
              setTimeout(() => ws.terminate(), 1000).unref(); // a peer that never answers the close
            }),
        ),
      );
    },
  };
}
