// In-page instruments for bench:barge (tests/bench/barge-latency.ts): where the time between a
// hotkey and the tone at the caller goes. Each exported function runs inside a console page
// (Playwright serialises it: no closures over this module); stamps are
// performance.timeOrigin + performance.now(), the clock WebRTC's own timestamps use.

/** What instrumentPage leaves on `window`. */
export interface Instrumented {
  __pcs: RTCPeerConnection[];
  /** Last time an audio track was enabled (the console un-muting a line). */
  __enabledAt: number;
  /** Last time a media element was un-muted (the agent's console applying whisper/barge). */
  __unmutedAt: number;
  /** Last time an RTCRtpSender.replaceTrack resolved (the monitored call's sender taking the mix). */
  __replacedAt: number;
  /** What Bob's receiver handed to playout since recordDeliveries: [delivery time, RFC 6464 level]. */
  __deliveries: [number, number][];
}

/**
 * Init script (before the console's own code): keeps every RTCPeerConnection the console makes
 * and stamps the setters the media engine uses to apply a mute or a monitor mode, so nothing
 * has to be polled to know when a change was applied. `ptime` (for before/after comparisons in
 * one build) replaces the a=ptime of every remote description the page applies.
 */
export function instrumentPage(ptime: number | null): void {
  const w = window as unknown as Instrumented;
  const now = (): number => performance.timeOrigin + performance.now();
  w.__pcs = [];
  w.__enabledAt = 0;
  w.__unmutedAt = 0;
  w.__replacedAt = 0;
  const Native = window.RTCPeerConnection;
  (window as unknown as { RTCPeerConnection: unknown }).RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__pcs.push(this);
    }
  };
  if (ptime !== null) {
    const setRemote = RTCPeerConnection.prototype.setRemoteDescription as (this: RTCPeerConnection, d: RTCSessionDescriptionInit) => Promise<void>;
    RTCPeerConnection.prototype.setRemoteDescription = function (this: RTCPeerConnection, description: RTCSessionDescriptionInit) {
      return setRemote.call(this, { type: description.type, sdp: description.sdp?.replace(/a=ptime:\d+/g, `a=ptime:${ptime}`) });
    };
  }
  const enabled = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled')!;
  Object.defineProperty(MediaStreamTrack.prototype, 'enabled', {
    ...enabled,
    set(this: MediaStreamTrack, on: boolean) {
      if (on && !enabled.get!.call(this)) w.__enabledAt = now();
      enabled.set!.call(this, on);
    },
  });
  const muted = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'muted')!;
  Object.defineProperty(HTMLMediaElement.prototype, 'muted', {
    ...muted,
    set(this: HTMLMediaElement, on: boolean) {
      if (!on && muted.get!.call(this)) w.__unmutedAt = now();
      muted.set!.call(this, on);
    },
  });
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track: MediaStreamTrack | null) {
    return replaceTrack.call(this, track).then(() => void (w.__replacedAt = now()));
  };
}

/**
 * In the caller's page: records, packet by packet, the audio level (RFC 6464, put on each packet
 * by the sender) of what the receiver hands to playout, with the delivery time the browser
 * stamps (RTCRtpSynchronizationSource.timestamp: when the frame left the jitter buffer).
 */
export function recordDeliveries(): void {
  const w = window as unknown as Instrumented;
  const entries: [number, number][] = [];
  w.__deliveries = entries;
  const pc = w.__pcs.filter((p) => p.connectionState !== 'closed').at(-1);
  const receiver = pc?.getReceivers().find((r) => r.track.kind === 'audio');
  if (!receiver) return;
  let last = -1;
  const timer = setInterval(() => {
    for (const s of receiver.getSynchronizationSources()) {
      if (s.rtpTimestamp === last) continue;
      last = s.rtpTimestamp;
      entries.push([s.timestamp, s.audioLevel ?? 0]);
    }
    if (w.__deliveries !== entries || entries.length > 2000) clearInterval(timer);
  }, 1);
}

/** Cumulative receive-side figures of the page's live call (inbound-rtp + media-playout), in seconds and samples. */
export interface ReceiveTotals {
  jitterBufferDelay: number;
  jitterBufferTargetDelay: number;
  jitterBufferEmittedCount: number;
  totalPlayoutDelay: number;
  totalSamplesCount: number;
}

export async function receiveTotals(): Promise<ReceiveTotals | null> {
  const w = window as unknown as Instrumented;
  const pc = w.__pcs.filter((p) => p.connectionState !== 'closed').at(-1);
  if (!pc) return null;
  const out: Partial<ReceiveTotals> = { totalPlayoutDelay: 0, totalSamplesCount: 0 };
  (await pc.getStats()).forEach((s: Record<string, number | string>) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      for (const k of ['jitterBufferDelay', 'jitterBufferTargetDelay', 'jitterBufferEmittedCount'] as const) out[k] = Number(s[k]);
    }
    if (s.type === 'media-playout' && s.kind === 'audio') {
      out.totalPlayoutDelay = Number(s.totalPlayoutDelay);
      out.totalSamplesCount = Number(s.totalSamplesCount);
    }
  });
  return out.jitterBufferEmittedCount === undefined ? null : (out as ReceiveTotals);
}

/** The sending side of the page's call: packets sent so far, and the ptime the far end asked for. */
export async function sendTotals(): Promise<{ at: number; packetsSent: number; askedPtime: string }> {
  const w = window as unknown as Instrumented;
  // The oldest live connection: the call itself (a monitor call comes later).
  const pc = w.__pcs.find((p) => p.connectionState !== 'closed');
  let packetsSent = 0;
  (await pc?.getStats())?.forEach((s: Record<string, number | string>) => {
    if (s.type === 'outbound-rtp' && s.kind === 'audio') packetsSent = Number(s.packetsSent);
  });
  const askedPtime = /a=ptime:(\d+)/.exec(pc?.remoteDescription?.sdp ?? '')?.[1] ?? 'none';
  return { at: performance.timeOrigin + performance.now(), packetsSent, askedPtime };
}

/** What a low-latency AudioContext (the detector's kind) reports in this browser, in ms. */
export async function contextLatency(): Promise<{ base: number; output: number; deviceRate: number }> {
  const ctx = new AudioContext({ latencyHint: 0, sampleRate: 48_000 });
  await ctx.resume();
  await new Promise((r) => setTimeout(r, 200));
  const device = new AudioContext();
  const out = { base: ctx.baseLatency * 1000, output: ctx.outputLatency * 1000, deviceRate: device.sampleRate };
  await ctx.close();
  await device.close();
  return out;
}
