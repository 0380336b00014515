import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../../../shared/contracts/domain-events.ts';
import type { PendingSegment } from '../../../../shared/domain/transcript.ts';
import { EventBus } from '../../../../electron/core/events/event-bus.ts';
import { CallsService } from '../../../../electron/core/services/calls.service.ts';
import { Store } from '../../../../electron/core/store/store.ts';
import { AiFailure } from '../../../../electron/core/transcription/ai-failure.ts';
import { SegmentSpool, spoolNameOf } from '../../../../electron/core/transcription/segment-spool.ts';
import type { TranscribedText } from '../../../../electron/core/transcription/segment-transcriber.ts';
import { TranscriptionQueue } from '../../../../electron/core/transcription/transcription-queue.ts';
import { ManualTimers } from '../../../support/manual-timers.ts';
import { encodeWav } from '../../../support/openai-emulator/index.ts';

/** One call of the transcribe port: the test decides when and how it answers. */
interface Request {
  marker: number;
  onPartial: (text: string) => void;
  resolve: (text: string) => void;
  reject: (err: Error) => void;
}

/** 0.2 s of a constant sample: the value tells the test which segment a request carries. */
const markedWav = (marker: number) => encodeWav(new Int16Array(3200).fill(marker));

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const NOW = T0 + 600_000;

