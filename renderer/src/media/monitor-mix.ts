// A supervisor on one of this console's calls (peer monitoring, DESIGN §4), mixed here with
// WebAudio. Mode changes are gain changes (and, for the caller, a track swap on the sender; never
// a renegotiation), so a hotkey takes effect at once:
// - to the supervisor (the monitor call's sender): the caller + the agent's microphone;
// - to the caller: in barge, the monitored call's sender carries this mix's agent's microphone +
//   supervisor; in listen and whisper the plain microphone (no WebAudio in the conversation's
//   path: its buffering would add delay the caller hears);
// - to the agent's ear: the supervisor through the monitor call's own <audio> element, muted
//   in listen (media elements carry what people hear, DESIGN §10; the caller keeps playing
//   through the monitored call's element, which also keeps that remote track alive for WebAudio,
//   testbed pitfall 8).
import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';

export interface MonitorGains {
  /** The agent hears the supervisor. */
  agent: boolean;
  /** The caller hears the supervisor. */
  caller: boolean;
}

/** Who hears the supervisor in each mode. The supervisor always hears caller and agent. */
export function monitorGains(mode: MonitorMode): MonitorGains {
  switch (mode) {
    case 'listen':
      return { agent: false, caller: false };
    case 'whisper':
      return { agent: true, caller: false };
    case 'barge':
      return { agent: true, caller: true };
  }
}

/** A few milliseconds of ramp: no click when the supervisor comes in or goes out. */
const RAMP_S = 0.004;

export class MonitorMix {
  private readonly ctx: AudioContext;
  private readonly toSupervisor: MediaStreamAudioDestinationNode;
  private readonly toCaller: MediaStreamAudioDestinationNode;
  /** The supervisor's voice on its way to the caller. */
  private readonly bargeGain: GainNode;
  private mic: { track: MediaStreamTrack; node: MediaStreamAudioSourceNode } | null = null;
  private caller: { stream: MediaStream; node: MediaStreamAudioSourceNode } | null = null;
  private supervisor: { stream: MediaStream; node: MediaStreamAudioSourceNode } | null = null;

  constructor(createContext: () => AudioContext = () => new AudioContext({ latencyHint: 0, sampleRate: 48_000 })) {
    this.ctx = createContext();
    void this.ctx.resume().catch(() => undefined);
    this.toSupervisor = this.ctx.createMediaStreamDestination();
    this.toCaller = this.ctx.createMediaStreamDestination();
    this.toSupervisor.channelCount = 1;
    this.toCaller.channelCount = 1;
    this.bargeGain = this.ctx.createGain();
    this.bargeGain.gain.value = 0;
    this.bargeGain.connect(this.toCaller);
  }

  /** What the monitor call sends (to the supervisor). */
  get supervisorTrack(): MediaStreamTrack {
    return this.toSupervisor.stream.getAudioTracks()[0]!;
  }

  /** What the monitored call sends (to the caller). */
  get callerTrack(): MediaStreamTrack {
    return this.toCaller.stream.getAudioTracks()[0]!;
  }

  /** The monitored line's microphone track (disabled while that line is muted or held: silence). */
  setMic(track: MediaStreamTrack): void {
    if (this.mic?.track === track) return;
    this.mic?.node.disconnect();
    const node = this.ctx.createMediaStreamSource(new MediaStream([track]));
    node.connect(this.toSupervisor);
    node.connect(this.toCaller);
    this.mic = { track, node };
  }

  /** The caller's audio (the monitored line's far end). */
  setCaller(stream: MediaStream | null): void {
    if (this.caller?.stream === stream) return;
    this.caller?.node.disconnect();
    this.caller = null;
    if (!stream || stream.getAudioTracks().length === 0) return;
    const node = this.ctx.createMediaStreamSource(stream);
    node.connect(this.toSupervisor);
    this.caller = { stream, node };
  }

  /** The supervisor's audio (the monitor line's far end). */
  setSupervisor(stream: MediaStream | null): void {
    if (this.supervisor?.stream === stream) return;
    this.supervisor?.node.disconnect();
    this.supervisor = null;
    if (!stream || stream.getAudioTracks().length === 0) return;
    const node = this.ctx.createMediaStreamSource(stream);
    node.connect(this.bargeGain);
    this.supervisor = { stream, node };
  }

  /** Whether the caller hears the supervisor (barge, and the call not on hold). */
  setCallerHearsSupervisor(on: boolean): void {
    this.bargeGain.gain.setTargetAtTime(on ? 1 : 0, this.ctx.currentTime, RAMP_S);
  }

  close(): void {
    this.mic?.node.disconnect();
    this.caller?.node.disconnect();
    this.supervisor?.node.disconnect();
    for (const track of [...this.toSupervisor.stream.getTracks(), ...this.toCaller.stream.getTracks()]) track.stop();
    void this.ctx.close().catch(() => undefined);
  }
}
