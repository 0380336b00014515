import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../../shared/domain/transcript.ts';
import { EventBus } from '../../../../electron/core/events/event-bus.ts';
import { CallsService } from '../../../../electron/core/services/calls.service.ts';
import { Store } from '../../../../electron/core/store/store.ts';
import { AiFailure } from '../../../../electron/core/transcription/ai-failure.ts';
import { kebabCase, parseAnalysis, transcriptForPrompt } from '../../../../electron/core/transcription/analysis-request.ts';
import { CallAnalysis } from '../../../../electron/core/transcription/call-analysis.ts';
import { ManualTimers } from '../../../support/manual-timers.ts';

interface Ask {
  segments: TranscriptSegment[];
  resolve: (r: { summary: string; sentiment: 'positive' | 'neutral' | 'negative'; disposition: string }) => void;
  reject: (err: Error) => void;
}

describe('post-call analysis', () => {
  let dir: string;
  let store: Store;
  let bus: EventBus;
  let calls: CallsService;
  let timers: ManualTimers;
  let asks: Ask[];
  let configured: boolean;
  let waiting: number;
  let analysis: CallAnalysis;

  const newAnalysis = () =>
    new CallAnalysis({
      store,
      bus,
      calls,
      ai: { configured: () => configured },
      waiting: () => waiting,
      timers,
      random: () => 0.5,
      analyse: (_tenant, segments, signal) =>
        new Promise((resolve, reject) => {
          signal.addEventListener('abort', () => reject(new AiFailure('aborted', 'stopped')));
          asks.push({ segments, resolve: (r) => resolve({ ...r, model: 'gpt-4o-mini' }), reject });
        }),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-analysis-'));
    store = Store.open(join(dir, 'earshot.db'));
    store.tenants.ensure('default', 'Default');
    bus = new EventBus();
    calls = new CallsService(store, bus);
    timers = new ManualTimers();
    asks = [];
    configured = true;
    waiting = 0;
    analysis = newAnalysis();
    analysis.start();
  });

  afterEach(async () => {
    await analysis.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newCall = () => calls.create('default', { direction: 'inbound', from_number: '+15550100', to_number: '1001', status: 'in-progress', answered_at: new Date().toISOString() }, 'test').id;
  const say = (callId: number, speaker: 'caller' | 'agent', text: string, start_ms: number) =>
    calls.addSegment('default', callId, { speaker, text, start_ms, end_ms: start_ms + 900, source: 'vad-stt', segment_key: `${speaker}-${start_ms}` });
  const end = (callId: number) => calls.update('default', callId, { status: 'completed', ended_at: new Date().toISOString() }, 'test');
  const get = (callId: number) => store.calls.get('default', callId) as Call;
  const settled = async (callId: number, state: Call['analysis_state']) => vi.waitFor(() => expect(get(callId).analysis_state).toBe(state));

  it('marks an ended call pending, waits for late segments to settle, then writes summary, sentiment and disposition', async () => {
    const call = newCall();
    say(call, 'caller', 'My parcel is late.', 500);
    end(call);
    await settled(call, 'pending');
    expect(timers.delays()).toEqual([3_000]);
    say(call, 'agent', 'I will send a new one today.', 2_000);
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    expect(asks[0]!.segments.map((s) => s.text)).toEqual(['My parcel is late.', 'I will send a new one today.']);
    const updates: Call[] = [];
    bus.subscribe(({ event }) => event.type === 'call.updated' && updates.push(event.call));
    asks[0]!.resolve({ summary: 'Late parcel; a new one goes out today.', sentiment: 'neutral', disposition: 'late-delivery' });
    await settled(call, 'done');
    expect(get(call)).toMatchObject({ summary: 'Late parcel; a new one goes out today.', sentiment: 'neutral', disposition: 'late-delivery' });
    expect(updates.at(-1)).toMatchObject({ id: call, analysis_state: 'done' });
    expect(store.callEvents.list('default', call).find((e) => e.type === 'analysis.done')?.data).toEqual({ model: 'gpt-4o-mini' });
  });

  it('reads the transcript again when it grows while the model reads it, or after the analysis was written', async () => {
    const call = newCall();
    say(call, 'caller', 'Where is my refund?', 100);
    end(call);
    await settled(call, 'pending');
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    say(call, 'agent', 'It was sent yesterday.', 1_500);
    asks[0]!.resolve({ summary: 'stale', sentiment: 'neutral', disposition: 'refund' });
    await vi.waitFor(() => expect(timers.delays()).toEqual([0]));
    expect(get(call).analysis_state).toBe('pending');
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(2));
    expect(asks[1]!.segments).toHaveLength(2);
    asks[1]!.resolve({ summary: 'Refund already sent.', sentiment: 'neutral', disposition: 'refund-status' });
    await settled(call, 'done');

    say(call, 'caller', 'Oh, found it, thanks.', 3_000);
    await settled(call, 'pending');
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(3));
    asks[2]!.resolve({ summary: 'Refund found.', sentiment: 'positive', disposition: 'refund-status' });
    await settled(call, 'done');
    expect(get(call)).toMatchObject({ summary: 'Refund found.', sentiment: 'positive' });
  });

  it('skips a call without words, and every call while AI is not set up', async () => {
    const silent = newCall();
    end(silent);
    await settled(silent, 'pending');
    timers.fireAll();
    await settled(silent, 'skipped');

    configured = false;
    const unconfigured = newCall();
    say(unconfigured, 'caller', 'Hello?', 100);
    end(unconfigured);
    await settled(unconfigured, 'skipped');
    expect(asks).toEqual([]);
  });

  it('waits while segments of the call are still on their way', async () => {
    const call = newCall();
    say(call, 'caller', 'One more thing.', 100);
    waiting = 1;
    end(call);
    await settled(call, 'pending');
    timers.fireAll();
    analysis.segmentSettled('default', call);
    expect(asks).toEqual([]);
    waiting = 0;
    analysis.segmentSettled('default', call);
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(1));
  });

  it('retries an outage with back-off, marks a refusal failed, and tries again when the settings change', async () => {
    const call = newCall();
    say(call, 'caller', 'Cancel my contract.', 100);
    end(call);
    await settled(call, 'pending');
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    asks[0]!.reject(new AiFailure('transient', '503 overloaded', 503));
    await vi.waitFor(() => expect(timers.delays()).toEqual([1_000]));
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(2));
    asks[1]!.reject(new AiFailure('permanent', '404 The model `gpt-x` does not exist', 404));
    await settled(call, 'failed');
    expect(store.callEvents.list('default', call).find((e) => e.type === 'analysis.failed')?.data).toEqual({ status: 404, error: '404 The model `gpt-x` does not exist' });

    analysis.retryNow('default');
    expect(get(call).analysis_state).toBe('pending');
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(3));
    asks[2]!.resolve({ summary: 'Wants to cancel.', sentiment: 'negative', disposition: 'cancellation' });
    await settled(call, 'done');
  });

  it('resumes analyses left pending by a restart', async () => {
    const call = newCall();
    say(call, 'caller', 'Thanks, bye.', 100);
    await analysis.stop();
    end(call);
    calls.setAnalysis('default', call, { analysis_state: 'pending' });
    analysis = newAnalysis();
    analysis.start();
    timers.fireAll();
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    asks[0]!.resolve({ summary: 'Goodbye.', sentiment: 'positive', disposition: 'resolved' });
    await settled(call, 'done');
  });

  it('labels speakers for the model and tidies its answer', () => {
    const seg = (speaker: TranscriptSegment['speaker'], text: string, start_ms: number) => ({ speaker, text, start_ms }) as TranscriptSegment;
    expect(transcriptForPrompt([seg('caller', 'Hi.', 1_200), seg('agent', ' ', 2_000), seg('agent', 'Hello!', 65_000)])).toBe('[00:01] Caller: Hi.\n[01:05] Agent: Hello!');
    expect(kebabCase('Late Delivery / Refund')).toBe('late-delivery-refund');
    expect(parseAnalysis('{"summary":" ok ","sentiment":"negative","disposition":"返金"}', 'm')).toEqual({ summary: 'ok', sentiment: 'negative', disposition: 'other', model: 'm' });
    expect(() => parseAnalysis('{"summary":"x","sentiment":"angry","disposition":"a"}', 'm')).toThrow(/sentiment 'angry'/);
    expect(() => parseAnalysis('not json', 'm')).toThrow(/not JSON/);
  });
});
