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
  created_at: string;
}
