import type { PendingSegment } from '../domain/transcript.ts';

/** Which side of a call a console captured: the far end (caller) or its own microphone (agent). */
export const CAPTURE_LEGS = ['remote', 'local'] as const;
export type CaptureLeg = (typeof CAPTURE_LEGS)[number];

/** One speech segment the console's VAD cut from a leg of a line, as 16 kHz mono PCM16 WAV. */
export interface SegmentSubmission {
  line_id: string;
  /** The line's call: segments cut as a call ends still find it after the line is gone. */
  call_sid: string;
  leg: CaptureLeg;
  /** Unique per segment (the console makes it); a resubmission with the same key is stored once. */
  segment_key: string;
  /** Wall-clock capture times (ms since the epoch) of the speech start and end. */
  started_at_ms: number;
  ended_at_ms: number;
  wav_base64: string;
}

/** Console methods of the live transcript (see CoreRequests). */
export interface TranscriptionRequests {
  /** Spools the segment (durable before this returns) and queues it for transcription. */
  submitSegment(req: SegmentSubmission): { ok: true; call_id: number; segment_key: string };
  /** Segments of a call the core holds but has not transcribed yet, oldest first. */
  pendingSegments(req: { call_id: number }): PendingSegment[];
}

export const TRANSCRIPTION_METHODS = ['submitSegment', 'pendingSegments'] as const satisfies readonly (keyof TranscriptionRequests)[];
