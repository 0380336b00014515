// A WAV file as the outgoing audio of a headless call: decoded once to 8 kHz mono PCM16 (any
// PCM/float bit depth, G.711 or IMA-ADPCM input; downmixed and resampled simply), then read
// 20 ms at a time, once or looped; silence after the end.
import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';

export const SAMPLE_RATE = 8000;

/** Something that fills 20 ms frames of 8 kHz PCM16. */
export interface AudioSource {
  /** Fills `out` completely (silence where there is nothing to play). */
  read(out: Int16Array): void;
}

interface WavFmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
}

const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_IMA_ADPCM = 17;

/** Decodes WAV bytes to 8 kHz mono PCM16. */
export function decodeWav(bytes: Uint8Array): Int16Array {
  const wav = new wavefile.WaveFile(bytes);
  const format = (wav.fmt as WavFmt).audioFormat;
  if (format === FORMAT_MULAW) wav.fromMuLaw();
  else if (format === FORMAT_ALAW) wav.fromALaw();
  else if (format === FORMAT_IMA_ADPCM) wav.fromIMAADPCM();
  if (wav.bitDepth !== '16') wav.toBitDepth('16');
  // Conversions rebuild the fmt chunk: read it afterwards.
  const fmt = wav.fmt as WavFmt;
  const interleaved = wav.getSamples(true, Int16Array) as unknown as Int16Array;
  return resample(downmix(interleaved, fmt.numChannels), fmt.sampleRate, SAMPLE_RATE);
}

function downmix(interleaved: Int16Array, channels: number): Int16Array {
  if (channels <= 1) return interleaved;
  const out = new Int16Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c]!;
    out[i] = Math.round(sum / channels);
  }
  return out;
}

/** Linear interpolation when upsampling; a box average over each output period when downsampling. */
export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate || input.length === 0) return input;
  const ratio = fromRate / toRate;
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const pos = i * ratio;
    if (ratio > 1) {
      const start = Math.floor(pos);
      const end = Math.min(input.length, Math.max(start + 1, Math.floor(pos + ratio)));
      let sum = 0;
      for (let j = start; j < end; j++) sum += input[j]!;
      out[i] = Math.round(sum / (end - start));
    } else {
      const j = Math.floor(pos);
      const frac = pos - j;
      const a = input[j]!;
      const b = input[Math.min(j + 1, input.length - 1)]!;
      out[i] = Math.round(a + (b - a) * frac);
    }
  }
  return out;
}

export class WavSource implements AudioSource {
  /** 8 kHz mono PCM16; may be shared between sources (never written). */
  readonly pcm: Int16Array;
  readonly loop: boolean;
  private cursor = 0;

  constructor(pcm: Int16Array, loop = false) {
    this.pcm = pcm;
    this.loop = loop;
  }

  static async fromFile(path: string, loop = false): Promise<WavSource> {
    return new WavSource(decodeWav(await readFile(path)), loop);
  }

  /** True once a non-looping source has played to its end. */
  get done(): boolean {
    return !this.loop && this.cursor >= this.pcm.length;
  }

  rewind(): void {
    this.cursor = 0;
  }

  read(out: Int16Array): void {
    let written = 0;
    while (written < out.length) {
      if (this.cursor >= this.pcm.length) {
        if (!this.loop || this.pcm.length === 0) break;
        this.cursor = 0;
      }
      const n = Math.min(out.length - written, this.pcm.length - this.cursor);
      out.set(this.pcm.subarray(this.cursor, this.cursor + n), written);
      written += n;
      this.cursor += n;
    }
    out.fill(0, written);
  }
}
