export const SPEAKERS = ['caller', 'agent', 'ai', 'supervisor', 'system'] as const;
export type Speaker = (typeof SPEAKERS)[number];

export const TRANSCRIPT_SOURCES = ['vad-stt', 'realtime', 'api', 'import'] as const;
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];

export interface TranscriptSegment {
  id: number;
  call_id: number;
  speaker: Speaker;
  text: string;
  confidence: number | null;
  /** Milliseconds from the start of the call. */
  start_ms: number;
  end_ms: number;
  is_final: boolean;
  source: TranscriptSource;
  model: string | null;
  /** The key the capturing console gave the segment (idempotent retries); null for other sources. */
  segment_key: string | null;
  created_at: string;
}

/**
 * Where a segment the core holds stands before its text is stored: waiting its turn, being
 * transcribed (with partial text when the endpoint streams), waiting to retry after the
 * endpoint failed, or given up on (the audio is kept; an admin can retry).
 */
export const PENDING_STATES = ['queued', 'transcribing', 'retrying', 'failed'] as const;
export type PendingState = (typeof PENDING_STATES)[number];

export interface PendingSegment {
  call_id: number;
  segment_key: string;
  speaker: Speaker;
  start_ms: number;
  end_ms: number;
  state: PendingState;
  /** Text streamed so far (empty until the endpoint sends some). */
  partial_text: string;
  attempts: number;
  next_attempt_at: string | null;
  error: string | null;
}
