// An OpenAI API emulator for tests (DESIGN §9): a real HTTP + WebSocket server on 127.0.0.1
// that speaks OpenAI's wire format — transcription uploads, chat completions, the Realtime
// SIP calls REST verbs and sideband WebSocket, signed webhooks — and checks every request
// against it. Point the real `openai` SDK at `baseURL`; never stub the client.
//
//   const ai = await startOpenAiEmulator();
//   const client = new OpenAI({ apiKey: ai.apiKey, baseURL: ai.baseURL, maxRetries: 0 });
//   const callId = ai.incomingCall({ from: '+818012345678' });
//   await ai.sendWebhook(receiverUrl, ai.call(callId).incomingEvent);
//   … expect(ai.problems).toEqual([]);
//   await ai.close();
//
// See README.md in this folder.
import { createHash, randomBytes } from 'node:crypto';
import { pollUntil } from '../proc.ts';
import { chatRoute, type ChatReplier } from './chat.ts';
import { Faults } from './faults.ts';
import { newId } from './ids.ts';
import { modelCatalog, modelRoutes, type ModelCatalog } from './models.ts';
import { callRoutes, liveCall, type ClientEventRecord, type RealtimeCall } from './realtime-calls.ts';
import { defaultSession } from './realtime-session.ts';
import { callerSays, runResponse, type CallerTurn, type ResponseResult, type ToolCallResult } from './realtime-turns.ts';
import { RequestLog, type LoggedRequest, type Problem } from './request-log.ts';
import { createEmulatorServer } from './server.ts';
import { createSideband, type RealtimeReplier } from './sideband.ts';
import { TranscriptBook, transcriptionRoute, type Transcriber } from './transcriptions.ts';
import {
  incomingCallEvent,
  incomingSipHeaders,
  newWebhookSecret,
  replayWebhook,
  sendWebhook,
  type IncomingCallOptions,
  type SendWebhookOptions,
  type WebhookDelivery,
} from './webhooks.ts';

export type { ChatReplier, ChatRequest } from './chat.ts';
export type { ModelCatalog } from './models.ts';
export type { CallStatus, ClientEventRecord, RealtimeCall, SipHeader } from './realtime-calls.ts';
export type { CallerTurn, ResponseResult, ToolCallResult } from './realtime-turns.ts';
export type { LoggedRequest, MultipartBody, Problem, UploadedFile } from './request-log.ts';
export type { RealtimeReplier } from './sideband.ts';
export type { Transcriber } from './transcriptions.ts';
export { encodeWav, parseWav, toneWav, type WavInfo } from './wav.ts';
export { signWebhook, type IncomingCallOptions, type SendWebhookOptions, type WebhookDelivery } from './webhooks.ts';

export interface OpenAiEmulatorOptions {
  /** Default: a random free port; stop()/start() keep the port. */
  port?: number;
  /** The only key accepted as `Authorization: Bearer …` (default: a random sk-emu-…). */
  apiKey?: string;
  /** whsec_… secret webhooks are signed with (default: 32 random bytes). */
  webhookSecret?: string;
  /** More model names per family, for OpenAI-compatible servers with their own names. */
  models?: Partial<ModelCatalog>;
  /** Gap between streamed deltas and realtime events, ms (default 15). */
  streamGapMs?: number;
}

export interface OpenAiEmulator {
  /** http://127.0.0.1:PORT/v1 — the SDK's baseURL. */
  readonly baseURL: string;
  readonly port: number;
  readonly apiKey: string;
  readonly webhookSecret: string;

  /** Every request so far (including sideband upgrades), oldest first. */
  readonly requests: readonly LoggedRequest[];
  /** Requests and client events the emulator rejected. A clean run leaves this empty. */
  readonly problems: readonly Problem[];
  requestsTo(path: string, method?: string): LoggedRequest[];
  /** The first answered request that matches (already logged or still to come). */
  waitForRequest(match: (r: LoggedRequest) => boolean, timeoutMs?: number): Promise<LoggedRequest>;
  /** Forgets logged requests and problems. */
  clearLog(): void;