describe('transcription queue', () => {
  let dir: string;
  let store: Store;
  let bus: EventBus;
  let calls: CallsService;
  let spool: SegmentSpool;
  let timers: ManualTimers;
  let requests: Request[];
  let events: DomainEvent[];
  let queue: TranscriptionQueue;

  const newQueue = (concurrency = 3) =>
    new TranscriptionQueue({
      store,
      bus,
      calls,
      spool,
      concurrency,
      timers,
      random: () => 0.5,
      now: () => NOW,
      transcribe: (_tenant, wav, signal, onPartial) =>
        new Promise<TranscribedText>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(new AiFailure('aborted', 'stopped')));
          requests.push({ marker: wav.readInt16LE(44), onPartial, resolve: (text) => resolve({ text, confidence: 0.9, model: 'gpt-4o-transcribe' }), reject });
        }),
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-queue-'));
    store = Store.open(join(dir, 'earshot.db'));
    store.tenants.ensure('default', 'Default');
    bus = new EventBus();
    calls = new CallsService(store, bus);
    spool = new SegmentSpool(join(dir, 'spool'));
    await spool.open();
    timers = new ManualTimers();
    requests = [];
    events = [];
    bus.subscribe(({ event }) => events.push(event));
    queue = newQueue();
  });

  afterEach(async () => {
    await queue.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newCall = () =>
    calls.create('default', { direction: 'inbound', from_number: '+15550100', to_number: '1001', status: 'in-progress', started_at: new Date(T0 - 5000).toISOString(), answered_at: new Date(T0).toISOString() }, 'test').id;

  /** Spools a segment `startMs` after the answer (as submitSegment does) and queues it. */
  const add = async (callId: number, key: string, startMs: number, marker: number, leg: 'local' | 'remote' = 'remote', q = queue) => {
    const seg = await spool.write(
      { v: 1, tenant_id: 'default', call_id: callId, segment_key: key, leg, speaker: leg === 'local' ? 'agent' : 'caller', started_at_ms: T0 + startMs, ended_at_ms: T0 + startMs + 800, submitted_at_ms: NOW },
      markedWav(marker),
    );
    q.add(seg);
  };

  const requestFor = async (marker: number, nth = 1) => {
    await vi.waitFor(() => expect(requests.filter((r) => r.marker === marker).length).toBeGreaterThanOrEqual(nth));
    return requests.filter((r) => r.marker === marker)[nth - 1]!;
  };
  const pendingOf = (callId: number, key: string): PendingSegment | undefined => queue.pending('default', callId).find((p) => p.segment_key === key);
  const pendingEvents = (key: string) => events.flatMap((e) => (e.type === 'transcript.pending' && e.pending.segment_key === key ? [e.pending] : []));
  const storedEvents = () => events.flatMap((e) => (e.type === 'transcript.segment' ? [e.segment] : []));
  const spooled = () => readdirSync(join(dir, 'spool')).length / 2;

  it('stores a call’s segments in the order they started, even when a later one is transcribed first', async () => {
    const call = newCall();
    await add(call, 'caller-1', 1_000, 1);
    await add(call, 'agent-1', 2_500, 2, 'local');
    (await requestFor(2)).resolve('Thank you for calling.');
    await vi.waitFor(() => expect(pendingOf(call, 'agent-1')).toMatchObject({ state: 'transcribing', partial_text: 'Thank you for calling.' }));
    expect(storedEvents()).toEqual([]);

    (await requestFor(1)).resolve('Hello, my order is late.');
    await vi.waitFor(() => expect(storedEvents()).toHaveLength(2));
    expect(storedEvents().map((s) => [s.segment_key, s.speaker, s.text, s.start_ms, s.end_ms, s.source, s.model, s.confidence])).toEqual([
      ['caller-1', 'caller', 'Hello, my order is late.', 1_000, 1_800, 'vad-stt', 'gpt-4o-transcribe', 0.9],
      ['agent-1', 'agent', 'Thank you for calling.', 2_500, 3_300, 'vad-stt', 'gpt-4o-transcribe', 0.9],
    ]);
    expect(store.transcripts.list('default', call).map((s) => s.segment_key)).toEqual(['caller-1', 'agent-1']);
    expect(queue.pending('default', call)).toEqual([]);
    await vi.waitFor(() => expect(spooled()).toBe(0));
    // Every state change went out first: queued, then transcribing.
    expect(pendingEvents('caller-1').map((p) => p.state)).toEqual(['queued', 'transcribing']);
  });

  it('lets calls take turns when requests are scarce', async () => {
    await queue.stop();
    queue = newQueue(1);
    const busy = newCall();
    const quiet = newCall();
    await add(busy, 'b1', 1_000, 11);
    await add(busy, 'b2', 2_000, 12);
    await add(busy, 'b3', 3_000, 13);
    await add(quiet, 'q1', 1_500, 21);
    for (const marker of [11, 21, 12, 13]) (await requestFor(marker)).resolve(`text ${marker}`);
    expect(requests.map((r) => r.marker)).toEqual([11, 21, 12, 13]);
    await vi.waitFor(() => expect(storedEvents()).toHaveLength(4));
  });

  it('retries an endpoint that is down with exponential back-off up to 30 s, then fills the transcript in, in order', async () => {
    const call = newCall();
    await add(call, 'first', 1_000, 1);
    await add(call, 'second', 3_000, 2);
    (await requestFor(2)).resolve('second text');
    const schedule: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      (await requestFor(1, attempt)).reject(new AiFailure('transient', '503 The server is overloaded', 503));
      await vi.waitFor(() => expect(pendingOf(call, 'first')).toMatchObject({ state: 'retrying', attempts: attempt }));
      const pending = pendingOf(call, 'first')!;
      schedule.push(Date.parse(pending.next_attempt_at!) - NOW);
      expect(pending.error).toBe('503 The server is overloaded');
      expect(timers.delays()).toEqual([schedule.at(-1)]);
      timers.fireAll();
    }
    expect(schedule).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(storedEvents()).toEqual([]);

    (await requestFor(1, 8)).resolve('first text');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.text)).toEqual(['first text', 'second text']));
    expect(storedEvents()[0]).toMatchObject({ segment_key: 'first' });
  });

  it('holds a call’s later segments back while its earliest waits out a back-off (one probe per call)', async () => {
    const call = newCall();
    await add(call, 'first', 1_000, 1);
    (await requestFor(1)).reject(new AiFailure('transient', 'Connection error.'));
    await vi.waitFor(() => expect(pendingOf(call, 'first')?.state).toBe('retrying'));
    await add(call, 'later', 4_000, 2);
    expect(pendingOf(call, 'later')).toMatchObject({ state: 'queued', attempts: 0 });
    timers.fireAll();
    (await requestFor(1, 2)).resolve('first');
    (await requestFor(2)).resolve('later');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.segment_key)).toEqual(['first', 'later']));
  });

  it('sets a refused segment aside as failed (audio kept, call timeline told) without holding up the rest; new settings retry it', async () => {
    const call = newCall();
    await add(call, 'bad', 1_000, 1);
    await add(call, 'good', 2_000, 2);
    (await requestFor(1)).reject(new AiFailure('permanent', '401 Incorrect API key provided', 401));
    (await requestFor(2)).resolve('good text');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.segment_key)).toEqual(['good']));
    expect(pendingOf(call, 'bad')).toMatchObject({ state: 'failed', attempts: 1, error: '401 Incorrect API key provided', next_attempt_at: null });
    expect(store.callEvents.list('default', call).find((e) => e.type === 'transcription.failed')?.data).toEqual({
      segment_key: 'bad',
      speaker: 'caller',
      status: 401,
      error: '401 Incorrect API key provided',
    });
    expect(timers.delays()).toEqual([]);
    await vi.waitFor(() => expect(spooled()).toBe(1));

    queue.retryNow('default');
    expect(pendingOf(call, 'bad')?.state).toBe('transcribing');
    (await requestFor(1, 2)).resolve('bad no more');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.segment_key)).toEqual(['good', 'bad']));
    expect(store.transcripts.list('default', call).map((s) => s.segment_key)).toEqual(['bad', 'good']);
    await vi.waitFor(() => expect(spooled()).toBe(0));
  });

  it('throttles partial text of a streaming answer, always sending the latest', async () => {
    const call = newCall();
    await add(call, 'streamed', 1_000, 1);
    const request = await requestFor(1);
    request.onPartial('Hel');
    request.onPartial('Hello the');
    request.onPartial('Hello there, I');
    expect(timers.delays()).toEqual([100]);
    timers.fireAll();
    request.resolve('Hello there, I need help.');
    await vi.waitFor(() => expect(storedEvents()).toHaveLength(1));
    expect(pendingEvents('streamed').map((p) => p.partial_text)).toEqual(['', '', 'Hel', 'Hello there, I']);
  });

  it('after a crash, queues what the spool holds and stores a segment already stored only once', async () => {
    const call = newCall();
    await add(call, 'stored-before-crash', 1_000, 1);
    await add(call, 'not-yet', 2_000, 2);
    await requestFor(1);
    // The crash: the first segment's row was written, its audio not yet deleted; nothing else happened.
    const row = store.transcripts.addOnce('default', call, { speaker: 'caller', text: 'original', start_ms: 1_000, end_ms: 1_800, source: 'vad-stt', segment_key: 'stored-before-crash' }).segment;
    await queue.stop();

    requests = [];
    events = [];
    queue = newQueue();
    for (const seg of await new SegmentSpool(join(dir, 'spool')).open()) queue.add(seg);
    (await requestFor(1)).resolve('transcribed again');
    (await requestFor(2)).resolve('second');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.segment_key)).toEqual(['stored-before-crash', 'not-yet']));
    expect(storedEvents()[0]).toEqual(row);
    expect(store.transcripts.list('default', call).map((s) => s.text)).toEqual(['original', 'second']);
    await vi.waitFor(() => expect(spooled()).toBe(0));
  });

  it('transcribes a fresh segment from memory while its spool write is under way, and deletes its files only once written', async () => {
    const call = newCall();
    const meta = { v: 1 as const, tenant_id: 'default', call_id: call, segment_key: 'fresh', leg: 'remote' as const, speaker: 'caller' as const, started_at_ms: T0 + 100, ended_at_ms: T0 + 900, submitted_at_ms: NOW };
    let written!: () => void;
    const durable = new Promise<void>((resolve) => (written = resolve));
    queue.add({ name: spoolNameOf(call, 'fresh'), meta }, { wav: markedWav(7), durable });
    // Nothing is on disk yet, so the request can only have come from memory.
    (await requestFor(7)).resolve('fresh words');
    await vi.waitFor(() => expect(storedEvents().map((s) => s.text)).toEqual(['fresh words']));
    const seg = await spool.write(meta, markedWav(7));
    expect(spooled()).toBe(1);
    written();
    await vi.waitFor(() => expect(spooled()).toBe(0));
    expect(seg.meta).toEqual(meta);
  });

  it('drops a fresh segment whose spool write failed (the console is told to send it again)', async () => {
    const call = newCall();
    const meta = { v: 1 as const, tenant_id: 'default', call_id: call, segment_key: 'unsaved', leg: 'local' as const, speaker: 'agent' as const, started_at_ms: T0 + 100, ended_at_ms: T0 + 900, submitted_at_ms: NOW };
    queue.add({ name: spoolNameOf(call, 'unsaved'), meta }, { wav: markedWav(8), durable: new Promise<void>(() => {}) });
    await requestFor(8);
    queue.discard('default', call, 'unsaved', 'the hub could not save this segment');
    expect(queue.pending('default', call)).toEqual([]);
    expect(pendingEvents('unsaved').at(-1)).toMatchObject({ state: 'failed', error: 'the hub could not save this segment' });
    expect(storedEvents()).toEqual([]);
  });

  it('stops by aborting requests in flight; their segments stay spooled for the next start', async () => {
    const call = newCall();
    await add(call, 'in-flight', 1_000, 1);
    await requestFor(1);
    await queue.stop();
    expect(spooled()).toBe(1);
    expect(pendingEvents('in-flight').map((p) => p.state)).toEqual(['queued', 'transcribing']);
    expect(storedEvents()).toEqual([]);
  });
});
