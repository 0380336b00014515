// One VAD segment as the core takes it (shared/contracts/transcription-client.ts): 16 kHz mono
// PCM16 WAV in base64, a key of its own, and wall-clock times worked back from its end.
import { arrayBufferToBase64, encodeWAV } from '@ricky0123/vad-web/dist/utils.js';
import type { CaptureLeg, SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import { VAD_SAMPLE_RATE } from './vad-options.ts';

/** WAV format tag 1: integer PCM (the library's default, 3, is float). */
const PCM = 1;

/** Float samples in [-1, 1] at 16 kHz → a 16-bit mono WAV file, base64. */
export function wavBase64(samples: Float32Array): string {
  return arrayBufferToBase64(encodeWAV(samples, PCM, VAD_SAMPLE_RATE, 1, 16));
}

/** The start and end of `sampleCount` samples that ended at `endedAtMs` (whole milliseconds). */
export function segmentTiming(endedAtMs: number, sampleCount: number): { started_at_ms: number; ended_at_ms: number } {
  const ended_at_ms = Math.round(endedAtMs);
  return { started_at_ms: ended_at_ms - Math.round((sampleCount * 1000) / VAD_SAMPLE_RATE), ended_at_ms };
}

/** 128 random bits in hex: unique per segment, and available outside secure contexts too. */
export function newSegmentKey(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface CapturedSegment {
  lineId: string;
  callSid: string;
  leg: CaptureLeg;
  samples: Float32Array;
  /** When the detector handed the segment over (ms since the epoch): the end of its audio. */
  endedAtMs: number;
}

export function segmentSubmission(segment: CapturedSegment, key: string = newSegmentKey()): SegmentSubmission {
  return {
    line_id: segment.lineId,
    call_sid: segment.callSid,
    leg: segment.leg,
    segment_key: key,
    ...segmentTiming(segment.endedAtMs, segment.samples.length),
    wav_base64: wavBase64(segment.samples),
  };
}
