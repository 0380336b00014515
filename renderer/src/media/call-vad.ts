// Runs a voice-activity detector on both legs of every live line of this console: the far end
// (leg `remote`, the caller) and the line's own microphone (leg `local`, the agent), so the
// transcript knows who spoke by channel. Held lines pause; ended lines let go. Plain
// TypeScript: `sync()` compares what should run with what runs and starts or stops the difference.
import type { CaptureLeg } from '../../../shared/contracts/transcription-client.ts';
import { isMonitorLeg } from '../../../shared/sip/line-monitor.ts';
import { LIVE_STATES, type LineState } from '../../../shared/sip/line-state.ts';
import type { LineLegs } from './media-engine.ts';
import type { LegVad, StartLegVad } from './leg-vad.ts';
import type { CapturedSegment } from './segment-audio.ts';

export interface CallVadOptions {
  legs(lineId: string): LineLegs | null;
  lines(): readonly LineState[];
  onSegment(segment: CapturedSegment): void;
  startLegVad: StartLegVad;
  createAudioContext(): AudioContext;
  log?: (message: string, error?: unknown) => void;
}

interface WantedLeg {
  lineId: string;
  callSid: string;
  leg: CaptureLeg;
  track: MediaStreamTrack;
  paused: boolean;
}

/** A detector starting or running on one track; pause/stop wait for the start. */
class RunningLeg {
  readonly track: MediaStreamTrack;
  private readonly vad: Promise<LegVad | null>;
  private paused = false;
  private applied = false;

  constructor(track: MediaStreamTrack, vad: Promise<LegVad | null>) {
    this.track = track;
    this.vad = vad;
  }

  setPaused(paused: boolean): void {
    if (this.applied && paused === this.paused) return;
    this.paused = paused;
    this.applied = true;
    void this.vad.then((v) => (paused ? v?.pause() : v?.resume()));
  }

  stop(): Promise<void> {
    return this.vad.then((v) => v?.destroy());
  }
}

/** A line whose far end or we ourselves hold it: nobody is talking to anybody. */
const isHeld = (line: LineState): boolean => line.held || line.remote_held;

export class CallVad {
  private readonly options: CallVadOptions;
  private readonly running = new Map<string, RunningLeg>();
  private enabled = false;
  private context: AudioContext | null = null;
  private stopping: Promise<unknown> = Promise.resolve();

  constructor(options: CallVadOptions) {
    this.options = options;
  }

  /** Capture runs only while enabled (AI configured, the person wants a live transcript). */
  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    this.sync();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** The legs being listened to, as `lineId/leg` (for diagnostics and tests). */
  activeLegs(): string[] {
    return [...this.running.keys()];
  }

  sync(): void {
    const wanted = this.enabled ? this.wantedLegs() : new Map<string, WantedLeg>();
    const stops: Promise<void>[] = [];
    for (const [key, leg] of this.running) {
      if (wanted.get(key)?.track === leg.track) continue;
      this.running.delete(key);
      stops.push(leg.stop().catch((error: unknown) => this.options.log?.(`could not stop the detector on ${key}`, error)));
    }
    for (const [key, want] of wanted) {
      let leg = this.running.get(key);
      if (!leg) {
        leg = new RunningLeg(want.track, this.launch(want));
        this.running.set(key, leg);
      }
      leg.setPaused(want.paused);
    }
    if (stops.length > 0) this.stopping = Promise.allSettled([this.stopping, ...stops]);
    if (this.running.size === 0) this.releaseContext();
  }

  stop(): void {
    this.enabled = false;
    this.sync();
  }

  private wantedLegs(): Map<string, WantedLeg> {
    const wanted = new Map<string, WantedLeg>();
    for (const line of this.options.lines()) {
      // A supervisor's monitor leg carries the call again (or the supervisor): never transcribed.
      if (!LIVE_STATES.includes(line.state) || isMonitorLeg(line)) continue;
      const legs = this.options.legs(line.line_id);
      if (!legs) continue;
      const paused = isHeld(line);
      const remote = legs.remote?.getAudioTracks().find((t) => t.readyState === 'live');
      if (remote) wanted.set(`${line.line_id}/remote`, { lineId: line.line_id, callSid: line.call_sid, leg: 'remote', track: remote, paused });
      if (legs.local.readyState === 'live') wanted.set(`${line.line_id}/local`, { lineId: line.line_id, callSid: line.call_sid, leg: 'local', track: legs.local, paused });
    }
    return wanted;
  }

  private launch(want: WantedLeg): Promise<LegVad | null> {
    const audioContext = (this.context ??= this.options.createAudioContext());
    return this.options
      .startLegVad({
        stream: new MediaStream([want.track]),
        audioContext,
        onSegment: (samples, endedAtMs) => this.options.onSegment({ lineId: want.lineId, callSid: want.callSid, leg: want.leg, samples, endedAtMs }),
      })
      .catch((error: unknown) => {
        this.options.log?.(`could not start the detector on ${want.lineId}/${want.leg}`, error);
        return null;
      });
  }

  /** The audio thread stops once the last detector has handed over its speech. */
  private releaseContext(): void {
    const context = this.context;
    if (!context) return;
    this.context = null;
    void this.stopping.then(() => context.close()).catch(() => undefined);
  }
}
