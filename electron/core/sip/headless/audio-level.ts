// Energy of PCM16 audio: RMS over everything seen and over a sliding time window.

export interface LevelSample {
  at: number;
  sumSquares: number;
  samples: number;
}

export class AudioLevel {
  private sumSquares = 0;
  private samples = 0;
  private readonly window: LevelSample[] = [];

  readonly windowMs: number;

  constructor(windowMs = 500) {
    this.windowMs = windowMs;
  }

  /** Adds one frame seen at `now` (ms, performance.now()); returns the frame's RMS. */
  add(pcm: Int16Array, now: number): number {
    let sq = 0;
    for (let i = 0; i < pcm.length; i++) sq += pcm[i]! * pcm[i]!;
    this.sumSquares += sq;
    this.samples += pcm.length;
    this.window.push({ at: now, sumSquares: sq, samples: pcm.length });
    this.prune(now);
    return pcm.length ? Math.sqrt(sq / pcm.length) : 0;
  }

  /** RMS over all frames so far (0 when none). */
  get rms(): number {
    return this.samples ? Math.sqrt(this.sumSquares / this.samples) : 0;
  }

  /** RMS over the frames of the last `windowMs` (0 when none arrived). */
  windowRms(now: number): number {
    this.prune(now);
    let sq = 0;
    let n = 0;
    for (const s of this.window) {
      sq += s.sumSquares;
      n += s.samples;
    }
    return n ? Math.sqrt(sq / n) : 0;
  }

  private prune(now: number): void {
    while (this.window.length && this.window[0]!.at < now - this.windowMs) this.window.shift();
  }
}
