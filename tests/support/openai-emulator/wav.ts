// RIFF/WAVE reading (what arrived in a transcription upload: format, rate, length, level) and
// writing (PCM16 test audio made in code). Only the chunks a WAV needs are read: `fmt ` and
// `data`; anything else is skipped, as decoders do.
import { createHash } from 'node:crypto';

export interface WavInfo {
  /** sha256 of the whole file, hex: the key for registered transcripts. */
  sha256: string;
  bytes: number;
  /** 1 = integer PCM, 3 = IEEE float (WAVE_FORMAT_EXTENSIBLE is resolved to its sub-format). */
  format: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames in the data chunk. */
  frames: number;
  durationSec: number;
  /** Largest absolute sample, 0..1 of full scale. */
  peak: number;
  /** RMS level, 0..1 of full scale. */
  rms: number;
}

export class WavError extends Error {}

export function parseWav(buf: Buffer): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavError('not a RIFF/WAVE file');
  }
  let fmt: { format: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | undefined;
  let data: Buffer | undefined;
  for (let off = 12; off + 8 <= buf.length; ) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = buf.subarray(off + 8, Math.min(buf.length, off + 8 + size)); // streamed WAVs overstate the size
    if (id === 'fmt ') {
      if (body.length < 16) throw new WavError('fmt chunk too short');
      let format = body.readUInt16LE(0);
      if (format === 0xfffe && body.length >= 26) format = body.readUInt16LE(24);
      fmt = { format, channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), blockAlign: body.readUInt16LE(12), bits: body.readUInt16LE(14) };
    } else if (id === 'data') {
      data = body;
      break;
    }
    off += 8 + size + (size % 2);
  }
  if (!fmt) throw new WavError('no fmt chunk');
  if (!data) throw new WavError('no data chunk');
  const { format, channels, sampleRate, blockAlign, bits } = fmt;
  if (format !== 1 && format !== 3) throw new WavError(`unsupported WAVE format tag ${format}`);
  if (channels < 1 || sampleRate < 1000 || sampleRate > 384_000) throw new WavError(`implausible fmt: ${channels} channels at ${sampleRate} Hz`);
  if (![8, 16, 24, 32].includes(bits) || blockAlign !== (channels * bits) / 8) throw new WavError(`inconsistent fmt: ${bits} bits, block align ${blockAlign}`);
  const frames = Math.floor(data.length / blockAlign);
  const { peak, rms } = level(data, format, bits, frames * channels);
  return {
    sha256: createHash('sha256').update(buf).digest('hex'),
    bytes: buf.length,
    format,
    sampleRate,
    channels,
    bitsPerSample: bits,
    frames,
    durationSec: frames / sampleRate,
    peak,
    rms,
  };
}

function level(data: Buffer, format: number, bits: number, samples: number): { peak: number; rms: number } {
  const bytes = bits / 8;
  const read = (i: number): number => {
    const o = i * bytes;
    if (format === 3) return bits === 32 ? data.readFloatLE(o) : 0;
    switch (bits) {
      case 8:
        return (data.readUInt8(o) - 128) / 128;
      case 16:
        return data.readInt16LE(o) / 32768;
      case 24:
        return data.readIntLE(o, 3) / 8388608;
      default:
        return data.readInt32LE(o) / 2147483648;
    }
  };
  let peak = 0;
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const v = read(i);
    peak = Math.max(peak, Math.abs(v));
    sum += v * v;
  }
  return { peak, rms: samples ? Math.sqrt(sum / samples) : 0 };
}

/** A PCM16 WAV (44-byte header) around interleaved samples. */
export function encodeWav(samples: Int16Array, sampleRate = 16_000, channels = 1): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A sine burst as a 16 kHz mono PCM16 WAV (amplitude 0 gives digital silence). */
export function toneWav({ seconds = 1, frequency = 440, amplitude = 0.5, sampleRate = 16_000 } = {}): Buffer {
  const n = Math.round(seconds * sampleRate);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++) samples[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return encodeWav(samples, sampleRate);
}