  /** The transcript for this exact WAV (its bytes, or its sha256 in hex). */
  setTranscript(wav: Buffer | string, text: string): void;
  /** Transcript for WAVs without a registered text (return undefined for the default). */
  setTranscriber(fn: Transcriber | undefined): void;
  /** The assistant reply to chat completions (return undefined for the default). */
  setChatReply(fn: ChatReplier | undefined): void;
  /** What the model says for a client `response.create` (default: its instructions, else "OK."). */
  setRealtimeReply(fn: RealtimeReplier | undefined): void;

  /** Registers a ringing SIP call and returns its id; `call(id).incomingEvent` is its webhook event. */
  incomingCall(opts?: IncomingCallOptions): string;
  call(callId: string): RealtimeCall;
  readonly calls: ReadonlyMap<string, RealtimeCall>;
  /** Resolves once the call has an open sideband socket. */
  waitForSideband(callId: string, timeoutMs?: number): Promise<void>;
  /** The first client event of `type` on the call's sideband (already received or still to come). */
  waitForClientEvent(callId: string, type: string, match?: (event: ClientEventRecord['event']) => boolean, timeoutMs?: number): Promise<ClientEventRecord['event']>;
  /** The caller says `text`: VAD events, a user item and (if configured) its transcription. */
  callerSays(callId: string, text: string): Promise<CallerTurn>;
  /** The model says `text` (a whole response, streamed). */
  aiSays(callId: string, text: string): Promise<ResponseResult>;
  /** The model calls a function tool. */
  aiCallsTool(callId: string, name: string, args: object | string): Promise<ToolCallResult>;
  /** The caller hangs up: the call ends and its sideband sockets close. */
  endCall(callId: string): Promise<void>;

  /** POSTs a signed webhook event to `url`. */
  sendWebhook(url: string, event: object, opts?: SendWebhookOptions): Promise<WebhookDelivery>;
  /** Sends an earlier delivery again byte for byte. */
  replayWebhook(delivery: WebhookDelivery, url?: string): Promise<WebhookDelivery>;
  /** incomingCall() + its signed `realtime.call.incoming` webhook to `url`. */
  deliverIncomingCall(url: string, call?: IncomingCallOptions, send?: SendWebhookOptions): Promise<{ callId: string; delivery: WebhookDelivery }>;

  /** Waits `ms` before answering every later request under `pathPrefix` (default: all); 0 removes it. */
  delay(ms: number, pathPrefix?: string): void;
  /** The next `n` requests under `pathPrefix` (default: any) fail with `status` and OpenAI's error body. */
  failNext(n: number, status: number, pathPrefix?: string): void;
  /** Closes the server and every connection, like the endpoint going away. State is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Teardown: stop(). */
  close(): Promise<void>;
}

