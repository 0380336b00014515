import { Type } from 'typebox';
import type { Call, CallStatus } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../../../shared/domain/transcript.ts';

/** Seed 000's CallSession.status. */
export const DENCO_STATUSES = ['ringing', 'answered', 'in_progress', 'completed', 'failed'] as const;
export type DencoStatus = (typeof DENCO_STATUSES)[number];

/** Our call statuses in seed 000's words: waiting → ringing, talking → in_progress, any unhappy end → failed. */
export function dencoStatus(s: CallStatus): DencoStatus {
  if (s === 'queued' || s === 'ringing') return 'ringing';
  if (s === 'in-progress' || s === 'on-hold') return 'in_progress';
  if (s === 'completed') return 'completed';
  return 'failed';
}

export const CallSessionSchema = Type.Object({
  id: Type.String({ description: 'the call id (our call sid)' }),
  tenant_id: Type.String(),
  from_number: Type.String(),
  to_number: Type.String(),
  start_time: Type.String(),
  end_time: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(DENCO_STATUSES),
});

export const ActiveCallSchema = Type.Object({
  ...CallSessionSchema.properties,
  is_connected: Type.Boolean({ description: 'answered and not on hold' }),
  has_ai_session: Type.Boolean({ description: 'an AI voice agent is on the call (OpenAI Realtime)' }),
});

export const MessageSchema = Type.Object({
  id: Type.String(),
  call_id: Type.String(),
  content: Type.String(),
  type: Type.String({ description: "user (the caller) or ai; a person on the call: agent or supervisor" }),
  created_at: Type.String(),
});

export function callSession(c: Call) {
  return {
    id: c.sid,
    tenant_id: c.tenant_id,
    from_number: c.from_number,
    to_number: c.to_number,
    start_time: c.started_at,
    end_time: c.ended_at,
    status: dencoStatus(c.status),
  };
}

export function activeCall(c: Call) {
  return {
    ...callSession(c),
    is_connected: c.status === 'in-progress',
    has_ai_session: c.realtime_call_id !== null && !FINAL_CALL_STATUSES.includes(c.status),
  };
}

/** A transcript segment as a seed 000 message: the caller is `user`, the AI `ai`; timed from the call's start. */
export function message(c: Call, s: TranscriptSegment) {
  return {
    id: `msg-${s.id}`,
    call_id: c.sid,
    content: s.text,
    type: s.speaker === 'caller' ? 'user' : s.speaker,
    created_at: new Date(Date.parse(c.started_at) + s.start_ms).toISOString(),
  };
}
