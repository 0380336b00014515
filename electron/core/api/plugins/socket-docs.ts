import { Type, type TSchema } from 'typebox';
import { CALL_STATUSES } from '../../../../shared/domain/call.ts';
import { VOICE_PIPELINE_NOT_CONFIGURED, VOICE_PIPELINE_REASON } from '../dialects/denco/voice-stream.socket.ts';
import { PHONY_SOCKETS_PER_KEY } from '../dialects/phony/events.socket.ts';

/**
 * What OpenAPI 3 cannot say about a WebSocket route: how to authenticate the upgrade, the
 * messages each side sends, and the close codes. Published as the operation's `x-websocket`.
 */
export interface SocketDoc {
  /** The credentials the upgrade request must carry, in words. */
  auth: string;
  /** Security requirements (names of `components.securitySchemes`); empty: none. */
  security: Record<string, string[]>[];
  /** What the client sends after the upgrade. */
  client_messages: { format: string; schema?: TSchema };
  /** What the server sends, in the order described. */
  server_messages: { format: string; schema?: TSchema };
  /** Close codes the server uses, with their reasons. */
  close_codes: Record<string, string>;
  /** Statuses the upgrade request may be refused with (before any WebSocket exists), and why. */
  refusals: Record<string, string>;
}

const API_KEY: Record<string, string[]>[] = [{ apiKey: [] }, { apiKeyQuery: [] }];
const iso = (description: string) => Type.String({ format: 'date-time', description });

const Envelope = Type.Object(
  {
    seq: Type.Integer({ description: 'increases by one per event on this hub' }),
    at: iso('when it happened'),
    tenant_id: Type.Union([Type.String(), Type.Null()], { description: 'null for hub-wide events (status)' }),
    event: Type.Object(
      { type: Type.String({ description: 'call.created, call.updated, call.event, transcript.segment, transcript.pending, agent.created/updated/deleted, agent.status, status.changed, line.updated, queue.entry, queue.stats, queue.settings, …' }) },
      { additionalProperties: true, description: 'a domain event (shared/contracts/domain-events.ts); its other field holds the object (call, segment, agent, …)' },
    ),
  },
  { description: 'EventEnvelope' },
);
const Hello = Type.Object(
  { type: Type.Literal('hello'), seq: Type.Integer({ description: 'the last event number sent before this socket opened' }), status: Type.Object({}, { additionalProperties: true, description: 'CoreStatus: version, sip, ai, offline' }) },
  { description: 'first message' },
);

const CsCallMessage = Type.Object({
  event: Type.Union(['call_started', 'call_answered', 'call_updated', 'call_transferred', 'call_ended'].map((e) => Type.Literal(e))),
  call_id: Type.String({ description: 'the call sid' }),
  session_id: Type.Integer({ description: 'the call id' }),
  room_name: Type.String(),
  direction: Type.String({ description: 'inbound or outbound' }),
  status: Type.Union(CALL_STATUSES.map((s) => Type.Literal(s))),
  from_number: Type.String(),
  to_number: Type.String(),
  timestamp: iso('when the change happened'),
});
const CsTranscriptMessage = Type.Object({
  event: Type.Literal('transcript_update'),
  session_id: Type.Integer(),
  speaker: Type.String({ description: 'customer, ai_agent, agent, supervisor or system' }),
  text: Type.String(),
  timestamp: iso('the call start plus the segment offset'),
  confidence: Type.Union([Type.Number(), Type.Null()]),
});

const phonyEvent = (type: string, data: Record<string, TSchema>) =>
  Type.Object({ type: Type.Literal(type), callSid: Type.String({ description: 'as subscribed: the call sid or the Twilio CallSid it was bridged from' }), timestamp: iso('when it happened'), data: Type.Object(data) });
const PhonyEvent = Type.Union([
  phonyEvent('call.started', { callSid: Type.String(), from: Type.String(), to: Type.String(), timestamp: Type.String() }),
  phonyEvent('speech.detected', { text: Type.String(), speaker: Type.String(), confidence: Type.Union([Type.Number(), Type.Null()]) }),
  phonyEvent('ai.response', { text: Type.String(), audio_url: Type.Null(), model: Type.Union([Type.String(), Type.Null()]) }),
  phonyEvent('call.ended', { callSid: Type.String(), duration: Type.Number({ description: 'seconds' }), reason: Type.String() }),
  phonyEvent('error.occurred', { error_type: Type.String(), message: Type.String(), code: Type.Unknown() }),
  phonyEvent('supervisor.override', { action: Type.String({ description: 'text, whisper, transfer, end or stop' }), value: Type.Unknown(), actor: Type.String() }),
]);

