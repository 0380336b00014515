// The OpenAI emulator (tests/support/openai-emulator) speaks the real wire format: every
// request here is made by the real `openai` SDK (or, for the sideband socket, by `ws` the way
// DESIGN §10 says Earshot connects over plain http), and the emulator checks each one.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import OpenAI, { toFile } from 'openai';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startOpenAiEmulator, toneWav, type OpenAiEmulator } from '../support/openai-emulator/index.ts';
import { pollUntil } from '../support/proc.ts';
import { speechWav } from '../support/speech.ts';

let ai: OpenAiEmulator;
let client: OpenAI;

beforeAll(async () => {
  ai = await startOpenAiEmulator();
  client = new OpenAI({ apiKey: ai.apiKey, baseURL: ai.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await ai?.close();
});

// Tests that provoke a rejection assert on it and clear the log; anything left is a request
// the emulator refused that the test did not expect.
afterEach(() => {
  const left = ai.problems.map((p) => `${p.where}: ${p.error.message}`);
  ai.clearLog();
  expect(left).toEqual([]);
});

/** Takes the problems so far (and forgets them), for tests that provoke rejections. */
function takeProblems() {
  const problems = ai.problems.map((p) => ({ where: p.where, status: p.status, code: p.error.code, param: p.error.param }));
  ai.clearLog();
  return problems;
}

const wavFile = (bytes: Buffer, name = 'segment.wav') => toFile(bytes, name, { type: 'audio/wav' });

describe('models', () => {
  it('lists models (the health probe) with the configured key', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini', 'gpt-realtime']));
    const [req] = ai.requestsTo('/v1/models', 'GET');
    expect(req?.headers.authorization).toBe(`Bearer ${ai.apiKey}`);
  });

  it('answers a wrong key with 401 invalid_api_key (OpenAI.AuthenticationError)', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong-key-1234', baseURL: ai.baseURL, maxRetries: 0 });
    const err = await bad.models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(takeProblems()).toEqual([{ where: 'GET /v1/models', status: 401, code: 'invalid_api_key', param: null }]);
  });
});