export async function startOpenAiEmulator(options: OpenAiEmulatorOptions = {}): Promise<OpenAiEmulator> {
  const apiKey = options.apiKey ?? `sk-emu-${randomBytes(18).toString('base64url')}`;
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const catalog = modelCatalog(options.models);
  const gapMs = () => options.streamGapMs ?? 15;
  const log = new RequestLog();
  const faults = new Faults();
  const book = new TranscriptBook();
  const calls = new Map<string, RealtimeCall>();
  let chatReply: ChatReplier | undefined;
  let realtimeReply: RealtimeReplier | undefined;

  const sideband = createSideband({ calls, catalog, log, gapMs, reply: () => realtimeReply });
  const server = createEmulatorServer({
    port: options.port ?? 0,
    apiKey,
    log,
    faults,
    upgrade: sideband.upgrade,
    routes: [
      ...modelRoutes(catalog),
      transcriptionRoute({ catalog, book, gapMs }),
      chatRoute({ catalog, reply: () => chatReply }),
      ...callRoutes({ calls, catalog, hangUp: sideband.hangUp }),
    ],
  });
  await server.start();

  /** A call the test can script: answered, not ended, with a sideband socket to talk on. */
  function connectedCall(callId: string, what: string): RealtimeCall {
    const call = liveCall(calls, callId);
    if (call.sockets.size === 0) throw new Error(`${what}: call ${callId} (${call.status}) has no open sideband connection`);
    return call;
  }

  const emulator: OpenAiEmulator = {
    get baseURL() {
      return `http://127.0.0.1:${server.port}/v1`;
    },
    get port() {
      return server.port;
    },
    apiKey,
    webhookSecret,
    requests: log.requests,
    problems: log.problems,
    requestsTo: (path, method) => log.requests.filter((r) => r.path === path && (method === undefined || r.method === method)),
    waitForRequest: (match, timeoutMs) => log.waitFor(match, timeoutMs),
    clearLog: () => log.clear(),

    setTranscript(wav, text) {
      book.set(typeof wav === 'string' ? wav : createHash('sha256').update(wav).digest('hex'), text);
    },
    setTranscriber(fn) {
      book.transcriber = fn;
    },
    setChatReply(fn) {
      chatReply = fn;
    },
    setRealtimeReply(fn) {
      realtimeReply = fn;
    },

    incomingCall(opts = {}) {
      const id = opts.callId ?? newId('rtc_', 16);
      const sipHeaders = incomingSipHeaders(opts);
      calls.set(id, {
        id,
        status: 'incoming',
        sipHeaders,
        incomingEvent: incomingCallEvent(id, sipHeaders),
        referrals: [],
        session: defaultSession(),
        conversationId: newId('conv_'),
        items: [],
        clientEvents: [],
        serverEvents: [],
        sockets: new Set(),
        connections: 0,
        audioMs: 0,
        inputAudioBytes: 0,
      });
      return id;
    },
    call(callId) {
      const call = calls.get(callId);
      if (!call) throw new Error(`openai emulator: no call ${callId}`);
      return call;
    },
    calls,
    waitForSideband: (callId, timeoutMs = 10_000) =>
      pollUntil(() => (calls.get(callId)?.sockets.size ?? 0) > 0, { timeoutMs, what: `openai emulator: sideband connection for ${callId}` }),
    async waitForClientEvent(callId, type, match = () => true, timeoutMs = 10_000) {
      let found: ClientEventRecord | undefined;
      await pollUntil(() => (found = calls.get(callId)?.clientEvents.find((r) => r.event.type === type && match(r.event))) !== undefined, {
        timeoutMs,
        what: `openai emulator: client event ${type} on ${callId}`,
      });
      return found!.event;
    },
    callerSays: (callId, text) => callerSays(connectedCall(callId, 'callerSays'), text, gapMs()),
    aiSays: (callId, text) => runResponse(connectedCall(callId, 'aiSays'), { kind: 'say', text }, { gapMs: gapMs() }),
    async aiCallsTool(callId, name, args) {
      const call = connectedCall(callId, 'aiCallsTool');
      const r = await runResponse(call, { kind: 'tool', name, args: typeof args === 'string' ? args : JSON.stringify(args) }, { gapMs: gapMs() });
      return { responseId: r.responseId, itemId: r.itemId, callId: r.callId! };
    },
    endCall: (callId) => sideband.hangUp(liveCall(calls, callId), 'caller'),

    sendWebhook: (url, event, opts) => sendWebhook(url, event, webhookSecret, opts),
    replayWebhook: (delivery, url) => replayWebhook(delivery, url),
    async deliverIncomingCall(url, callOpts, sendOpts) {
      const callId = emulator.incomingCall(callOpts);
      return { callId, delivery: await sendWebhook(url, calls.get(callId)!.incomingEvent, webhookSecret, sendOpts) };
    },

    delay: (ms, pathPrefix) => faults.setDelay(ms, pathPrefix),
    failNext: (n, status, pathPrefix) => faults.failNext(n, status, pathPrefix),
    stop: () => server.stop(),
    start: () => server.start(),
    close: () => server.stop(),
  };
  return emulator;
}
