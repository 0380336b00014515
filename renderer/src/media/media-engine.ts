// Serves the core's media requests (shared/contracts/media-bridge.ts): one RTCPeerConnection per
// line, one shared microphone capture with a cloned track per line (so mute is per line), and
// each line's far end played through its own <audio> element (DESIGN §10: media elements, not
// only WebAudio). Plain TypeScript, no React; the core decides when, this file only does.
// Helpers: microphone-capture.ts (the shared capture), monitor-legs.ts (supervisors' monitor
// calls mixed with a call), conference-mix.ts, audio-output.ts, sdp-ptime.ts (the ptime we ask for).
import type { MediaReply, MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';
import { applySink, AutoplayUnlock } from './audio-output.ts';
import { buildConferenceGraph, type ConferenceGraph } from './conference-mix.ts';
import { directionForHold, sdpAudioDirection, type MediaDirection } from './direction.ts';
import { gatheringComplete } from './ice-gathering.ts';
import type { LineMedia } from './line-media.ts';
import { errorMessage, MicrophoneCapture, stopStream } from './microphone-capture.ts';
import { MonitorLegs } from './monitor-legs.ts';
import type { MonitorMix } from './monitor-mix.ts';
import { PTIME_MS, withPtime } from './sdp-ptime.ts';

export interface MediaEngineOptions {
  /** ICE servers of the signed-in seat; `[]` on a LAN (no public STUN, testbed pitfall 6). */
  iceServers(): RTCIceServer[];
  /** Chosen microphone (deviceId) or null for the default. */
  microphoneId(): string | null;
  /** Chosen speaker/headset (sink id) or null for the default. */
  speakerId(): string | null;
  /** Longest wait for ICE gathering before sending the candidates we have (SIP has no trickle). */
  gatherTimeoutMs?: number;
  /** Where the audio elements go; defaults to a hidden container appended to <body>. */
  container?: () => HTMLElement;
  log?: (message: string, error?: unknown) => void;
  /** WebAudio for the monitor mix (tests may hand in their own). */
  createMonitorMix?: () => MonitorMix;
}

/** What the live transcript listens to on a line: the far end's audio and this line's microphone. */
export interface LineLegs {
  remote: MediaStream | null;
  /** The line's clone of the microphone; disabled while muted or held. */
  local: MediaStreamTrack;
}

/** The far end of a live line (what the conference mixer feeds to the other lines). */
export interface RemoteLeg {
  lineId: string;
  stream: MediaStream;
}

const DEFAULT_GATHER_TIMEOUT_MS = 3000;
/** RFC 4733 through RTCDTMFSender: Chromium accepts 40–6000 ms tones and gaps of at least 30 ms. */
const clampTone = (ms: number): number => Math.min(6000, Math.max(40, Math.round(ms)));
const clampGap = (ms: number): number => Math.max(30, Math.round(ms));

export class MediaEngine {
  private readonly lines = new Map<string, LineMedia>();
  /** One queue per line: requests for a line run one after another, in arrival order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly mic: MicrophoneCapture;
  private sinkContainer: HTMLElement | null = null;
  private readonly options: MediaEngineOptions;
  private readonly gatherTimeoutMs: number;
  private readonly autoplay: AutoplayUnlock;
  /** Lines whose connection is being set up (waiting for the microphone). */
  private creating = 0;
  /** The lines in the 3-way conference (null: none), and the running mix when it can run. */
  private conferenceMembers: string[] | null = null;
  private mix: ConferenceGraph | null = null;
  /** Mix rebuilds run one after another. */
  private mixQueue: Promise<void> = Promise.resolve();
  private readonly legListeners = new Set<() => void>();
  /** Supervisors' monitor calls on this console and the calls they monitor. */
  private readonly monitors: MonitorLegs;

  constructor(options: MediaEngineOptions) {
    this.options = options;
    this.gatherTimeoutMs = options.gatherTimeoutMs ?? DEFAULT_GATHER_TIMEOUT_MS;
    this.mic = new MicrophoneCapture(() => options.microphoneId());
    this.autoplay = new AutoplayUnlock(() => [...this.lines.values()].map((l) => l.audio), options.log);
    this.monitors = new MonitorLegs({
      line: (id) => this.lines.get(id),
      pointSenders: (lines) => this.pointSenders(lines),
      inConference: (id) => this.conferenceMembers?.includes(id) === true,
      createMix: options.createMonitorMix,
      log: options.log,
    });
  }

  /** Serves one request; always resolves with a reply for `mediaReply`. */
  handle(request: MediaRequest): Promise<MediaReply> {
    const previous = this.queues.get(request.line_id) ?? Promise.resolve();
    const run = previous.then(() => this.serve(request)).then(
      (reply): MediaReply => reply,
      (error: unknown): MediaReply => {
        this.options.log?.(`media ${request.op} for line ${request.line_id} failed`, error);
        return { request_id: request.request_id, ok: false, error: errorMessage(error) };
      },
    );
    this.queues.set(request.line_id, run);
    void run.then(() => {
      if (this.queues.get(request.line_id) === run) this.queues.delete(request.line_id);
    });
    return run;
  }

  /** Every line with remote audio now. */
  remoteLegs(): RemoteLeg[] {
    const legs: RemoteLeg[] = [];
    for (const line of this.lines.values()) {
      if (line.remote && line.pc.connectionState !== 'closed') legs.push({ lineId: line.lineId, stream: line.remote });
    }
    return legs;
  }

  hasLine(lineId: string): boolean {
    return this.lines.has(lineId);
  }

  legs(lineId: string): LineLegs | null {
    const line = this.lines.get(lineId);
    return line ? { remote: line.remote, local: line.track } : null;
  }

  /** Calls `listener` whenever a line's legs appear, change (far-end track, microphone) or go. */
  onLegsChanged(listener: () => void): () => void {
    this.legListeners.add(listener);
    return () => this.legListeners.delete(listener);
  }

  /**
   * Joins `lineIds` (two or more) in a conference mixed here, or with null (or fewer than two)
   * puts every line back on its plain microphone. Resolves when the senders carry the new audio.
   */
  setConference(lineIds: readonly string[] | null): Promise<void> {
    this.conferenceMembers = lineIds && lineIds.length >= 2 ? [...lineIds] : null;
    return this.remix();
  }

  /** The lines in the conference right now (for tests and diagnostics). */
  conference(): string[] | null {
    return this.conferenceMembers ? [...this.conferenceMembers] : null;
  }

  /** Sends every line's audio to another output device. */
  async setSpeaker(deviceId: string | null): Promise<void> {
    await Promise.all([...this.lines.values()].map((l) => applySink(l.audio, deviceId, this.options.log)));
  }

  /** Captures from another microphone and swaps it into every line (no renegotiation). */
  async setMicrophone(): Promise<void> {
    if (!this.mic.started) return;
    const old = this.mic.detach();
    if (this.lines.size === 0) {
      stopStream(old);
      return;
    }
    const stream = await this.mic.get();
    const source = stream.getAudioTracks()[0];
    if (!source) return;
    for (const line of this.lines.values()) {
      const track = source.clone();
      track.enabled = !line.muted && !line.held;
      const sender = this.senderOf(line);
      if (sender && sender.track === line.track) await sender.replaceTrack(track);
      line.track.stop();
      line.stream.removeTrack(line.track);
      line.stream.addTrack(track);
      line.track = track;
    }
    this.monitors.microphoneChanged();
    this.legsChanged();
    // A conference mixes the microphone capture itself: rebuild it on the new one.
    if (this.conferenceMembers) await this.remix();
    stopStream(old);
  }

  /** Closes a line's media without a request (the line ended and the core said nothing). */
  closeLine(lineId: string): void {
    const line = this.lines.get(lineId);
    this.monitors.lineClosing(lineId);
    if (!line) return;
    this.lines.delete(lineId);
    // Hanging up a leg ends the conference: whoever is left goes back to the plain microphone.
    if (this.conferenceMembers?.includes(lineId)) {
      this.conferenceMembers = null;
      void this.remix();
    }
    line.pc.ontrack = null;
    line.pc.close();
    line.track.stop();
    line.audio.pause();
    line.audio.srcObject = null;
    line.audio.remove();
    this.legsChanged();
    // The microphone indicator goes off when no call needs it.
    if (this.lines.size === 0 && this.creating === 0) this.mic.release();
  }

  closeAll(): void {
    this.monitors.endAll();
    this.conferenceMembers = null;
    this.mix?.close();
    this.mix = null;
    for (const id of [...this.lines.keys()]) this.closeLine(id);
    this.mic.release();
  }

  // -------------------------------------------------------------------------------------------

  private async serve(request: MediaRequest): Promise<MediaReply> {
    const { request_id } = request;
    switch (request.op) {
      case 'local': {
        const sdp = await this.guarded(request.line_id, () => this.localDescription(request.line_id, request.hold));
        return { request_id, ok: true, sdp };
      }
      case 'remote':
        await this.guarded(request.line_id, () => this.remoteDescription(request.line_id, request.sdp));
        return { request_id, ok: true };
      case 'dtmf': {
        const line = this.requireLine(request.line_id);
        const dtmf = this.senderOf(line)?.dtmf ?? null;
        if (!dtmf || !dtmf.canInsertDTMF) return { request_id, ok: true, sent: false };
        dtmf.insertDTMF(request.tones, clampTone(request.duration_ms), clampGap(request.gap_ms));
        return { request_id, ok: true, sent: true };
      }
      case 'mute': {
        const line = this.requireLine(request.line_id);
        line.muted = request.muted;
        line.track.enabled = !request.muted && !line.held;
        // In a conference the line sends the mix: mute takes the microphone out of it only.
        this.mix?.setMuted(line.lineId, request.muted);
        return { request_id, ok: true };
      }
      case 'close':
        this.closeLine(request.line_id);
        return { request_id, ok: true };
      case 'monitor':
        await this.monitors.set(request.line_id, request.target_line_id, request.mode);
        return { request_id, ok: true };
    }
  }

  /** The lines a supervisor's monitor call is mixed with (for tests and diagnostics): monitor line id → monitored line id. */
  monitoring(): Record<string, { target: string; mode: MonitorMode }> {
    return this.monitors.snapshot();
  }

  /** Points each line's sender at what it should send now (see sendTrack). */
  private async pointSenders(lines: readonly (LineMedia | undefined)[]): Promise<void> {
    for (const line of lines) {
      if (!line || line.pc.connectionState === 'closed') continue;
      const sender = this.senderOf(line);
      const wanted = this.sendTrack(line);
      if (sender && sender.track !== wanted) await sender.replaceTrack(wanted);
    }
  }

  /**
   * Runs an SDP step; if it fails before the line ever negotiated, the line's connection is
   * closed (no half-open peer connection), else a pending offer is rolled back so the call
   * keeps its last good description.
   */
  private async guarded<T>(lineId: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const line = this.lines.get(lineId);
      if (line) {
        const negotiated = line.pc.currentLocalDescription !== null && line.pc.currentRemoteDescription !== null;
        if (!negotiated) this.closeLine(lineId);
        else if (line.pc.signalingState !== 'stable') await line.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
      }
      throw error;
    }
  }

  private async localDescription(lineId: string, hold: boolean): Promise<string> {
    const line = await this.ensureLine(lineId);
    const { pc } = line;
    const remote = sdpAudioDirection(pc.remoteDescription?.sdp);
    const direction = directionForHold(hold, remote);
    // A held party must not overhear the agent (a consultation, a colleague at the desk).
    line.held = hold;
    line.track.enabled = !line.muted && !hold;
    this.monitors.holdChanged(lineId);

    if (pc.signalingState === 'have-local-offer') {
      // Asked again for the offer still outstanding (e.g. the INVITE is re-sent after a digest
      // challenge): the same offer if it says what we want, else a fresh one.
      if (sdpAudioDirection(pc.localDescription?.sdp) === direction && pc.localDescription) {
        await gatheringComplete(pc, this.gatherTimeoutMs);
        return withPtime(pc.localDescription.sdp, PTIME_MS);
      }
      await pc.setLocalDescription({ type: 'rollback' });
    }

    const transceiver = this.audioTransceiver(line) ?? pc.addTransceiver(this.sendTrack(line), { direction, streams: [line.stream] });
    transceiver.direction = direction;
    if (pc.signalingState === 'have-remote-offer') {
      await pc.setLocalDescription(await pc.createAnswer());
    } else {
      await pc.setLocalDescription(await pc.createOffer());
    }
    await gatheringComplete(pc, this.gatherTimeoutMs);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('The browser produced no local description.');
    return withPtime(sdp, PTIME_MS);
  }

  private async remoteDescription(lineId: string, sdp: string): Promise<void> {
    const line = await this.ensureLine(lineId);
    const { pc } = line;
    const type: RTCSdpType = pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await pc.setRemoteDescription({ type, sdp });
    if (type === 'offer') {
      // The offer made (or matched) an audio transceiver: it sends our microphone.
      const transceiver = this.audioTransceiver(line);
      const wanted = this.sendTrack(line);
      if (transceiver && transceiver.sender.track !== wanted) {
        await transceiver.sender.replaceTrack(wanted);
        transceiver.sender.setStreams?.(line.stream);
      }
    }
  }

  private audioTransceiver(line: LineMedia): RTCRtpTransceiver | null {
    return (
      line.pc.getTransceivers().find((t) => t.currentDirection !== 'stopped' && (t.sender.track === line.track || t.receiver.track.kind === 'audio')) ?? null
    );
  }

  private senderOf(line: LineMedia): RTCRtpSender | null {
    return this.audioTransceiver(line)?.sender ?? line.pc.getSenders().find((s) => s.track === line.track) ?? null;
  }

  /** What a line sends: its monitoring mix, its share of the conference mix, else its own microphone clone. */
  private sendTrack(line: LineMedia): MediaStreamTrack {
    return this.monitors.sendTrack(line.lineId) ?? this.mix?.trackFor(line.lineId) ?? line.track;
  }

  /** Rebuilds the conference mix (or drops it) and points every line's sender at its track. */
  private remix(): Promise<void> {
    const run = this.mixQueue.then(async () => {
      const previous = this.mix;
      this.mix = null;
      const members = (this.conferenceMembers ?? []).map((id) => this.lines.get(id)).filter((l): l is LineMedia => l !== undefined);
      if (members.length >= 2) {
        const mic = this.mic.current ?? (await this.mic.get());
        this.mix = buildConferenceGraph(
          mic,
          members.map((l) => ({ lineId: l.lineId, muted: l.muted, remote: l.remote })),
        );
      }
      for (const line of this.lines.values()) {
        const sender = this.senderOf(line);
        const wanted = this.sendTrack(line);
        if (sender && sender.track !== wanted) await sender.replaceTrack(wanted);
      }
      previous?.close();
    });
    this.mixQueue = run.catch((error: unknown) => this.options.log?.('conference mix failed', error));
    return run;
  }

  private legsChanged(): void {
    for (const listener of this.legListeners) listener();
  }

  private requireLine(lineId: string): LineMedia {
    const line = this.lines.get(lineId);
    if (!line) throw new Error(`No media for line ${lineId}.`);
    return line;
  }

  private async ensureLine(lineId: string): Promise<LineMedia> {
    const existing = this.lines.get(lineId);
    if (existing) return existing;
    this.creating += 1;
    let stream: MediaStream;
    try {
      stream = await this.mic.get();
    } finally {
      this.creating -= 1;
    }
    const source = stream.getAudioTracks()[0];
    if (!source || source.readyState === 'ended') throw new Error('The microphone gave no live audio track.');
    // Another request for the same line cannot interleave (per-line queue), so no double create.
    const track = source.clone();
    const own = new MediaStream([track]);
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers(), bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.dataset.testid = 'remote-audio';
    audio.dataset.lineId = lineId;
    this.container().append(audio);
    void applySink(audio, this.options.speakerId(), this.options.log);

    const line: LineMedia = { lineId, pc, track, stream: own, audio, remote: null, muted: false, held: false };
    pc.ontrack = (event) => {
      const remote = event.streams[0] ?? new MediaStream([event.track]);
      line.remote = remote;
      if (audio.srcObject !== remote) audio.srcObject = remote;
      this.autoplay.play(audio);
      this.monitors.remoteChanged(lineId, remote);
      // A conference leg whose far end arrives (or changes) after the mix was built.
      if (this.conferenceMembers?.includes(lineId) && !this.mix?.wiredRemotes.has(lineId)) void this.remix().catch(() => undefined);
      this.legsChanged();
    };
    this.lines.set(lineId, line);
    this.monitors.lineAdded(line);
    this.legsChanged();
    return line;
  }

  private container(): HTMLElement {
    if (this.options.container) return this.options.container();
    if (!this.sinkContainer || !this.sinkContainer.isConnected) {
      const div = document.createElement('div');
      div.hidden = true;
      div.dataset.testid = 'audio-sinks';
      document.body.append(div);
      this.sinkContainer = div;
    }
    return this.sinkContainer;
  }
}

export type { MediaDirection };
