import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import type { PreferencesState, PreferencesStore } from '../../../renderer/src/app/preferences.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { CallVad } from '../../../renderer/src/media/call-vad.ts';
import type { LegVad, LegVadOptions } from '../../../renderer/src/media/leg-vad.ts';
import { startLiveTranscript } from '../../../renderer/src/media/live-transcript.ts';
import type { LineLegs } from '../../../renderer/src/media/media-engine.ts';
import { SegmentSender } from '../../../renderer/src/media/segment-sender.ts';
import { createLinesStore } from '../../../renderer/src/state/lines.store.ts';
import { createSessionStore } from '../../../renderer/src/state/session.store.ts';
import { createStatusStore } from '../../../renderer/src/state/status.store.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { baseStatus, FakeCoreClient, flush, makeAgent } from './fake-core-client.ts';

/** Just enough of a track and a stream for the wiring (no WebAudio in Node). */
class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  readonly id: string;
  constructor(id: string) {
    this.id = id;
  }
}
class FakeStream {
  readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[]) {
    this.tracks = tracks;
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
}

/** A detector per started leg, recording what was asked of it. */
class FakeDetectors {
  started: { options: LegVadOptions; log: string[] }[] = [];
  contexts: { closed: boolean }[] = [];
  start = async (options: LegVadOptions): Promise<LegVad> => {
    const entry = { options, log: [] as string[] };
    this.started.push(entry);
    return {
      pause: async () => void entry.log.push('pause'),
      resume: async () => void entry.log.push('resume'),
      destroy: async () => void entry.log.push('destroy'),
    };
  };
  createAudioContext = (): AudioContext => {
    const ctx = { closed: false, close: async () => void (ctx.closed = true) };
    this.contexts.push(ctx);
    return ctx as unknown as AudioContext;
  };
  byTrack(id: string): LegVadOptions {
    return this.started.find((s) => (s.options.stream as unknown as FakeStream).tracks[0]!.id === id)!.options;
  }
  /** The track each running detector listens to, as `trackId:log`. */
  summary(): string[] {
    return this.started.map((s) => `${(s.options.stream as unknown as FakeStream).tracks[0]!.id}:${s.log.join(',')}`);
  }
}

const line = (id: string, over: Partial<LineState> = {}): LineState => ({
  line_id: id,
  call_sid: `CA-${id}`,
  direction: 'inbound',
  state: 'talking',
  remote: { uri: 'sip:1@pbx', display: 'Pat' },
  early: false,
  muted: false,
  held: false,
  remote_held: false,
  pending: null,
  consult_for: null,
  started_at: '2026-03-04T09:00:00.000Z',
  answered_at: '2026-03-04T09:00:01.000Z',
  ended_at: null,
  end_reason: null,
  sip_code: 200,
  end_detail: null,
  ...over,
});

