// Our per-frame G.711 against wavefile's whole-file codec.
import { describe, expect, test } from 'vitest';
import wavefile from 'wavefile';
import { decodeG711, encodeG711, silenceByte } from '../../../../../electron/core/sip/headless/g711.ts';

const ALL = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

function wavefileEncode(to: 'toMuLaw' | 'toALaw'): Uint8Array {
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 8000, '16', ALL);
  w[to]();
  return w.getSamples(false, Uint8Array) as unknown as Uint8Array;
}

function wavefileDecode(bitDepth: '8m' | '8a', from: 'fromMuLaw' | 'fromALaw'): Int16Array {
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 8000, bitDepth, BYTES);
  w[from]();
  return w.getSamples(false, Int16Array) as unknown as Int16Array;
}

describe('G.711', () => {
  test('µ-law matches wavefile for every 16-bit sample and every byte', () => {
    expect(encodeG711('PCMU', ALL)).toEqual(wavefileEncode('toMuLaw'));
    expect(decodeG711('PCMU', BYTES)).toEqual(wavefileDecode('8m', 'fromMuLaw'));
  });

  test('A-law decodes like wavefile; encodes like it except at exact negative step edges', () => {
    expect(decodeG711('PCMA', BYTES)).toEqual(wavefileDecode('8a', 'fromALaw'));
    // wavefile negates negative samples, G.711's reference takes the one's complement (-x-1):
    // they differ only for negative multiples of 16 that sit on a quantisation step edge.
    const ours = encodeG711('PCMA', ALL);
    const theirs = wavefileEncode('toALaw');
    const diffs = ALL.filter((_, i) => ours[i] !== theirs[i]);
    expect(diffs.length).toBeLessThan(200);
    expect(diffs.every((x) => x < 0 && x % 16 === 0)).toBe(true);
  });

  test('round trip error stays within one quantisation step', () => {
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const back = decodeG711(codec, encodeG711(codec, ALL));
      for (let i = 0; i < ALL.length; i += 7) {
        const x = ALL[i]!;
        expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(Math.max(16, Math.abs(x) / 16) + 1);
      }
    }
  });

  test('silence bytes decode to (near) zero', () => {
    expect(decodeG711('PCMU', Uint8Array.of(silenceByte('PCMU')))[0]).toBe(0);
    expect(Math.abs(decodeG711('PCMA', Uint8Array.of(silenceByte('PCMA')))[0]!)).toBeLessThanOrEqual(8);
  });
});
