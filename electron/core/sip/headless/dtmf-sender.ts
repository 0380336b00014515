// Schedules RFC 4733 DTMF on the 20 ms media clock: for each tone, one event packet per frame
// (first with the marker bit, duration growing), the final packet with the end bit sent three
// times (§2.5.1.4), then the inter-tone gap of ordinary audio frames.
import { dtmfEventCode, encodeTelephoneEvent } from './telephone-event.ts';

export interface DtmfOptions {
  /** Tone length in ms (40–6000, default 100). */
  duration?: number;
  /** Pause between tones in ms (at least 40, default 70). */
  interToneGap?: number;
}

export interface DtmfFrame {
  payload: Uint8Array;
  marker: boolean;
  /** RTP timestamp of the event's first frame (the same for all its packets). */
  timestamp: number;
}

interface Tone {
  event: number;
  samples: number;
  gapSamples: number;
}

export const END_PACKETS = 3;
const VOLUME = 10; // -10 dBm0

export function isDtmfString(tones: string): boolean {
  return tones.length > 0 && [...tones].every((d) => dtmfEventCode(d) !== undefined);
}

export class DtmfSender {
  private readonly queue: Tone[] = [];
  private current: { tone: Tone; startTs: number; elapsed: number; endsSent: number } | undefined;
  private gapLeft = 0;

  readonly clockRate: number;

  constructor(clockRate = 8000) {
    this.clockRate = clockRate;
  }

  /** Queues the tones; false (and nothing queued) if any character is not a DTMF digit. */
  enqueue(tones: string, options: DtmfOptions = {}): boolean {
    if (!isDtmfString(tones)) return false;
    const ms = Math.min(6000, Math.max(40, options.duration ?? 100));
    const gapMs = Math.max(40, options.interToneGap ?? 70);
    for (const d of tones) {
      this.queue.push({
        event: dtmfEventCode(d)!,
        samples: Math.round((ms * this.clockRate) / 1000),
        gapSamples: Math.round((gapMs * this.clockRate) / 1000),
      });
    }
    return true;
  }

  /** True while tones are queued or playing. */
  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0 || this.gapLeft > 0;
  }

  clear(): void {
    this.queue.length = 0;
    this.current = undefined;
    this.gapLeft = 0;
  }

  /**
   * Called once per media frame of `frameSamples` samples starting at RTP timestamp `ts`:
   * the event packet to send instead of audio, or undefined to send audio.
   */
  next(ts: number, frameSamples: number): DtmfFrame | undefined {
    if (!this.current) {
      if (this.gapLeft > 0) {
        this.gapLeft = Math.max(0, this.gapLeft - frameSamples);
        return undefined;
      }
      const tone = this.queue.shift();
      if (!tone) return undefined;
      this.current = { tone, startTs: ts, elapsed: 0, endsSent: 0 };
    }
    const cur = this.current;
    const first = cur.elapsed === 0;
    cur.elapsed = Math.min(cur.tone.samples, cur.elapsed + frameSamples);
    const end = cur.elapsed >= cur.tone.samples;
    if (end) cur.endsSent++;
    const payload = encodeTelephoneEvent({ event: cur.tone.event, end, volume: VOLUME, duration: cur.elapsed });
    if (cur.endsSent >= END_PACKETS) {
      this.gapLeft = cur.tone.gapSamples;
      this.current = undefined;
    }
    return { payload, marker: first, timestamp: cur.startTs };
  }
}
