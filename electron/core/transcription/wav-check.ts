import { badRequest } from '../errors.ts';

export const SEGMENT_SAMPLE_RATE = 16_000;
export const MIN_SEGMENT_MS = 100;
export const MAX_SEGMENT_MS = 60_000;
/** The largest WAV a segment may be: 60 s of 16 kHz PCM16 plus room for a header and extra chunks. */
export const MAX_SEGMENT_WAV_BYTES = 44 + (MAX_SEGMENT_MS / 1000) * SEGMENT_SAMPLE_RATE * 2 + 64 * 1024;

export interface SegmentWav {
  durationMs: number;
}

/**
 * Checks that `wav` is what the console's VAD sends: RIFF/WAVE, PCM 16-bit, 16 kHz, mono, between
 * 0.1 s (the shortest audio OpenAI transcribes) and 60 s. Throws a 400 naming what is wrong, so
 * a bad upload is refused at once instead of failing at the endpoint later.
 */
export function checkSegmentWav(wav: Buffer): SegmentWav {
  const bad = (what: string) => badRequest(`wav_base64: ${what}`);
  if (wav.length < 44) throw bad(`${wav.length} bytes is too short for a WAV file`);
  if (wav.length > MAX_SEGMENT_WAV_BYTES) throw bad(`${wav.length} bytes is more than a ${MAX_SEGMENT_MS / 1000} s segment can be`);
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') throw bad('not a RIFF/WAVE file');
  let format: { audioFormat: number; channels: number; sampleRate: number; bits: number } | null = null;
  let dataBytes: number | null = null;
  let offset = 12;
  while (offset + 8 <= wav.length && dataBytes === null) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > wav.length) throw bad('the fmt chunk is truncated');
      format = { audioFormat: wav.readUInt16LE(body), channels: wav.readUInt16LE(body + 2), sampleRate: wav.readUInt32LE(body + 4), bits: wav.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (body + size > wav.length) throw bad(`the data chunk says ${size} bytes but only ${wav.length - body} follow`);
      dataBytes = size;
    }
    offset = body + size + (size % 2);
  }
  if (!format) throw bad('no fmt chunk');
  if (dataBytes === null) throw bad('no data chunk');
  if (format.audioFormat !== 1) throw bad(`audio format ${format.audioFormat} is not PCM (1)`);
  if (format.bits !== 16) throw bad(`${format.bits}-bit samples; expected 16-bit PCM`);
  if (format.sampleRate !== SEGMENT_SAMPLE_RATE) throw bad(`${format.sampleRate} Hz; expected ${SEGMENT_SAMPLE_RATE} Hz`);
  if (format.channels !== 1) throw bad(`${format.channels} channels; expected mono`);
  const durationMs = (dataBytes / 2 / SEGMENT_SAMPLE_RATE) * 1000;
  if (durationMs < MIN_SEGMENT_MS) throw bad(`${Math.round(durationMs)} ms of audio; a segment needs at least ${MIN_SEGMENT_MS} ms`);
  if (durationMs > MAX_SEGMENT_MS) throw bad(`${(durationMs / 1000).toFixed(1)} s of audio; a segment may be at most ${MAX_SEGMENT_MS / 1000} s`);
  return { durationMs };
}