function media() {
  const legs = new Map<string, LineLegs>();
  const listeners = new Set<() => void>();
  return {
    legs,
    engine: {
      legs: (id: string) => legs.get(id) ?? null,
      onLegsChanged: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    },
    set(id: string, remote: FakeTrack | null, local: FakeTrack) {
      legs.set(id, { remote: remote ? (new FakeStream([remote]) as unknown as MediaStream) : null, local: local as unknown as MediaStreamTrack });
      listeners.forEach((l) => l());
    },
    drop(id: string) {
      legs.delete(id);
      listeners.forEach((l) => l());
    },
  };
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeStream);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CallVad: a detector on each leg of every live line', () => {
  function setup() {
    const m = media();
    const det = new FakeDetectors();
    let lines: LineState[] = [];
    const segments: string[] = [];
    const vad = new CallVad({
      legs: (id) => m.engine.legs(id),
      lines: () => lines,
      onSegment: (s) => segments.push(`${s.lineId}/${s.leg}:${s.samples.length}@${s.endedAtMs}`),
      startLegVad: det.start,
      createAudioContext: det.createAudioContext,
    });
    m.engine.onLegsChanged(() => vad.sync());
    return { m, det, vad, segments, setLines: (l: LineState[]) => ((lines = l), vad.sync()) };
  }

  it('listens to the far end (remote) and the microphone (local) of a talking line, and labels their segments', async () => {
    const { m, det, vad, segments, setLines } = setup();
    vad.setEnabled(true);
    m.set('L1', new FakeTrack('far'), new FakeTrack('mic'));
    setLines([line('L1', { state: 'ringing', answered_at: null })]);
    expect(vad.activeLegs()).toEqual([]);
    setLines([line('L1')]);
    await flush();
    expect(vad.activeLegs().sort()).toEqual(['L1/local', 'L1/remote']);
    expect(det.summary().sort()).toEqual(['far:resume', 'mic:resume']);
    // Both legs share one audio context.
    expect(det.contexts).toHaveLength(1);
    det.byTrack('far').onSegment(new Float32Array(16000), 1234);
    det.byTrack('mic').onSegment(new Float32Array(8000), 1300);
    expect(segments).toEqual(['L1/remote:16000@1234', 'L1/local:8000@1300']);
  });

  it('waits for the far end’s track, pauses on hold (either side) and resumes after', async () => {
    const { m, det, vad, setLines } = setup();
    vad.setEnabled(true);
    m.set('L1', null, new FakeTrack('mic'));
    setLines([line('L1')]);
    expect(vad.activeLegs()).toEqual(['L1/local']);
    m.set('L1', new FakeTrack('far'), m.legs.get('L1')!.local as unknown as FakeTrack);
    expect(vad.activeLegs().sort()).toEqual(['L1/local', 'L1/remote']);
    setLines([line('L1', { state: 'on-hold', held: true })]);
    setLines([line('L1', { state: 'talking' })]);
    setLines([line('L1', { state: 'remote-hold', remote_held: true })]);
    await flush();
    expect(det.summary()).toEqual(['mic:resume,pause,resume,pause', 'far:resume,pause,resume,pause']);
  });

  it('never listens to a supervisor’s monitor leg (the supervisor’s line, or the monitor call to the agent)', async () => {
    const { m, vad, setLines } = setup();
    vad.setEnabled(true);
    m.set('L1', new FakeTrack('far'), new FakeTrack('mic'));
    m.set('M1', new FakeTrack('supervisor'), new FakeTrack('mic-2'));
    const monitor = (role: 'target' | 'monitored') => ({ role, mode: 'whisper' as const, via: 'peer' as const, call_sid: 'CAL1', party: 'Carol' });
    setLines([line('L1', { monitor: monitor('monitored') }), line('M1', { monitor: monitor('target') })]);
    await flush();
    expect(vad.activeLegs().sort()).toEqual(['L1/local', 'L1/remote']);
  });

  it('starts again on a new microphone track, and lets go of everything when the line ends', async () => {
    const { m, det, vad, setLines } = setup();
    vad.setEnabled(true);
    const far = new FakeTrack('far');
    m.set('L1', far, new FakeTrack('mic-1'));
    setLines([line('L1')]);
    m.set('L1', far, new FakeTrack('mic-2'));
    await flush();
    expect(det.summary()).toEqual(['far:resume', 'mic-1:resume,destroy', 'mic-2:resume']);
    setLines([line('L1', { state: 'ended', ended_at: '2026-03-04T09:01:00.000Z', end_reason: 'remote-hangup' })]);
    await flush();
    expect(vad.activeLegs()).toEqual([]);
    expect(det.summary()).toEqual(['far:resume,destroy', 'mic-1:resume,destroy', 'mic-2:resume,destroy']);
    await flush();
    expect(det.contexts[0]!.closed).toBe(true);
  });

  it('runs nothing while disabled, and stops what runs when disabled', async () => {
    const { m, det, vad, setLines } = setup();
    m.set('L1', new FakeTrack('far'), new FakeTrack('mic'));
    setLines([line('L1')]);
    expect(det.started).toHaveLength(0);
    vad.setEnabled(true);
    expect(vad.activeLegs()).toHaveLength(2);
    vad.setEnabled(false);
    await flush();
    expect(vad.activeLegs()).toEqual([]);
    expect(det.summary()).toEqual(['far:resume,destroy', 'mic:resume,destroy']);
  });

  it('skips a microphone track that has ended and a line without media', () => {
    const { m, vad, setLines } = setup();
    vad.setEnabled(true);
    const mic = new FakeTrack('mic');
    mic.readyState = 'ended';
    m.set('L1', null, mic);
    setLines([line('L1'), line('L2')]);
    expect(vad.activeLegs()).toEqual([]);
  });
});

