// G.711 µ-law (PCMU) and A-law (PCMA) for 20 ms RTP frames (ITU-T G.711, the classic Sun
// reference algorithm). wavefile carries the same codec, but only behind a whole-file WaveFile
// object (its per-sample functions are not part of the package's public entry), which is far
// too heavy to run 50 times a second per call.

export type G711Codec = 'PCMU' | 'PCMA';

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

function segmentOf(magnitude: number): number {
  // Position of the highest set bit above bit 7 (0…7).
  let seg = 0;
  for (let v = magnitude >> 8; v > 0 && seg < 7; v >>= 1) seg++;
  return seg;
}

export function muLawEncodeSample(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let mag = Math.min(Math.abs(sample), MULAW_CLIP) + MULAW_BIAS;
  if (mag > 0x7fff) mag = 0x7fff;
  const exponent = segmentOf(mag);
  const mantissa = (mag >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function muLawDecodeSample(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

export function aLawEncodeSample(sample: number): number {
  const sign = sample >= 0 ? 0x80 : 0;
  // A-law works on 13-bit magnitudes.
  const mag = Math.min(sample >= 0 ? sample : -sample - 1, 0x7fff) >> 3;
  let out: number;
  if (mag < 32) {
    out = mag >> 1;
  } else {
    let exponent = 1;
    for (let v = mag >> 5; v > 1 && exponent < 7; v >>= 1) exponent++;
    out = (exponent << 4) | ((mag >> exponent) & 0x0f);
  }
  return (out | sign) ^ 0x55;
}

export function aLawDecodeSample(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  let magnitude = ((a & 0x0f) << 4) + 8;
  if (exponent !== 0) magnitude = (magnitude + 0x100) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const MULAW_TABLE = Int16Array.from({ length: 256 }, (_, i) => muLawDecodeSample(i));
const ALAW_TABLE = Int16Array.from({ length: 256 }, (_, i) => aLawDecodeSample(i));

export function encodeG711(codec: G711Codec, pcm: Int16Array, out = new Uint8Array(pcm.length)): Uint8Array {
  const enc = codec === 'PCMU' ? muLawEncodeSample : aLawEncodeSample;
  for (let i = 0; i < pcm.length; i++) out[i] = enc(pcm[i]!);
  return out;
}

export function decodeG711(codec: G711Codec, bytes: Uint8Array, out = new Int16Array(bytes.length)): Int16Array {
  const table = codec === 'PCMU' ? MULAW_TABLE : ALAW_TABLE;
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return out;
}

/** The byte a codec uses for digital silence. */
export function silenceByte(codec: G711Codec): number {
  return codec === 'PCMU' ? 0xff : 0xd5;
}
