import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreClient, CoreMethod } from '../../../shared/contracts/core-client.ts';
import type { DomainEvent, EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { PendingSegment, TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { createTranscriptStore, createTranscriptsRegistry } from '../../../renderer/src/state/transcripts.store.ts';
import { FakeCoreClient, flush, makeAgent, makeCall } from './fake-core-client.ts';

const CALL = 7;

const segment = (id: number, start_ms: number, over: Partial<TranscriptSegment> = {}): TranscriptSegment => ({
  id,
  call_id: CALL,
  speaker: 'caller',
  text: `text ${id}`,
  confidence: null,
  start_ms,
  end_ms: start_ms + 1500,
  is_final: true,
  source: 'vad-stt',
  model: 'gpt-4o-mini-transcribe',
  segment_key: `k${id}`,
  created_at: '2026-03-04T09:00:00.000Z',
  ...over,
});

const pending = (key: string, start_ms: number, over: Partial<PendingSegment> = {}): PendingSegment => ({
  call_id: CALL,
  segment_key: key,
  speaker: 'agent',
  start_ms,
  end_ms: start_ms + 1200,
  state: 'queued',
  partial_text: '',
  attempts: 0,
  next_attempt_at: null,
  error: null,
  ...over,
});

/** A core whose answers the test gives by hand, per method, so events can overtake them. */
function manualCore() {
  const listeners = new Set<(e: EventEnvelope) => void>();
  const waiting: { method: CoreMethod; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const client: CoreClient = {
    call: (method) => new Promise((resolve, reject) => waiting.push({ method, resolve: resolve as (v: unknown) => void, reject })) as never,
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    onConnection: () => () => undefined,
    onMediaRequest: () => () => undefined,
  };
  const take = (method: CoreMethod) => {
    const i = waiting.findIndex((w) => w.method === method);
    if (i < 0) throw new Error(`no ${method} request is waiting`);
    return waiting.splice(i, 1)[0]!;
  };
  return {
    client,
    answer: (method: CoreMethod, value: unknown) => take(method).resolve(value),
    fail: (method: CoreMethod, error: unknown) => take(method).reject(error),
    emit: (event: DomainEvent) => listeners.forEach((l) => l({ seq: 1, at: '', tenant_id: 'default', event })),
  };
}

/** The call's store, fed the core's events as the registry feeds it. */
function storeOver(core: ReturnType<typeof manualCore>) {
  const store = createTranscriptStore(core.client, CALL);
  core.client.onEvent((envelope) => store.getState().applyEvent(envelope));
  return store;
}

const detail = (transcript: TranscriptSegment[]) => ({ call: makeCall(CALL), events: [], transcript });
const view = (store: ReturnType<typeof createTranscriptStore>) => store.getState().entries.map((e) => `${e.key}:${e.status}:${e.text}`);

describe('transcript store of one call', () => {
  it('orders stored and pending lines by start, whichever arrived first', async () => {
    const core = manualCore();
    const store = storeOver(core);
    const loading = store.getState().load();
    core.answer('getCall', detail([segment(2, 9000), segment(1, 1000)]));
    core.answer('pendingSegments', [pending('p1', 5000, { state: 'transcribing', partial_text: 'I would' })]);
    await loading;
    expect(view(store)).toEqual(['k1:final:text 1', 'p1:transcribing:I would', 'k2:final:text 2']);
    expect(store.getState().loaded).toBe(true);
  });

  it('streams partial text into a pending line, then replaces it in place with the final text of the same key', () => {
    const core = manualCore();
    const store = storeOver(core);
    core.emit({ type: 'transcript.segment', segment: segment(1, 1000) });
    core.emit({ type: 'transcript.pending', pending: pending('p2', 4000) });
    core.emit({ type: 'transcript.segment', segment: segment(3, 8000) });
    expect(view(store)).toEqual(['k1:final:text 1', 'p2:queued:', 'k3:final:text 3']);

    core.emit({ type: 'transcript.pending', pending: pending('p2', 4000, { state: 'transcribing', partial_text: 'My card' }) });
    expect(view(store)[1]).toBe('p2:transcribing:My card');
    core.emit({ type: 'transcript.pending', pending: pending('p2', 4000, { state: 'transcribing', partial_text: 'My card was' }) });
    core.emit({ type: 'transcript.segment', segment: segment(2, 4000, { segment_key: 'p2', speaker: 'agent', text: 'My card was declined.' }) });
    expect(view(store)).toEqual(['k1:final:text 1', 'p2:final:My card was declined.', 'k3:final:text 3']);
    expect(store.getState().entries[1]!.speaker).toBe('agent');
  });

  it('shows retries with their count and ignores a pending update that comes after the final text', () => {
    const core = manualCore();
    const store = storeOver(core);
    core.emit({ type: 'transcript.pending', pending: pending('p1', 1000, { state: 'retrying', attempts: 2, error: '503' }) });
    expect(store.getState().entries[0]).toMatchObject({ key: 'p1', status: 'retrying', attempts: 2 });
    core.emit({ type: 'transcript.segment', segment: segment(5, 1000, { segment_key: 'p1' }) });
    core.emit({ type: 'transcript.pending', pending: pending('p1', 1000, { state: 'transcribing' }) });
    expect(view(store)).toEqual(['p1:final:text 5']);
  });

  it('keeps lines without a capture key (AI calls) by id, and a final version over an interim one', () => {
    const core = manualCore();
    const store = storeOver(core);
    core.emit({ type: 'transcript.segment', segment: segment(4, 2000, { segment_key: null, speaker: 'ai', is_final: false, text: 'Hello, how' }) });
    core.emit({ type: 'transcript.segment', segment: segment(4, 2000, { segment_key: null, speaker: 'ai', text: 'Hello, how can I help?' }) });
    core.emit({ type: 'transcript.segment', segment: segment(4, 2000, { segment_key: null, speaker: 'ai', is_final: false, text: 'Hello' }) });
    expect(view(store)).toEqual(['id:4:final:Hello, how can I help?']);
  });

  it('ignores other calls', () => {
    const core = manualCore();
    const store = storeOver(core);
    core.emit({ type: 'transcript.segment', segment: segment(1, 1000, { call_id: 8 }) });
    core.emit({ type: 'transcript.pending', pending: pending('x', 1000, { call_id: 8 }) });
    expect(store.getState().entries).toEqual([]);
  });
});

describe('events racing the snapshot', () => {
  it('a final segment that arrives while the snapshot loads is kept and beats the snapshot’s pending copy', async () => {
    const core = manualCore();
    const store = storeOver(core);
    const loading = store.getState().load();
    core.emit({ type: 'transcript.segment', segment: segment(9, 3000, { segment_key: 'p1', text: 'Done.' }) });
    // The snapshot was read before the segment was transcribed: the call had no text, p1 was pending.
    core.answer('getCall', detail([]));
    core.answer('pendingSegments', [pending('p1', 3000, { state: 'transcribing' })]);
    await loading;
    expect(view(store)).toEqual(['p1:final:Done.']);
  });

  it('a pending update newer than the snapshot wins over the snapshot’s older state', async () => {
    const core = manualCore();
    const store = storeOver(core);
    const loading = store.getState().load();
    core.emit({ type: 'transcript.pending', pending: pending('p1', 3000, { state: 'retrying', attempts: 1 }) });
    core.answer('pendingSegments', [pending('p1', 3000, { state: 'queued' }), pending('p2', 6000)]);
    core.answer('getCall', detail([segment(1, 1000)]));
    await loading;
    expect(view(store)).toEqual(['k1:final:text 1', 'p1:retrying:', 'p2:queued:']);
  });

  it('a pending line the core no longer holds goes away on the next snapshot (a reconnect)', async () => {
    const core = manualCore();
    const store = storeOver(core);
    core.emit({ type: 'transcript.pending', pending: pending('p1', 3000) });
    const loading = store.getState().load();
    core.answer('getCall', detail([]));
    core.answer('pendingSegments', []);
    await loading;
    expect(store.getState().entries).toEqual([]);
  });

  it('only the newest load writes its answer', async () => {
    const core = manualCore();
    const store = storeOver(core);
    const first = store.getState().load();
    const second = store.getState().load();
    core.answer('getCall', detail([segment(2, 2000)]));
    core.answer('pendingSegments', []);
    core.answer('getCall', detail([segment(1, 1000)]));
    core.answer('pendingSegments', []);
    await Promise.all([first, second]);
    // The first answer is dropped; segment 2 arrived only in it.
    expect(view(store)).toEqual(['k1:final:text 1']);
  });

  it('without pending placeholders from the core the text still shows; a failed call load is an error', async () => {
    const core = manualCore();
    const store = storeOver(core);
    let loading = store.getState().load();
    core.answer('getCall', detail([segment(1, 1000)]));
    core.fail('pendingSegments', { statusCode: 403, error: 'Forbidden', message: 'no' });
    await loading;
    expect(view(store)).toEqual(['k1:final:text 1']);
    expect(store.getState().error).toBeNull();

    loading = store.getState().load();
    core.fail('getCall', { statusCode: 404, error: 'Not Found', message: 'Call 7 not found' });
    core.answer('pendingSegments', []);
    await loading;
    expect(store.getState().error).toMatchObject({ statusCode: 404, message: 'Call 7 not found' });
    expect(view(store)).toEqual(['k1:final:text 1']);
  });
});

describe('transcripts registry', () => {
  afterEach(() => vi.useRealTimers());

  function signedIn(): FakeCoreClient {
    const core = new FakeCoreClient();
    core.addUser('sue', 'pw', makeAgent({ id: 3, role: 'supervisor' }));
    core.session = { agent: core.agents[0]!, tenant_id: 'default', expires_at: '2099-01-01T00:00:00.000Z' };
    core.calls = [makeCall(CALL)];
    core.transcript = [segment(1, 1000)];
    core.pending = [pending('p1', 2000)];
    return core;
  }

  it('loads a transcript once when first shown and feeds it the call’s events', async () => {
    const core = signedIn();
    const registry = createTranscriptsRegistry(core);
    const store = registry.get(CALL);
    expect(registry.get(CALL)).toBe(store);
    const releaseA = registry.retain(CALL);
    const releaseB = registry.retain(CALL);
    await flush();
    expect(core.requests.filter((r) => r.method === 'getCall')).toHaveLength(1);
    expect(view(store)).toEqual(['k1:final:text 1', 'p1:queued:']);
    core.emit({ type: 'transcript.segment', segment: segment(2, 2000, { segment_key: 'p1', text: 'Thanks.' }) });
    expect(view(store)).toEqual(['k1:final:text 1', 'p1:final:Thanks.']);
    releaseA();
    releaseB();
  });

  it('drops a transcript a while after its last viewer left, unless someone looks again', async () => {
    vi.useFakeTimers();
    const core = signedIn();
    const registry = createTranscriptsRegistry(core, 1000);
    const store = registry.get(CALL);
    registry.retain(CALL)();
    vi.advanceTimersByTime(500);
    const release = registry.retain(CALL);
    vi.advanceTimersByTime(5000);
    expect(registry.get(CALL)).toBe(store);
    release();
    vi.advanceTimersByTime(1000);
    expect(registry.get(CALL)).not.toBe(store);
  });

  it('refresh reloads what is cached (after a reconnect); reset forgets everything', async () => {
    const core = signedIn();
    const registry = createTranscriptsRegistry(core);
    const store = registry.get(CALL);
    registry.retain(CALL);
    await flush();
    core.transcript = [segment(1, 1000), segment(3, 4000, { segment_key: 'p1', text: 'Missed while offline.' })];
    core.pending = [];
    registry.refresh();
    await flush();
    expect(view(store)).toEqual(['k1:final:text 1', 'p1:final:Missed while offline.']);
    registry.reset();
    expect(registry.get(CALL)).not.toBe(store);
  });
});
