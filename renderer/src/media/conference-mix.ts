// The 3-way conference mixed in the renderer (DESIGN §3). Pure planning plus a small WebAudio
// graph: for every line in the conference, a MediaStreamAudioDestinationNode is what the line
// sends (its RTCRtpSender's track is replaced with it); into it go the agent's microphone
// (through a gain node, 0 while the agent mutes that line) and the far end of every *other*
// line. Each far end therefore hears the agent and the other far end, never itself. The agent
// keeps hearing every far end through the lines' own <audio> elements, which also keep the
// remote tracks flowing into WebAudio (testbed pitfall 8).

export interface MixLeg {
  lineId: string;
  /** The agent muted this line: its far end hears only the other parties. */
  muted: boolean;
  /** The far end's stream has arrived (ontrack); until then it feeds nobody. */
  hasRemote: boolean;
}

export interface MixFeed {
  /** The agent's microphone goes into this line's outgoing audio. */
  mic: boolean;
  /** Line ids whose far end goes into this line's outgoing audio. */
  remotes: string[];
}

/** Which sources feed which line's outgoing audio. Fewer than two legs: nothing to mix. */
export function planMix(legs: readonly MixLeg[]): Map<string, MixFeed> {
  const plan = new Map<string, MixFeed>();
  if (legs.length < 2) return plan;
  for (const leg of legs) {
    plan.set(leg.lineId, {
      mic: !leg.muted,
      remotes: legs.filter((other) => other.lineId !== leg.lineId && other.hasRemote).map((other) => other.lineId),
    });
  }
  return plan;
}

export interface MixInput {
  lineId: string;
  muted: boolean;
  remote: MediaStream | null;
}

/** A running mix: the track each line should send, and teardown. */
export interface ConferenceGraph {
  /** The mixed track for a line in the graph. */
  trackFor(lineId: string): MediaStreamTrack | null;
  /** Per-line mute without rebuilding the graph. */
  setMuted(lineId: string, muted: boolean): void;
  /** The line ids that have a remote source wired in (to know when a rebuild is due). */
  readonly wiredRemotes: ReadonlySet<string>;
  close(): void;
}

/**
 * Builds the graph for `legs` (two or more) from the shared microphone capture. One source node
 * per stream, fanned out to the destinations the plan names.
 */
export function buildConferenceGraph(mic: MediaStream, legs: readonly MixInput[], createContext: () => AudioContext = () => new AudioContext()): ConferenceGraph {
  const ctx = createContext();
  void ctx.resume().catch(() => undefined);
  const plan = planMix(legs.map((l) => ({ lineId: l.lineId, muted: l.muted, hasRemote: l.remote !== null && l.remote.getAudioTracks().length > 0 })));
  const micSource = mic.getAudioTracks().length > 0 ? ctx.createMediaStreamSource(mic) : null;
  const remoteSources = new Map<string, MediaStreamAudioSourceNode>();
  for (const leg of legs) {
    if (leg.remote && leg.remote.getAudioTracks().length > 0) remoteSources.set(leg.lineId, ctx.createMediaStreamSource(leg.remote));
  }
  const destinations = new Map<string, MediaStreamAudioDestinationNode>();
  const micGains = new Map<string, GainNode>();
  for (const [lineId, feed] of plan) {
    const dest = ctx.createMediaStreamDestination();
    dest.channelCount = 1;
    const gain = ctx.createGain();
    gain.gain.value = feed.mic ? 1 : 0;
    micSource?.connect(gain);
    gain.connect(dest);
    for (const from of feed.remotes) remoteSources.get(from)?.connect(dest);
    destinations.set(lineId, dest);
    micGains.set(lineId, gain);
  }
  return {
    wiredRemotes: new Set(remoteSources.keys()),
    trackFor: (lineId) => destinations.get(lineId)?.stream.getAudioTracks()[0] ?? null,
    setMuted(lineId, muted) {
      const gain = micGains.get(lineId);
      if (gain) gain.gain.setValueAtTime(muted ? 0 : 1, ctx.currentTime);
    },
    close() {
      for (const dest of destinations.values()) for (const track of dest.stream.getTracks()) track.stop();
      micSource?.disconnect();
      for (const s of remoteSources.values()) s.disconnect();
      void ctx.close().catch(() => undefined);
    },
  };
}
