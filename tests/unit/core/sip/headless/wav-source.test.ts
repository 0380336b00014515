import { describe, expect, test } from 'vitest';
import wavefile from 'wavefile';
import { decodeWav, resample, WavSource } from '../../../../../electron/core/sip/headless/wav-source.ts';

function rms(x: Int16Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / x.length);
}

describe('WAV source', () => {
  test('a 48 kHz stereo 24-bit WAV becomes 8 kHz mono PCM16 with its level kept', () => {
    const rate = 48000;
    const left = Array.from({ length: rate / 2 }, (_, i) => Math.round(4_000_000 * Math.sin((2 * Math.PI * 440 * i) / rate)));
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, rate, '24', [left, left]);
    const pcm = decodeWav(wav.toBuffer());
    expect(pcm.length).toBe(4000);
    // 4e6 / 2^23 of full scale ≈ 0.477 → RMS ≈ 0.477 × 32767 / √2 ≈ 11050
    expect(rms(pcm)).toBeGreaterThan(10_000);
    expect(rms(pcm)).toBeLessThan(12_000);
  });

  test('a µ-law WAV is decoded', () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, 8000, '16', Int16Array.from({ length: 800 }, (_, i) => (i % 20 < 10 ? 8000 : -8000)));
    wav.toMuLaw();
    const pcm = decodeWav(wav.toBuffer());
    expect(pcm.length).toBe(800);
    expect(Math.abs(rms(pcm) - 8000)).toBeLessThan(300);
  });

  test('upsampling interpolates', () => {
    expect([...resample(Int16Array.of(0, 100, 200), 4000, 8000)]).toEqual([0, 50, 100, 150, 200, 200]);
  });

  test('play once, then silence; loop wraps', () => {
    const pcm = Int16Array.from({ length: 250 }, (_, i) => i + 1);
    const frame = new Int16Array(160);
    const once = new WavSource(pcm);
    once.read(frame);
    expect(frame[159]).toBe(160);
    once.read(frame);
    expect(frame[89]).toBe(250);
    expect(frame[90]).toBe(0);
    expect(once.done).toBe(true);
    once.read(frame);
    expect(rms(frame)).toBe(0);

    const looped = new WavSource(pcm, true);
    looped.read(frame);
    looped.read(frame);
    expect(frame[89]).toBe(250);
    expect(frame[90]).toBe(1);
    expect(looped.done).toBe(false);
  });
});
