import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/contracts/domain-events.ts';
import type { Call } from '../../../shared/domain/call.ts';
import type { PendingSegment, TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { startHub } from '../../support/hub.ts';
import { encodeWav, toneWav } from '../../support/openai-emulator/index.ts';
import { pollUntil } from '../../support/proc.ts';
import { apiEvents, placeCall, segmentOf, startRig, type EventTap, type LiveCall, type Rig } from './transcript-rig.ts';

type Pending = Extract<DomainEvent, { type: 'transcript.pending' }>;
type Stored = Extract<DomainEvent, { type: 'transcript.segment' }>;

const isPending = (key: string, test: (p: PendingSegment) => boolean = () => true) => (e: DomainEvent): e is Pending =>
  e.type === 'transcript.pending' && e.pending.segment_key === key && test(e.pending);
const isStored = (key: string) => (e: DomainEvent): e is Stored => e.type === 'transcript.segment' && e.segment.segment_key === key;

/** A distinct WAV per utterance (the emulator answers by the file's hash) with its transcript registered. */
let nextTone = 300;
function utterance(rig: Rig, text: string, seconds = 1): Buffer {
  const wav = toneWav({ seconds, frequency: nextTone++ });
  rig.emu.setTranscript(wav, text);
  return wav;
}

/** Live transcription of a human call, end to end: console → hub → OpenAI emulator → store → sockets. */
describe('live transcript of a human call', () => {
  let rig: Rig;
  let tap: EventTap;

  beforeAll(async () => {
    rig = await startRig();
    tap = await apiEvents(rig);
  }, 90_000);

  afterAll(async () => {
    tap?.close();
    await rig?.dispose();
  });

  const submit = (call: LiveCall, leg: 'local' | 'remote', key: string, offsetMs: number, wav: Buffer) =>
    rig.alice.call<{ ok: true; call_id: number; segment_key: string }>('submitSegment', segmentOf(call, leg, key, offsetMs, wav));
  const storedOrder = (keys: string[]) => tap.events.flatMap((e) => (e.event.type === 'transcript.segment' && keys.includes(e.event.segment.segment_key ?? '') ? [e.event.segment.segment_key] : []));
  /** Runs `test` on a fresh call of Alice's and hangs it up afterwards, whatever happened. */
  const withCall = async (test: (call: LiveCall) => Promise<void>) => {
    const call = await placeCall(rig);
    try {
      await test(call);
    } finally {
      await call.hangUp().catch(() => call.uas.stop());
    }
  };
  const transcriptOf = async (callId: number) => (await rig.api(`/api/v1/calls/${callId}/transcripts`)).body as { segments: TranscriptSegment[] };

  it('stores each segment with its speaker, timing and text; sockets see it pending, then stored, in call order', async () => {
    await withCall(async (call) => {
      const caller = utterance(rig, 'Hi, I ordered a kettle last week and it has not arrived.', 2);
      const agent = utterance(rig, 'I am sorry to hear that, let me check the order.', 1.5);
      const caller2 = utterance(rig, 'The order number is 4 4 7 1.', 1);
      expect(await submit(call, 'remote', 'k1-caller', 400, caller)).toEqual({ ok: true, call_id: call.callId, segment_key: 'k1-caller' });
      await submit(call, 'local', 'k1-agent', 2_700, agent);
      await submit(call, 'remote', 'k1-caller-2', 4_500, caller2);
      // A resubmission (the console did not hear the answer) is the same segment.
      await submit(call, 'remote', 'k1-caller', 400, caller);

      const keys = ['k1-caller', 'k1-agent', 'k1-caller-2'];
      for (const key of keys) await tap.waitFor(isStored(key), `${key} stored`);
      expect(storedOrder(keys)).toEqual(keys);
      for (const key of keys) {
        const firstPending = tap.events.findIndex((e) => isPending(key)(e.event));
        expect(firstPending, key).toBeGreaterThanOrEqual(0);
        expect(firstPending, key).toBeLessThan(tap.events.findIndex((e) => isStored(key)(e.event)));
      }

      const { segments } = await transcriptOf(call.callId);
      expect(segments.map((s) => [s.segment_key, s.speaker, s.text, s.start_ms, s.end_ms, s.source, s.model, s.is_final])).toEqual([
        ['k1-caller', 'caller', 'Hi, I ordered a kettle last week and it has not arrived.', 400, 2_400, 'vad-stt', 'gpt-4o-mini-transcribe', true],
        ['k1-agent', 'agent', 'I am sorry to hear that, let me check the order.', 2_700, 4_200, 'vad-stt', 'gpt-4o-mini-transcribe', true],
        ['k1-caller-2', 'caller', 'The order number is 4 4 7 1.', 4_500, 5_500, 'vad-stt', 'gpt-4o-mini-transcribe', true],
      ]);
      // Log-probabilities came back (gpt-4o models): a confidence, not a guess.
      for (const s of segments) expect(s.confidence).toBeCloseTo(0.99, 2);
      expect(rig.emu.requestsTo('/v1/audio/transcriptions').length).toBeGreaterThanOrEqual(3);
      expect(rig.emu.problems).toEqual([]);
      expect(await rig.alice.call('pendingSegments', { call_id: call.callId })).toEqual([]);
    });
  });

  it('streams partial text of a streaming model to every socket before the segment is stored', async () => {
    await withCall(async (call) => {
      const text = 'Could you also tell me when the replacement part will be shipped to my home address in Osaka?';
      await submit(call, 'remote', 'k2-stream', 300, utterance(rig, text, 3));
      await tap.waitFor(isStored('k2-stream'), 'streamed segment stored');
      const partials = tap.events.flatMap((e) => (isPending('k2-stream', (p) => p.state === 'transcribing' && p.partial_text !== '')(e.event) ? [(e.event as Pending).pending.partial_text] : []));
      expect(partials.length).toBeGreaterThan(0);
      for (const partial of partials) expect(text.startsWith(partial)).toBe(true);
      const upload = rig.emu.requestsTo('/v1/audio/transcriptions').at(-1)!;
      expect(upload.multipart?.fields).toMatchObject({ stream: 'true', model: 'gpt-4o-mini-transcribe' });
    });
  });

  it('keeps segments while the endpoint is down (pending, retrying) and fills the transcript in, in order, when it is back', async () => {
    await withCall(async (call) => {
      await rig.emu.stop();
      const keys = ['k3-a', 'k3-b', 'k3-c'];
      await submit(call, 'remote', keys[0]!, 500, utterance(rig, 'Hello, is anyone there?'));
      await submit(call, 'local', keys[1]!, 2_000, utterance(rig, 'Yes, I can hear you.'));
      await submit(call, 'remote', keys[2]!, 3_500, utterance(rig, 'Great, I have a billing question.'));

      const retrying = await tap.waitFor(isPending('k3-a', (p) => p.state === 'retrying'), 'k3-a retrying');
      expect(retrying.pending).toMatchObject({ call_id: call.callId, speaker: 'caller', attempts: 1, start_ms: 500 });
      expect(retrying.pending.error).toMatch(/connection|ECONNREFUSED/i);
      expect(Date.parse(retrying.pending.next_attempt_at!)).toBeGreaterThan(Date.now() - 5_000);
      const pending = await rig.alice.call<PendingSegment[]>('pendingSegments', { call_id: call.callId });
      expect(pending.map((p) => p.segment_key)).toEqual(keys);
      expect(pending.every((p) => p.state === 'retrying' || p.state === 'queued' || p.state === 'transcribing')).toBe(true);
      expect(storedOrder(keys)).toEqual([]);

      await rig.emu.start();
      for (const key of keys) await tap.waitFor(isStored(key), `${key} stored after the outage`, 40_000);
      expect(storedOrder(keys)).toEqual(keys);
      expect((await transcriptOf(call.callId)).segments.map((s) => s.text)).toEqual(['Hello, is anyone there?', 'Yes, I can hear you.', 'Great, I have a billing question.']);
    });
  });

  it('sets a segment the endpoint refuses aside as failed, tells the call timeline, and retries it when an admin changes the AI settings', async () => {
    await withCall(async (call) => {
      rig.emu.failNext(1, 401, '/v1/audio/transcriptions');
      await submit(call, 'remote', 'k8-refused', 600, utterance(rig, 'Is this the right number for returns?'));
      const failed = await tap.waitFor(isPending('k8-refused', (p) => p.state === 'failed'), 'k8-refused failed');
      expect(failed.pending).toMatchObject({ attempts: 1, next_attempt_at: null, error: expect.stringMatching(/^401 /) });
      const noted = await tap.waitFor((e) => e.type === 'call.event' && e.event.call_id === call.callId && e.event.type === 'transcription.failed', 'transcription.failed on the call');
      expect(noted).toMatchObject({ event: { data: { segment_key: 'k8-refused', speaker: 'caller', status: 401 } } });
      // Audio kept: nothing is lost while someone fixes the key.
      expect(readdirSync(join(rig.hub.dataDir, 'spool', 'transcripts')).length).toBe(2);

      const admin = await consoleOf('ada', 'ada-console', 'default', { role: 'admin' });
      expect((await admin.raw('setAiSettings', { transcription_prompt: 'returns, refunds' })).status).toBe(200);
      const stored = await tap.waitFor(isStored('k8-refused'), 'k8-refused stored after the settings change');
      expect(stored.segment).toMatchObject({ text: 'Is this the right number for returns?', speaker: 'caller', start_ms: 600 });
      expect(rig.emu.requestsTo('/v1/audio/transcriptions').at(-1)?.multipart?.fields).toMatchObject({ prompt: 'returns, refunds' });
      expect((await admin.raw('setAiSettings', { transcription_prompt: null })).status).toBe(200);
    });
  });

  it('analyses the call once it has ended and its last segment is in: summary, sentiment, disposition', async () => {
    rig.emu.setChatReply((req) =>
      req.response_format?.type === 'json_schema'
        ? { summary: 'The caller reports a late kettle delivery; the agent promised a refund.', sentiment: 'negative', disposition: 'Late Delivery' }
        : undefined,
    );
    await withCall(async (call) => {
      await submit(call, 'remote', 'k4-caller', 300, utterance(rig, 'My kettle still has not arrived and I want a refund.', 2));
      await tap.waitFor(isStored('k4-caller'), 'k4-caller stored');
      await call.hangUp();
      // The VAD's last cut arrives after the hang-up: still accepted, and part of the analysis.
      await submit(call, 'local', 'k4-agent', 2_500, utterance(rig, 'I have issued the refund, goodbye.'));

      const done = (await tap.waitFor((e) => e.type === 'call.updated' && e.call.id === call.callId && e.call.analysis_state === 'done', 'analysis done', 30_000)) as Extract<
        DomainEvent,
        { type: 'call.updated' }
      >;
      expect(done.call).toMatchObject({ summary: 'The caller reports a late kettle delivery; the agent promised a refund.', sentiment: 'negative', disposition: 'late-delivery' });
      const record = (await rig.api<Call>(`/api/v1/calls/${call.callId}`)).body;
      expect(record).toMatchObject({ status: 'completed', analysis_state: 'done', sentiment: 'negative', disposition: 'late-delivery' });
      expect(record.summary).toBe('The caller reports a late kettle delivery; the agent promised a refund.');
      expect(tap.events.some((e) => e.event.type === 'call.updated' && e.event.call.id === call.callId && e.event.call.analysis_state === 'pending')).toBe(true);

      type ChatBody = { model: string; messages: { role: string; content: string }[]; response_format: { type: string; json_schema: { name: string; strict: boolean } } };
      const body = rig.emu
        .requestsTo('/v1/chat/completions')
        .map((r) => r.body as ChatBody)
        .findLast((b) => JSON.stringify(b.messages).includes('My kettle still has not arrived'))!;
      expect(body.model).toBe('gpt-4o-mini');
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'call_analysis', strict: true } });
      const transcript = body.messages.find((m) => m.role === 'user')!.content;
      expect(transcript).toContain('Caller: My kettle still has not arrived and I want a refund.');
      expect(transcript).toContain('Agent: I have issued the refund, goodbye.');
      expect(transcript.indexOf('Caller:')).toBeLessThan(transcript.indexOf('Agent:'));
      const events = (await rig.api(`/api/v1/calls/${call.callId}/events`)).body.events as { type: string }[];
      expect(events.map((e) => e.type)).toContain('analysis.done');
      expect(rig.emu.problems).toEqual([]);
    });
    rig.emu.setChatReply(undefined);
  });

  it('refuses bad audio with 400, someone else’s line with 403 and another tenant’s call with 404', async () => {
    await withCall(async (call) => {
      const ok = utterance(rig, 'fine');
      const refused = async (arg: unknown, as = rig.alice) => {
        const err = (await as.call('submitSegment', arg).then(() => null, (e: unknown) => e)) as { statusCode: number; body: { message: string } } | null;
        return err ? { status: err.statusCode, message: err.body.message } : null;
      };
      expect(await refused(segmentOf(call, 'remote', 'k5-stereo', 100, encodeWav(new Int16Array(32_000), 16_000, 2)))).toEqual({ status: 400, message: 'wav_base64: 2 channels; expected mono' });
      expect(await refused(segmentOf(call, 'remote', 'k5-8k', 100, encodeWav(new Int16Array(16_000), 8_000)))).toEqual({ status: 400, message: 'wav_base64: 8000 Hz; expected 16000 Hz' });
      expect(await refused({ ...segmentOf(call, 'remote', 'k5-text', 100, ok), wav_base64: Buffer.from('this is not a wav file at all, just text pretending to be one').toString('base64') })).toMatchObject({
        status: 400,
        message: 'wav_base64: not a RIFF/WAVE file',
      });
      expect(await refused({ ...segmentOf(call, 'remote', 'k5-b64', 100, ok), wav_base64: '%%%not base64%%%' + 'A'.repeat(100) })).toMatchObject({ status: 400 });
      expect(await refused({ ...segmentOf(call, 'remote', 'k5-leg', 100, ok), leg: 'both' })).toMatchObject({ status: 400 });
      expect(await refused({ ...segmentOf(call, 'remote', 'bad key!', 100, ok) })).toMatchObject({ status: 400 });
      expect(await refused({ ...segmentOf(call, 'remote', 'k5-backwards', 100, ok), ended_at_ms: call.answeredAtMs })).toEqual({ status: 400, message: 'ended_at_ms is before started_at_ms' });
      expect(await refused({ ...segmentOf(call, 'remote', 'k5-call', 100, ok), call_sid: 'CA0000000000000000000000000000dead' })).toMatchObject({ status: 404 });

      // Too long is refused by what it is, not by size; a long segment (more than the 1 MiB other
      // console requests may carry) is taken.
      expect(await refused(segmentOf(call, 'remote', 'k5-61s', 100, toneWav({ seconds: 61 })))).toEqual({ status: 400, message: 'wav_base64: 61.0 s of audio; a segment may be at most 60 s' });
      const long = utterance(rig, 'A long explanation of the problem.', 45);
      expect(long.toString('base64').length).toBeGreaterThan(1024 * 1024);
      expect(await submit(call, 'remote', 'long-one', 100, long)).toMatchObject({ ok: true });
      const bigDial = await fetch(`${rig.hub.url}/console/rpc/dial`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'x'.repeat(2 * 1024 * 1024) }) });
      expect(bigDial.status).toBe(413);
      await tap.waitFor(isStored('long-one'), 'the 45 s segment stored');

      // Bob (same office, no seat) may not put words in Alice's call.
      const bob = await consoleOf('bob', 'bob-console', 'default', { extension: '1002' });
      expect(await bob.raw('submitSegment', segmentOf(call, 'remote', 'k5-bob', 100, ok))).toMatchObject({ status: 403 });
      expect((await bob.raw('pendingSegments', { call_id: call.callId })).status).toBe(200);
      // Another tenant's agent cannot even see that the call exists.
      const created = await rig.api('/api/v1/tenants', { body: { id: 'acme', name: 'Acme' } });
      expect(created.status).toBe(201);
      const acmeKey = (await rig.api('/api/v1/keys', { body: { scopes: ['admin'], tenant_id: 'acme' } })).body.key as string;
      const mallory = await consoleOf('mallory', 'mallory-console', 'acme', { key: acmeKey });
      expect((await mallory.raw('pendingSegments', { call_id: call.callId })).status).toBe(404);
      expect(await mallory.raw('submitSegment', segmentOf(call, 'remote', 'k5-acme', 100, ok))).toMatchObject({ status: 404 });

      expect(tap.events.some((e) => e.event.type === 'transcript.pending' && e.event.pending.segment_key.startsWith('k5-'))).toBe(false);
    });
  });

  async function consoleOf(username: string, password: string, tenant: string, opts: { key?: string; extension?: string; role?: 'admin' | 'agent' } = {}) {
    const res = await fetch(`${rig.hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.key ?? rig.hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: username, role: opts.role ?? 'agent', ...(opts.extension ? { extension: opts.extension } : {}), login: { username, password } }),
    });
    expect(res.status).toBe(201);
    const login = await fetch(`${rig.hub.url}/console/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant_id: tenant, username, password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    return {
      async raw(method: string, arg: unknown) {
        const r = await fetch(`${rig.hub.url}/console/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(arg) });
        return { status: r.status, body: await r.json() };
      },
    };
  }

  it('loses no acknowledged segment to a kill -9: the spool is transcribed after the restart', async () => {
    const call = await placeCall(rig);
    await rig.emu.stop();
    const keys = ['k6-a', 'k6-b'];
    await submit(call, 'remote', keys[0]!, 700, utterance(rig, 'Please call me back tomorrow morning.'));
    await submit(call, 'local', keys[1]!, 2_600, utterance(rig, 'Of course, I will note that down.'));
    await tap.waitFor(isPending('k6-a', (p) => p.state === 'retrying'), 'k6-a retrying before the crash');

    tap.close();
    rig.alice.close();
    await rig.hub.kill9();
    await call.uas.stop();
    await rig.emu.start();
    await rig.hub.restart();
    tap = await apiEvents(rig);

    let segments: TranscriptSegment[] = [];
    await pollUntil(async () => (segments = (await transcriptOf(call.callId)).segments).length === 2, { timeoutMs: 30_000, intervalMs: 100, what: 'transcript after the restart' });
    expect(segments.map((s) => [s.segment_key, s.speaker, s.text, s.start_ms])).toEqual([
      ['k6-a', 'caller', 'Please call me back tomorrow morning.', 700],
      ['k6-b', 'agent', 'Of course, I will note that down.', 2_600],
    ]);
    const spool = join(rig.hub.dataDir, 'spool', 'transcripts');
    await pollUntil(() => readdirSync(spool).length === 0, { timeoutMs: 5_000, what: 'spool emptied' });
    await rig.reconnectAlice();
  });
});

describe('live transcript without an AI endpoint', () => {
  it('answers 409 ai_unconfigured, so the console knows not to send', async () => {
    const hub = await startHub({ renderer: false });
    try {
      const agent = await fetch(`${hub.url}/api/v1/agents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Dana', login: { username: 'dana', password: 'dana-console' } }),
      });
      expect(agent.status).toBe(201);
      const login = await fetch(`${hub.url}/console/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dana', password: 'dana-console' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const t = Date.now();
      const res = await fetch(`${hub.url}/console/rpc/submitSegment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ line_id: '00000000-0000-4000-8000-000000000000', call_sid: 'CA0000000000000000000000000000dead', leg: 'remote', segment_key: 'k7', started_at_ms: t - 1000, ended_at_ms: t, wav_base64: toneWav({ seconds: 1 }).toString('base64') }),
      });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'ai_unconfigured', message: expect.stringMatching(/AI endpoint/) });
    } finally {
      await hub.dispose();
    }
  });
});
