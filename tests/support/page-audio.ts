// What a person on a console would hear: the RMS level of each call's remote audio, measured in
// the page from the media elements the console plays it through (DESIGN §10).
import type { Page } from 'playwright-core';

/**
 * Mean RMS (0..1) of the remote audio of the line `lineId`, over `ms` milliseconds. The call's
 * state can reach the page a moment before its WebRTC track does, so this waits up to `waitMs`
 * for the element to get a stream. A stream without audio tracks (the far end holds the call
 * and WebRTC removed its track) is silence; a line with no audio element at all throws.
 */
export async function remoteLevel(page: Page, lineId: string, ms = 1500, waitMs = 5000): Promise<number> {
  const level = await page.evaluate(
    async ({ lineId, ms, waitMs }) => {
      const element = (): HTMLAudioElement | undefined =>
        [...document.querySelectorAll<HTMLAudioElement>(`audio[data-line-id="${lineId}"], [data-line-id="${lineId}"] audio`)][0];
      const deadline = performance.now() + waitMs;
      while (!(element()?.srcObject instanceof MediaStream) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const el = element();
      if (!el) return null;
      const stream = el.srcObject;
      if (!(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) return 0;
      const ctx = new AudioContext();
      await ctx.resume();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const buf = new Float32Array(analyser.fftSize);
      let sum = 0;
      let n = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 40));
        analyser.getFloatTimeDomainData(buf);
        let s = 0;
        for (const v of buf) s += v * v;
        sum += Math.sqrt(s / buf.length);
        n++;
      }
      await ctx.close();
      return n === 0 ? 0 : sum / n;
    },
    { lineId, ms, waitMs },
  );
  if (level === null) throw new Error(`Line ${lineId} has no remote audio after ${waitMs} ms.`);
  return level;
}

/**
 * Amplitude (0..1, peak) of the `frequency` component of `samples` (Goertzel on a Hann window):
 * a pure tone of peak A at that frequency reads ≈ A, speech and other tones read near 0.
 */
export function goertzelAmplitude(samples: ArrayLike<number>, sampleRate: number, frequency: number): number {
  const n = samples.length;
  if (n < 2) return 0;
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    windowSum += hann;
    const s = (samples[i] ?? 0) * hann + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  const re = s1 - s2 * Math.cos(w);
  const im = s2 * Math.sin(w);
  return (2 * Math.sqrt(re * re + im * im)) / windowSum;
}

export interface HeardAudio {
  /** Mean RMS (0..1) of everything audible. */
  rms: number;
  /** Mean Goertzel amplitude per asked frequency (Hz → 0..1). */
  tones: Record<number, number>;
  /** The media elements that were audible (their data-line-id). */
  lines: string[];
}

/**
 * What a person at this console hears: every media element that plays (not muted, volume > 0),
 * mixed at its volume, over `ms` milliseconds: its RMS and the strength of the asked tones.
 * Runs as a plain expression in the page (the console's CSP allows no eval of its own).
 */
export async function heardAudio(page: Page, opts: { frequencies?: number[]; ms?: number } = {}): Promise<HeardAudio> {
  const args = { frequencies: opts.frequencies ?? [1000], ms: opts.ms ?? 1200 };
  return page.evaluate(`(${measureHeard.toString()})(${JSON.stringify(args)}, ${goertzelAmplitude.toString()})`) as Promise<HeardAudio>;
}

/** Runs in the page (see heardAudio): no closures over this module. */
async function measureHeard(args: { frequencies: number[]; ms: number }, goertzel: (s: ArrayLike<number>, rate: number, f: number) => number): Promise<HeardAudio> {
  const audible = [...document.querySelectorAll('audio')].filter((el) => el.srcObject instanceof MediaStream && el.srcObject.getAudioTracks().length > 0 && !el.muted && el.volume > 0);
  const ctx = new AudioContext();
  await ctx.resume();
  const analyser = ctx.createAnalyser();
  // 8192 samples (~170 ms): a bin narrow enough that speech near the tone leaks in little.
  analyser.fftSize = 8192;
  for (const el of audible) {
    const gain = ctx.createGain();
    gain.gain.value = el.volume;
    ctx.createMediaStreamSource(el.srcObject as MediaStream).connect(gain);
    gain.connect(analyser);
  }
  const buf = new Float32Array(analyser.fftSize);
  const tones: Record<number, number> = Object.fromEntries(args.frequencies.map((f) => [f, 0]));
  let rms = 0;
  let n = 0;
  const end = performance.now() + args.ms;
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    analyser.getFloatTimeDomainData(buf);
    let s = 0;
    for (const v of buf) s += v * v;
    rms += Math.sqrt(s / buf.length);
    for (const f of args.frequencies) tones[f] = (tones[f] ?? 0) + goertzel(buf, ctx.sampleRate, f);
    n++;
  }
  await ctx.close();
  for (const f of args.frequencies) tones[f] = n === 0 ? 0 : (tones[f] ?? 0) / n;
  return { rms: n === 0 ? 0 : rms / n, tones, lines: audible.map((el) => el.dataset.lineId ?? '') };
}