describe('audio transcriptions', () => {
  it('transcribes a WAV (non-streaming): the default text describes the audio that arrived', async () => {
    const wav = toneWav({ seconds: 1.42 });
    const res = await client.audio.transcriptions.create({ file: await wavFile(wav), model: 'gpt-4o-transcribe', language: 'ja', prompt: 'コールセンター' });
    expect(res.text).toBe('[speech 1.42 s]');
    expect(res.usage).toMatchObject({ type: 'tokens', input_token_details: { audio_tokens: 15 } });

    const [req] = ai.requestsTo('/v1/audio/transcriptions');
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req?.multipart?.fields).toEqual({ model: 'gpt-4o-transcribe', language: 'ja', prompt: 'コールセンター' });
    expect(req?.multipart?.files).toHaveLength(1);
    expect(req?.multipart?.files[0]).toMatchObject({ field: 'file', filename: 'segment.wav', contentType: 'audio/wav' });
    expect(req?.multipart?.files[0]?.bytes.equals(wav)).toBe(true);
  });

  it('returns logprobs when asked (include[]=logprobs) and other response formats for whisper-1', async () => {
    ai.setTranscript(toneWav({ seconds: 0.5 }), 'hello there');
    const withLogprobs = await client.audio.transcriptions.create({ file: await wavFile(toneWav({ seconds: 0.5 })), model: 'gpt-4o-mini-transcribe', include: ['logprobs'] });
    expect(withLogprobs.logprobs?.map((l) => l.token)).toEqual(['hello ', 'there']);
    expect(ai.requestsTo('/v1/audio/transcriptions')[0]?.multipart?.fields['include[]']).toEqual(['logprobs']);

    const text = await client.audio.transcriptions.create({ file: await wavFile(toneWav({ seconds: 0.5 })), model: 'whisper-1', response_format: 'text' });
    expect(text).toBe('hello there\n');
    const verbose = await client.audio.transcriptions.create({ file: await wavFile(toneWav({ seconds: 2 })), model: 'whisper-1', response_format: 'verbose_json', language: 'ja' });
    expect(verbose).toMatchObject({ task: 'transcribe', language: 'japanese', duration: 2, text: '[speech 2.00 s]', usage: { type: 'duration', seconds: 2 } });
  });

  it('streams gpt-4o transcriptions as transcript.text.delta events and a transcript.text.done', async () => {
    const wav = toneWav({ seconds: 0.8, frequency: 300 });
    ai.setTranscript(wav, 'もしもし、予約をお願いします');
    const stream = await client.audio.transcriptions.create({ file: await wavFile(wav), model: 'gpt-4o-mini-transcribe', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    const deltas = events.filter((e) => e.type === 'transcript.text.delta');
    const done = events.at(-1);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.map((d) => d.delta).join('')).toBe('もしもし、予約をお願いします');
    expect(done).toMatchObject({ type: 'transcript.text.done', text: 'もしもし、予約をお願いします', usage: { type: 'tokens' } });
    expect(ai.requestsTo('/v1/audio/transcriptions')[0]?.multipart?.fields.stream).toBe('true');
  });

  it('takes text registered for an exact WAV (sha256) or from a function of the decoded WAV', async () => {
    const registered = toneWav({ seconds: 1, frequency: 523 });
    ai.setTranscript(registered, 'registered by hash');
    const seen: { sampleRate: number; channels: number; bits: number; durationSec: number }[] = [];
    ai.setTranscriber((wav) => {
      seen.push({ sampleRate: wav.sampleRate, channels: wav.channels, bits: wav.bitsPerSample, durationSec: wav.durationSec });
      return undefined; // keep the default text
    });
    try {
      const byHash = await client.audio.transcriptions.create({ file: await wavFile(registered), model: 'whisper-1' });
      expect(byHash.text).toBe('registered by hash');

      // Real speech from espeak-ng (48 kHz mono PCM16, tests/support/speech.ts).
      const speech = readFileSync(speechWav('Hello, I would like to book a table.'));
      const spoken = await client.audio.transcriptions.create({ file: await wavFile(speech, 'speech.wav'), model: 'gpt-4o-transcribe' });
      expect(spoken.text).toMatch(/^\[speech \d+\.\d\d s\]$/);
      expect(seen).toEqual([{ sampleRate: 48_000, channels: 1, bits: 16, durationSec: expect.closeTo(Number(/[\d.]+/.exec(spoken.text)![0]), 2) }]);

      const silence = await client.audio.transcriptions.create({ file: await wavFile(toneWav({ seconds: 1, amplitude: 0 })), model: 'gpt-4o-transcribe' });
      expect(silence.text).toBe('');
    } finally {
      ai.setTranscriber(undefined);
    }
  });

  it('rejects what OpenAI rejects: whisper-1 streaming, unknown models, unnamed and corrupt files', async () => {
    const file = () => wavFile(toneWav({ seconds: 0.5 }));
    const whisperStream = await client.audio.transcriptions.create({ file: await file(), model: 'whisper-1', stream: true }).catch((e: unknown) => e);
    expect(whisperStream).toBeInstanceOf(OpenAI.BadRequestError);
    expect((whisperStream as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('stream');

    const unknownModel = await client.audio.transcriptions.create({ file: await file(), model: 'whisper-2' }).catch((e: unknown) => e);
    expect(unknownModel).toBeInstanceOf(OpenAI.NotFoundError);

    const unnamed = await client.audio.transcriptions.create({ file: await toFile(toneWav(), 'blob'), model: 'whisper-1' }).catch((e: unknown) => e);
    expect(unnamed).toBeInstanceOf(OpenAI.BadRequestError);

    const corrupt = await client.audio.transcriptions.create({ file: await toFile(Buffer.from('RIFF....WAVEjunk'), 'x.wav'), model: 'whisper-1' }).catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(OpenAI.BadRequestError);
    expect((corrupt as Error).message).toMatch(/corrupted or unsupported/);

    expect(takeProblems()).toEqual([
      { where: 'POST /v1/audio/transcriptions', status: 400, code: 'unsupported_value', param: 'stream' },
      { where: 'POST /v1/audio/transcriptions', status: 404, code: 'model_not_found', param: null },
      { where: 'POST /v1/audio/transcriptions', status: 400, code: 'invalid_value', param: 'file' },
      { where: 'POST /v1/audio/transcriptions', status: 400, code: 'invalid_value', param: 'file' },
    ]);
  });
});

describe('chat completions', () => {
  const schema = {
    type: 'object',
    properties: {
      summary: { type: 'string' },
      sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
      score: { type: 'number' },
    },
    required: ['summary', 'sentiment', 'score'],
    additionalProperties: false,
  };

  it('answers json_schema requests with JSON that fits the schema, and records the exact body', async () => {
    const body = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system' as const, content: 'Summarise the call.' },
        { role: 'user' as const, content: 'Caller: I want to book a table.' },
      ],
      response_format: { type: 'json_schema' as const, json_schema: { name: 'call_summary', schema, strict: true } },
      temperature: 0.2,
    };
    const res = await client.chat.completions.create(body);
    expect(res.object).toBe('chat.completion');
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual({ summary: 'example', sentiment: 'positive', score: 0 });
    expect(ai.requestsTo('/v1/chat/completions')[0]?.body).toEqual(body);
  });

  it('uses the registered reply, and "ok" without a response format', async () => {
    ai.setChatReply((req) => (req.response_format ? { summary: 'Booked a table for two.', sentiment: 'positive', score: 0.9 } : undefined));
    try {
      const res = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'x' }],
        response_format: { type: 'json_schema', json_schema: { name: 'call_summary', schema, strict: true } },
      });
      expect(JSON.parse(res.choices[0]!.message.content!)).toMatchObject({ summary: 'Booked a table for two.' });
      const plain = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(plain.choices[0]!.message.content).toBe('ok');
    } finally {
      ai.setChatReply(undefined);
    }
  });

  it('rejects a strict schema that is not closed, and unknown arguments', async () => {
    const open = { ...schema, additionalProperties: undefined };
    const err = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 's', schema: open, strict: true } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toMatch(/'additionalProperties' is required to be supplied and to be false/);
    const unknown = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], temprature: 0 } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect((unknown as Error).message).toMatch(/Unrecognized request argument supplied: temprature/);
    expect(takeProblems().map((p) => p.status)).toEqual([400, 400]);
  });
});