const MediaRequestMessage = Type.Object(
  { type: Type.Literal('media.request'), request: Type.Object({ op: Type.String({ description: 'local, remote, dtmf or close' }), request_id: Type.String(), line_id: Type.String() }, { additionalProperties: true }) },
  { description: "the seat's SDP/DTMF work, to the console holding its audio; answered with POST /console/rpc/mediaReply" },
);

/** Every WebSocket route, by its URL as registered. */
export const SOCKET_DOCS: Record<string, SocketDoc> = {
  '/api/v1/events': {
    auth: 'Authorization: Bearer <API key> (read scope)',
    security: [{ apiKey: [] }],
    client_messages: { format: 'none (ignored)' },
    server_messages: { format: 'JSON text frames: a hello, then every event of the key’s tenant (and hub-wide status events)', schema: Type.Union([Hello, Envelope]) },
    close_codes: {},
    refusals: { 401: 'no or an invalid API key', 403: 'the key lacks the read scope, or a foreign Origin', 429: 'the key’s rate limit' },
  },
  '/console/events': {
    auth: 'the console session cookie (earshot_session) set by POST /console/rpc/login',
    security: [{ consoleSession: [] }],
    client_messages: { format: 'none (the console answers media requests with POST /console/rpc/mediaReply)' },
    server_messages: { format: 'JSON text frames: a hello with the seat’s status, then the console’s events and its seat’s media requests', schema: Type.Union([Hello, Envelope, MediaRequestMessage]) },
    close_codes: { 4401: "'sign in first' (no session) or 'session ended' (signed out or expired)" },
    refusals: { 403: 'a foreign Origin or Host' },
  },
  '/ws/call/:call_id': {
    auth: 'Authorization: Bearer <API key, DENCO backend token, or the tenant id where the tenant allows it (insecure, off by default)>',
    security: [{ apiKey: [] }, { dencoBackendToken: [] }],
    client_messages: { format: 'binary frames: the caller’s audio, PCM16 little-endian, 16 kHz, mono' },
    server_messages: { format: 'binary frames: the voice AI’s audio, PCM16 16 kHz mono — only where a PCM voice pipeline is configured; none is, so the socket closes at once (see close codes)' },
    close_codes: { [VOICE_PIPELINE_NOT_CONFIGURED]: VOICE_PIPELINE_REASON },
    refusals: { 401: '{"detail"}: no or invalid credentials', 403: 'a foreign Origin', 404: '{"detail": "Call session not found"}: not a call of this tenant', 429: 'the credential’s rate limit' },
  },
  '/ws/calls': {
    auth: 'Authorization: Bearer <API key>, or ?api_key= from a browser',
    security: API_KEY,
    client_messages: { format: 'none (ignored)' },
    server_messages: { format: 'JSON text frames, one per change of a call of the tenant (seed 002)', schema: CsCallMessage },
    close_codes: {},
    refusals: { 401: '{"detail"}: no or invalid API key', 403: 'a foreign Origin', 429: 'the key’s rate limit' },
  },
  '/ws/transcripts/:session_id': {
    auth: 'Authorization: Bearer <API key>, or ?api_key= from a browser',
    security: API_KEY,
    client_messages: { format: 'none (ignored)' },
    server_messages: { format: 'JSON text frames, one per final transcript segment of the session (seed 002)', schema: CsTranscriptMessage },
    close_codes: { 1000: "'call ended': the session’s call has ended (at once if it already had)" },
    refusals: { 401: '{"detail"}: no or invalid API key', 403: 'a foreign Origin', 404: '{"detail": "Call session not found"}: not a call of this tenant', 429: 'the key’s rate limit' },
  },
  '/events/ws': {
    auth: 'Authorization: Bearer <API key>, or ?api_key= from a browser',
    security: API_KEY,
    client_messages: { format: 'none (ignored)' },
    server_messages: { format: 'JSON text frames: the events of the call named by callSid (seed 003); call.started first (also for a call already under way), call.ended last', schema: PhonyEvent },
    close_codes: { 1000: "'call ended': after call.ended" },
    refusals: {
      401: '{"error": {"code": "UNAUTHORIZED"}}: no or invalid API key',
      403: 'a foreign Origin',
      422: '{"error": {"code": "VALIDATION_ERROR"}}: callSid missing',
      429: `{"error": {"code": "RATE_LIMITED"}}: the key already has ${PHONY_SOCKETS_PER_KEY} event sockets open (seed 003: ${PHONY_SOCKETS_PER_KEY} concurrent per API key), or its request rate limit`,
    },
  },
};