describe('SegmentSender: a segment reaches the core or is given up on', () => {
  const sub = (key: string): SegmentSubmission => ({ line_id: 'L1', call_sid: 'CA-L1', leg: 'local', segment_key: key, started_at_ms: 1, ended_at_ms: 2, wav_base64: 'UklGRg==' });
  const network = () => CoreError.network(new TypeError('fetch failed'));
  const status = (statusCode: number, code?: string) => new CoreError({ statusCode, error: 'x', message: `status ${statusCode}`, ...(code ? { code } : {}) });

  it('retries while the hub is out of reach, backing off, and succeeds when it is back', async () => {
    const waits: number[] = [];
    const answers: unknown[] = [network(), status(503), status(502)];
    const submitted: string[] = [];
    const sender = new SegmentSender({
      submit: async (s) => {
        submitted.push(s.segment_key);
        const next = answers.shift();
        if (next) throw next;
        return { ok: true };
      },
      onUnconfigured: () => undefined,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(await sender.send(sub('a'))).toBe('sent');
    expect(waits).toEqual([500, 1000, 2000]);
    expect(submitted).toEqual(['a', 'a', 'a', 'a']);
    expect(sender.pending).toBe(0);
  });

  it('gives up after its last retry, and at once on a refusal that will not change', async () => {
    const waits: number[] = [];
    const logs: string[] = [];
    const failing = new SegmentSender({ submit: async () => Promise.reject(network()), onUnconfigured: () => undefined, retryDelaysMs: [10, 20], sleep: async (ms) => void waits.push(ms), log: (m) => logs.push(m) });
    expect(await failing.send(sub('b'))).toBe('dropped');
    expect(waits).toEqual([10, 20]);
    const refused = new SegmentSender({ submit: async () => Promise.reject(status(400)), onUnconfigured: () => undefined, sleep: async (ms) => void waits.push(ms), log: (m) => logs.push(m) });
    expect(await refused.send(sub('c'))).toBe('dropped');
    expect(waits).toEqual([10, 20]);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toContain('c dropped after 1 tries');
  });

  it('reports a tenant without AI (409 ai_unconfigured) instead of retrying', async () => {
    let told = 0;
    const sender = new SegmentSender({ submit: async () => Promise.reject(status(409, 'ai_unconfigured')), onUnconfigured: () => void told++, sleep: async () => undefined });
    expect(await sender.send(sub('d'))).toBe('unconfigured');
    expect(told).toBe(1);
  });
});

describe('live transcript wiring', () => {
  async function setup(opts: { ai?: 'unconfigured' | 'reachable'; wanted?: boolean } = {}) {
    const core = new FakeCoreClient();
    const agent = makeAgent({ id: 1 });
    core.addUser('alice', 'pw', agent);
    core.status = { ...baseStatus, ai: { ...baseStatus.ai, state: opts.ai ?? 'reachable' } };
    const session = createSessionStore(core);
    const status = createStatusStore(core);
    const lines = createLinesStore(core, { agentId: () => session.getState().session?.agent.id ?? null });
    const preferences = createStore<PreferencesState>()((set) => ({
      theme: 'system',
      resolvedTheme: 'light',
      setTheme: () => undefined,
      liveTranscript: opts.wanted ?? true,
      setLiveTranscript: (on) => set({ liveTranscript: on }),
    })) as unknown as PreferencesStore;
    const m = media();
    const det = new FakeDetectors();
    const capture = startLiveTranscript(core, { session, status, lines, preferences }, m.engine, { startLegVad: det.start, createAudioContext: det.createAudioContext });
    await session.getState().login({ username: 'alice', password: 'pw' });
    await status.getState().refresh();
    const l = core.addLine({ direction: 'inbound', state: 'talking', answered_at: '2026-03-04T09:00:01.000Z' });
    m.set(l.line_id, new FakeTrack('far'), new FakeTrack('mic'));
    await flush();
    return { core, capture, det, status, preferences, lineId: l.line_id, callSid: l.call_sid };
  }

  it('captures both legs of a signed-in console’s calls and sends each segment to the core', async () => {
    const { core, capture, det, lineId, callSid } = await setup();
    expect(capture.vad.activeLegs().sort()).toEqual([`${lineId}/local`, `${lineId}/remote`]);
    det.byTrack('far').onSegment(new Float32Array(3200).fill(0.1), 1_760_000_000_000);
    await flush();
    expect(core.submitted).toHaveLength(1);
    expect(core.submitted[0]).toMatchObject({ line_id: lineId, call_sid: callSid, leg: 'remote', started_at_ms: 1_760_000_000_000 - 200, ended_at_ms: 1_760_000_000_000 });
    capture.stop();
  });

  it('does not run without an AI endpoint, nor when the person turned it off', async () => {
    const off = await setup({ ai: 'unconfigured' });
    expect(off.capture.vad.activeLegs()).toEqual([]);
    const unwanted = await setup({ wanted: false });
    expect(unwanted.capture.vad.activeLegs()).toEqual([]);
    unwanted.preferences.getState().setLiveTranscript(true);
    expect(unwanted.capture.vad.activeLegs()).toHaveLength(2);
  });

  it('stops quietly when the core says the AI is unconfigured, and tries again once the AI state changes', async () => {
    const { core, capture, det, lineId } = await setup();
    core.aiConfigured = false;
    det.started[0]!.options.onSegment(new Float32Array(1600), 1_760_000_000_000);
    await flush();
    await flush();
    expect(capture.vad.isEnabled).toBe(false);
    expect(capture.vad.activeLegs()).toEqual([]);

    core.aiConfigured = true;
    core.emit({ type: 'status.changed', status: { ...baseStatus, ai: { ...baseStatus.ai, state: 'checking' } } });
    expect(capture.vad.activeLegs().sort()).toEqual([`${lineId}/local`, `${lineId}/remote`]);
  });
});