describe('realtime calls REST', () => {
  const accept = {
    type: 'realtime' as const,
    model: 'gpt-realtime',
    instructions: 'You are a support agent for Japanese. Please speak Japanese only.',
    audio: { input: { transcription: { model: 'gpt-4o-transcribe', language: 'ja' } }, output: { voice: 'marin' } },
    tools: [{ type: 'function' as const, name: 'transfer_to_human', description: 'Hand the call to a person', parameters: { type: 'object', properties: { reason: { type: 'string' } } } }],
    tool_choice: 'auto' as const,
  };

  it('records accept, refer and hangup with their exact bodies, and reject with a status code', async () => {
    const callId = ai.incomingCall();
    await client.realtime.calls.accept(callId, accept);
    await client.realtime.calls.refer(callId, { target_uri: 'tel:+81312345678' });
    await client.realtime.calls.hangup(callId);
    const other = ai.incomingCall();
    await client.realtime.calls.reject(other, { status_code: 486 });

    const base = `/v1/realtime/calls/${callId}`;
    expect(ai.requestsTo(`${base}/accept`)[0]?.body).toEqual(accept);
    expect(ai.requestsTo(`${base}/refer`)[0]?.body).toEqual({ target_uri: 'tel:+81312345678' });
    expect(ai.requestsTo(`${base}/hangup`)[0]?.raw.length).toBe(0);
    expect(ai.requestsTo(`/v1/realtime/calls/${other}/reject`)[0]?.body).toEqual({ status_code: 486 });
    expect(ai.requestsTo(`${base}/accept`)[0]?.status).toBe(200);
    expect(ai.call(callId)).toMatchObject({ status: 'ended', endedBy: 'hangup', referrals: ['tel:+81312345678'] });
    expect(ai.call(callId).session).toMatchObject({ model: 'gpt-realtime', instructions: accept.instructions, audio: { output: { voice: 'marin' } } });
    expect(ai.call(other)).toMatchObject({ status: 'rejected', rejected: { status_code: 486 } });
  });

  it('refuses unknown calls, wrong states and bodies that do not fit the SDK types', async () => {
    const unknown = await client.realtime.calls.accept('rtc_nope', { type: 'realtime' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);

    const callId = ai.incomingCall();
    // The beta parameter name, which the GA API refuses (seed 001's troubleshooting note).
    const beta = await client.realtime.calls
      .accept(callId, { type: 'realtime', input_audio_transcription: { model: 'whisper-1' } } as unknown as OpenAI.Realtime.CallAcceptParams)
      .catch((e: unknown) => e);
    expect((beta as Error).message).toMatch(/Unknown parameter: 'input_audio_transcription'/);
    const noType = await client.realtime.calls.accept(callId, {} as OpenAI.Realtime.CallAcceptParams).catch((e: unknown) => e);
    expect((noType as Error).message).toMatch(/Missing required parameter: 'type'/);
    const hangupRinging = await client.realtime.calls.hangup(callId).catch((e: unknown) => e);
    expect(hangupRinging).toBeInstanceOf(OpenAI.BadRequestError);

    await client.realtime.calls.accept(callId, { type: 'realtime' });
    const again = await client.realtime.calls.accept(callId, { type: 'realtime' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(OpenAI.BadRequestError);
    const badTarget = await client.realtime.calls.refer(callId, { target_uri: '+81312345678' }).catch((e: unknown) => e);
    expect((badTarget as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('target_uri');
    const badVoice = ai.incomingCall();
    const voice = await client.realtime.calls.accept(badVoice, { type: 'realtime', audio: { output: { voice: 'robot' } } }).catch((e: unknown) => e);
    expect((voice as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('audio.output.voice');

    expect(takeProblems().map((p) => [p.status, p.code, p.param])).toEqual([
      [404, 'call_not_found', 'call_id'],
      [400, 'unknown_parameter', 'input_audio_transcription'],
      [400, 'missing_required_parameter', 'type'],
      [400, 'invalid_call_state', 'call_id'],
      [400, 'invalid_call_state', 'call_id'],
      [400, 'invalid_value', 'target_uri'],
      [400, 'invalid_value', 'audio.output.voice'],
    ]);
  });
});

type ServerEvent = RealtimeServerEvent;
type EventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

interface SidebandClient {
  ws: WebSocket;
  events: ServerEvent[];
  send(event: object): void;
  /** The next event of `type` after the last one taken (events in between are skipped). */
  next<T extends ServerEvent['type']>(type: T, match?: (e: EventOf<T>) => boolean): Promise<EventOf<T>>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A sideband connection over plain ws:// (DESIGN §10), authenticated like the SDK does. */
async function connectSideband(callId: string): Promise<SidebandClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${ai.port}/v1/realtime?call_id=${callId}`, { headers: { Authorization: `Bearer ${ai.apiKey}` } });
  const events: ServerEvent[] = [];
  ws.on('message', (data) => events.push(JSON.parse(data.toString()) as ServerEvent));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let cursor = 0;
  return {
    ws,
    events,
    closed,
    send: (event) => ws.send(JSON.stringify(event)),
    async next(type, match = () => true) {
      let found = -1;
      await pollUntil(
        () => {
          found = events.findIndex((e, i) => i >= cursor && e.type === type && match(e as EventOf<typeof type>));
          return found >= 0;
        },
        { timeoutMs: 5000, what: `sideband event ${type} (got: ${events.slice(cursor).map((e) => e.type).join(', ')})` },
      );
      cursor = found + 1;
      return events[found] as EventOf<typeof type>;
    },
  };
}

/** The HTTP status a sideband upgrade is refused with. */
function refusedUpgrade(url: string, apiKey = ai.apiKey): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${apiKey}` } });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => reject(new Error(`upgrade to ${url} was accepted`)));
    ws.once('error', () => undefined);
  });
}

describe('realtime sideband WebSocket', () => {
  it('goes through a call: session, caller and AI turns, supervisor items, a say-now response, a tool call, hang-up', async () => {
    const callId = ai.incomingCall();
    await client.realtime.calls.accept(callId, {
      type: 'realtime',
      instructions: 'You are a support agent for Japanese.',
      audio: { output: { voice: 'marin' } },
    });
    const sb = await connectSideband(callId);

    const created = await sb.next('session.created');
    expect(created.session).toMatchObject({ type: 'realtime', instructions: 'You are a support agent for Japanese.', audio: { output: { voice: 'marin' } } });

    // Transcription is off until the session asks for it, as on the real service.
    expect((await ai.callerSays(callId, 'hello?')).transcribed).toBe(false);

    sb.send({ type: 'session.update', event_id: 'evt_client_1', session: { type: 'realtime', audio: { input: { transcription: { model: 'whisper-1', language: 'ja' } } } } });
    const updated = await sb.next('session.updated');
    expect(updated.session).toMatchObject({ audio: { input: { transcription: { model: 'whisper-1', language: 'ja' } } }, instructions: 'You are a support agent for Japanese.' });

    const turn = await ai.callerSays(callId, '予約をしたいのですが');
    const userItem = await sb.next('conversation.item.added', (e) => e.item.type === 'message' && e.item.role === 'user');
    expect(userItem.item.id).toBe(turn.itemId);
    const delta = await sb.next('conversation.item.input_audio_transcription.delta');
    expect(delta).toMatchObject({ item_id: turn.itemId, content_index: 0, delta: '予約をしたいのですが' }); // whisper-1: one delta
    const completed = await sb.next('conversation.item.input_audio_transcription.completed');
    expect(completed).toMatchObject({ item_id: turn.itemId, content_index: 0, transcript: '予約をしたいのですが' });

    const said = await ai.aiSays(callId, 'かしこまりました。お名前をお願いします。');
    const created2 = await sb.next('response.created');
    expect(created2.response).toMatchObject({ id: said.responseId, status: 'in_progress' });
    const transcriptDone = await sb.next('response.output_audio_transcript.done');
    expect(transcriptDone.transcript).toBe('かしこまりました。お名前をお願いします。');
    const deltas = sb.events.filter((e): e is EventOf<'response.output_audio_transcript.delta'> => e.type === 'response.output_audio_transcript.delta' && e.response_id === said.responseId);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.map((e) => e.delta).join('')).toBe('かしこまりました。お名前をお願いします。');
    const done = await sb.next('response.done');
    expect(done.response).toMatchObject({ id: said.responseId, status: 'completed', output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_audio', transcript: 'かしこまりました。お名前をお願いします。' }] }] });

    // A supervisor's whisper to the AI: a system message item.
    sb.send({ type: 'conversation.item.create', item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Offer a callback.' }] } });
    const system = await sb.next('conversation.item.added', (e) => e.item.type === 'message' && e.item.role === 'system');
    expect(system.item).toMatchObject({ object: 'realtime.item', status: 'completed', content: [{ type: 'input_text', text: 'Offer a callback.' }] });
    await sb.next('conversation.item.done', (e) => e.item.id === system.item.id);

    // "Say now": response.create with instructions is spoken.
    sb.send({ type: 'response.create', response: { instructions: '少々お待ちください。' } });
    expect((await sb.next('response.output_audio_transcript.done')).transcript).toBe('少々お待ちください。');
    await sb.next('response.done');

    // A tool call, answered with function_call_output.
    const tool = await ai.aiCallsTool(callId, 'transfer_to_human', { reason: 'billing' });
    const args = await sb.next('response.function_call_arguments.done');
    expect(args).toMatchObject({ name: 'transfer_to_human', call_id: tool.callId, arguments: '{"reason":"billing"}' });
    expect((await sb.next('response.output_item.done')).item).toMatchObject({ type: 'function_call', status: 'completed', call_id: tool.callId });
    await sb.next('response.done');
    sb.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: tool.callId, output: '{"ok":true}' } });
    expect((await sb.next('conversation.item.added', (e) => e.item.type === 'function_call_output')).item).toMatchObject({ call_id: tool.callId });

    expect(ai.call(callId).clientEvents.map((r) => r.event.type)).toEqual(['session.update', 'conversation.item.create', 'response.create', 'conversation.item.create']);

    await ai.endCall(callId);
    expect(await sb.closed).toMatchObject({ code: 1000 });
    expect(ai.call(callId)).toMatchObject({ status: 'ended', endedBy: 'caller' });
    expect(await refusedUpgrade(`ws://127.0.0.1:${ai.port}/v1/realtime?call_id=${callId}`)).toBe(404);
    expect(takeProblems()).toEqual([{ where: 'GET /v1/realtime', status: 404, code: 'call_not_found', param: 'call_id' }]);
  });

  it('answers invalid client events with error events, and cancels a response in progress', async () => {
    const callId = ai.incomingCall();
    await client.realtime.calls.accept(callId, { type: 'realtime' });
    const sb = await connectSideband(callId);
    await sb.next('session.created');

    sb.send({ type: 'session.update', event_id: 'evt_bad', session: { type: 'realtime', input_audio_transcription: { model: 'whisper-1' } } });
    const err = await sb.next('error');
    expect(err.error).toMatchObject({ type: 'invalid_request_error', code: 'unknown_parameter', param: 'session.input_audio_transcription', event_id: 'evt_bad' });
    sb.send({ type: 'conversation.item.create', item: { type: 'message', role: 'system', content: [{ type: 'text', text: 'x' }] } });
    expect((await sb.next('error')).error).toMatchObject({ code: 'invalid_value', param: 'item.content[0].type' });
    sb.send({ type: 'response.cancel' });
    expect((await sb.next('error')).error.code).toBe('response_cancel_not_active');
    sb.send({ type: 'no.such.event' });
    expect((await sb.next('error')).error).toMatchObject({ code: 'invalid_value', param: 'type' });
    expect(takeProblems().map((p) => p.where)).toEqual([`ws ${callId} session.update`, `ws ${callId} conversation.item.create`, `ws ${callId} response.cancel`, `ws ${callId} no.such.event`]);

    const long = ai.aiSays(callId, 'This is a long answer that the caller will interrupt before it is finished.');
    await sb.next('response.output_audio_transcript.delta');
    sb.send({ type: 'response.cancel' });
    const result = await long;
    expect(result.status).toBe('cancelled');
    expect((await sb.next('response.done')).response).toMatchObject({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'client_cancelled' } });

    await client.realtime.calls.hangup(callId);
    expect((await sb.closed).code).toBe(1000);
  });

  it('refuses a wrong key, a call that was not accepted and a missing call_id', async () => {
    const ringing = ai.incomingCall();
    const base = `ws://127.0.0.1:${ai.port}/v1/realtime`;
    expect(await refusedUpgrade(`${base}?call_id=${ringing}`, 'sk-wrong')).toBe(401);
    expect(await refusedUpgrade(`${base}?call_id=${ringing}`)).toBe(400);
    expect(await refusedUpgrade(base)).toBe(400);
    expect(takeProblems().map((p) => [p.status, p.code])).toEqual([
      [401, 'invalid_api_key'],
      [400, 'invalid_call_state'],
      [400, 'missing_required_parameter'],
    ]);
  });
});

