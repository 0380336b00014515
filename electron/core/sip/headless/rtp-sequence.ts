// Received-packet accounting per RFC 3550 A.1/A.8: extended highest sequence number → expected
// and lost packets, and interarrival jitter. A new SSRC (or a jump of more than MAX_JUMP) starts
// a new run; the counts of earlier runs are kept.

const MAX_JUMP = 3000;

export class RtpSequence {
  private ssrc: number | undefined;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private runReceived = 0;
  private priorExpected = 0;
  private priorReceived = 0;
  private lastTransit: number | undefined;
  private jitterUnits = 0;

  readonly clockRate: number;

  constructor(clockRate = 8000) {
    this.clockRate = clockRate;
  }

  /**
   * Records one packet arriving at `arrivalMs` (performance.now()). `timestamp` feeds the jitter
   * estimate; pass undefined for packets whose timestamp does not advance with the media clock
   * (RFC 4733 events keep their start timestamp).
   */
  add(ssrc: number, seq: number, timestamp: number | undefined, arrivalMs: number): void {
    if (this.ssrc !== ssrc || this.runReceived === 0) {
      this.restart(ssrc, seq);
    } else {
      const delta = (seq - this.maxSeq) & 0xffff;
      if (delta > 0 && delta < 0x8000) {
        if (delta > MAX_JUMP) this.restart(ssrc, seq);
        else {
          if (seq < this.maxSeq) this.cycles += 0x10000;
          this.maxSeq = seq;
        }
      } else if (delta >= 0x8000 && 0x10000 - delta > MAX_JUMP) {
        this.restart(ssrc, seq);
      }
    }
    this.runReceived++;
    if (timestamp === undefined) return;
    const transit = (arrivalMs * this.clockRate) / 1000 - timestamp;
    if (this.lastTransit !== undefined) {
      const d = Math.abs(transit - this.lastTransit);
      this.jitterUnits += (d - this.jitterUnits) / 16;
    }
    this.lastTransit = transit;
  }

  private restart(ssrc: number, seq: number): void {
    this.priorExpected += this.runExpected();
    this.priorReceived += this.runReceived;
    this.ssrc = ssrc;
    this.baseSeq = seq;
    this.maxSeq = seq;
    this.cycles = 0;
    this.runReceived = 0;
    this.lastTransit = undefined;
  }

  private runExpected(): number {
    return this.runReceived ? this.cycles + this.maxSeq - this.baseSeq + 1 : 0;
  }

  get expected(): number {
    return this.priorExpected + this.runExpected();
  }

  get received(): number {
    return this.priorReceived + this.runReceived;
  }

  /** Expected minus received, never negative (duplicates can exceed expected). */
  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }

  get jitterMs(): number {
    return (this.jitterUnits * 1000) / this.clockRate;
  }
}
