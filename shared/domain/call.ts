export const CALL_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in-progress',
  'on-hold',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Statuses after which a call can no longer change. */
export const FINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

export const CALL_HANDLERS = ['human', 'ai_agent', 'queue', 'none'] as const;
export type CallHandler = (typeof CALL_HANDLERS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const ANALYSIS_STATES = ['pending', 'done', 'failed', 'skipped'] as const;
export type AnalysisState = (typeof ANALYSIS_STATES)[number];

export interface Call {
  id: number;
  sid: string;
  tenant_id: string;
  direction: CallDirection;
  from_number: string;
  to_number: string;
  status: CallStatus;
  handled_by: CallHandler;
  agent_id: number | null;
  assistant_id: number | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  end_reason: string | null;
  sip_code: number | null;
  sentiment: Sentiment | null;
  summary: string | null;
  /** Suggested wrap-up code from the post-call analysis, e.g. `billing-question`. */
  disposition: string | null;
  /** Post-call analysis (summary, sentiment, disposition): waiting, written, failed or not wanted. */
  analysis_state: AnalysisState | null;
  /** OpenAI Realtime's call id (`rtc_…`) for calls an AI voice agent handles over SIP. */
  realtime_call_id: string | null;
  transfer_count: number;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface CallEvent {
  id: number;
  call_id: number;
  tenant_id: string;
  type: string;
  /** Who caused it: an agent id, `key:<id>`, `system`, or an assistant id. */
  actor: string;
  data: Record<string, unknown>;
  at: string;
}

export interface DtmfEvent {
  id: number;
  call_id: number;
  digit: string;
  source: 'rfc4733' | 'sip-info' | 'inband' | 'api';
  at: string;
}