describe('signed webhooks', () => {
  let receiver: Server;
  let url: string;
  const received: { status: number; raw: string; headers: Record<string, string | string[] | undefined>; event?: OpenAI.Webhooks.UnwrapWebhookEvent }[] = [];

  beforeAll(async () => {
    // A receiver like Earshot's: verify with the SDK, 400 on a bad signature or stale timestamp.
    receiver = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      try {
        const event = await client.webhooks.unwrap(raw, req.headers as Record<string, string>, ai.webhookSecret);
        received.push({ status: 200, raw, headers: req.headers, event });
        res.writeHead(200).end('ok');
      } catch (err) {
        received.push({ status: 400, raw, headers: req.headers });
        res.writeHead(400).end((err as Error).message);
      }
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const addr = receiver.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webhook`;
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('delivers realtime.call.incoming that the SDK verifies, and the call id is live for the REST verbs', async () => {
    const { callId, delivery } = await ai.deliverIncomingCall(url, { from: '+818012345678', fromName: 'Taro', to: '+81312345678', extraHeaders: [{ name: 'X-Tenant', value: 'default' }] });
    expect(delivery.status).toBe(200);
    const event = received.at(-1)!.event!;
    expect(event.type).toBe('realtime.call.incoming');
    if (event.type !== 'realtime.call.incoming') return;
    expect(event.data.call_id).toBe(callId);
    expect(event.data.sip_headers.map((h) => h.name)).toEqual(['From', 'To', 'Call-ID', 'X-Tenant']);
    expect(event.data.sip_headers[0]!.value).toMatch(/^"Taro" <sip:\+818012345678@pstn\.example\.com>;tag=\w+$/);
    expect(event.data.sip_headers[1]!.value).toBe('<sip:+81312345678@sip.api.openai.com>');
    expect(received.at(-1)!.headers).toMatchObject({ 'webhook-id': delivery.id, 'webhook-timestamp': String(delivery.timestamp) });
    expect(received.at(-1)!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    await client.realtime.calls.accept(callId, { type: 'realtime' });
    expect(ai.call(callId).status).toBe('accepted');
  });

  it('sends variants the SDK rejects (bad signature, 10-minute-old timestamp) and byte-exact replays', async () => {
    const callId = ai.incomingCall();
    const event = ai.call(callId).incomingEvent;
    expect((await ai.sendWebhook(url, event, { badSignature: true })).status).toBe(400);
    expect((await ai.sendWebhook(url, event, { ageSeconds: 600 })).status).toBe(400);
    const first = await ai.sendWebhook(url, event);
    expect(first.status).toBe(200);
    const replay = await ai.replayWebhook(first);
    const [a, b] = received.slice(-2);
    expect(b!.raw).toBe(a!.raw);
    expect(b!.headers['webhook-id']).toBe(a!.headers['webhook-id']);
    expect(b!.headers['webhook-signature']).toBe(a!.headers['webhook-signature']);
    expect(replay.payload).toBe(first.payload);
  });
});

describe('fault control', () => {
  it('stop() makes the SDK fail with APIConnectionError and drops sideband sockets; start() serves again on the same port', async () => {
    const callId = ai.incomingCall();
    await client.realtime.calls.accept(callId, { type: 'realtime' });
    const sb = await connectSideband(callId);
    const port = ai.port;

    await ai.stop();
    expect((await sb.closed).code).toBe(1006);
    const err = await client.models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionError);

    await ai.start();
    expect(ai.port).toBe(port);
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
    const again = await connectSideband(callId); // the call survived the outage
    await again.next('session.created');
    await ai.endCall(callId);
  });

  it('delay() holds answers back; failNext() fails the next n requests with OpenAI error bodies', async () => {
    ai.delay(300, '/v1/models');
    let t0 = performance.now();
    await client.models.list();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    ai.delay(0, '/v1/models');
    t0 = performance.now();
    await client.models.list();
    expect(performance.now() - t0).toBeLessThan(290);

    ai.failNext(2, 503, '/v1/chat/completions');
    const req = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    for (let i = 0; i < 2; i++) {
      const e = await client.chat.completions.create(req).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(OpenAI.InternalServerError);
      expect((e as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    }
    expect((await client.chat.completions.create(req)).choices[0]!.message.content).toBe('ok');
    ai.failNext(1, 429);
    expect(await client.models.list().catch((x: unknown) => x)).toBeInstanceOf(OpenAI.RateLimitError);
    expect(ai.requestsTo('/v1/chat/completions').map((r) => r.injected ?? r.status)).toEqual([503, 503, 200]);
    // Injected failures are what the test asked for, not problems.
    expect(ai.problems).toEqual([]);
  });
});
