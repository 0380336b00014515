// Turns received RFC 4733 packets into digits, once per event: an event is identified by its
// SSRC and RTP timestamp, so updates and the end-bit retransmissions of one tone count once.
import { decodeTelephoneEvent, dtmfDigit } from './telephone-event.ts';

export interface ReceivedDigit {
  digit: string;
  /** performance.now() when its first packet arrived. */
  at: number;
  /** Tone length in ms, once an end packet arrived. */
  durationMs?: number;
}

const REMEMBERED_EVENTS = 32;

export class DtmfReceiver {
  readonly digits: ReceivedDigit[] = [];
  private readonly recent = new Map<string, ReceivedDigit>();

  readonly clockRate: number;

  constructor(clockRate = 8000) {
    this.clockRate = clockRate;
  }

  /** Handles one telephone-event payload; returns the digit if this packet began a new event. */
  receive(ssrc: number, timestamp: number, payload: Uint8Array, now: number): string | undefined {
    const ev = decodeTelephoneEvent(payload);
    const digit = ev && dtmfDigit(ev.event);
    if (!ev || digit === undefined) return undefined;
    const key = `${ssrc}:${timestamp}:${ev.event}`;
    const known = this.recent.get(key);
    if (known) {
      if (ev.end) known.durationMs = (ev.duration * 1000) / this.clockRate;
      return undefined;
    }
    const rec: ReceivedDigit = { digit, at: now };
    if (ev.end) rec.durationMs = (ev.duration * 1000) / this.clockRate;
    this.digits.push(rec);
    this.recent.set(key, rec);
    if (this.recent.size > REMEMBERED_EVENTS) this.recent.delete(this.recent.keys().next().value!);
    return digit;
  }

  get text(): string {
    return this.digits.map((d) => d.digit).join('');
  }
}
