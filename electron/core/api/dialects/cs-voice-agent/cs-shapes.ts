import { Type } from 'typebox';
import type { Call, CallStatus } from '../../../../../shared/domain/call.ts';
import type { Speaker, TranscriptSegment } from '../../../../../shared/domain/transcript.ts';
import { uriUser } from '../../../ai/realtime/sip-party.ts';
import { Metadata, Nullable } from '../../schemas/common.schemas.ts';
import { roomName } from '../../seat-dialer.ts';

/** Seed 002 names the parties of a transcript after their role in a customer service call. */
const SPEAKER_NAMES: Record<Speaker, string> = { caller: 'customer', ai: 'ai_agent', agent: 'agent', supervisor: 'supervisor', system: 'system' };
export const csSpeaker = (s: Speaker): string => SPEAKER_NAMES[s];

/** Seed 002's outbound call states: initiating, ringing, answered, then ours once it has ended. */
const OUTBOUND_STATES: Partial<Record<CallStatus, string>> = { queued: 'initiating', ringing: 'ringing', 'in-progress': 'answered', 'on-hold': 'answered' };

/** Seed 002 speaks of phone numbers: a party our seat reached by SIP URI (`sip:5550100@pbx`) reads as the URI's user. */
export const csNumber = (party: string): string => (/^(sips?|tel):/i.test(party) ? (uriUser(party) ?? party) : party);

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const customerId = (call: Call): number | string | null => {
  const v = call.metadata.customer_id;
  return typeof v === 'number' || typeof v === 'string' ? v : null;
};

/** Seconds so far for a live call, the recorded duration for an ended one. */
function durationOf(call: Call, now: number): number {
  if (call.ended_at !== null) return call.duration_seconds ?? 0;
  const from = Date.parse(call.answered_at ?? call.started_at);
  return Math.max(0, Math.round((now - from) / 1000));
}

/** The seed's room name of a call: the one it was given, else one from its direction and sid or number. */
export function roomOf(call: Call): string {
  return str(call.metadata.room_name) ?? (call.direction === 'outbound' ? roomName('outbound', csNumber(call.to_number), call.started_at) : `call-${call.sid}`);
}

export const InboundSession = Type.Object({
  session_id: Type.Integer({ description: 'the call id' }),
  customer_id: Nullable(Type.Union([Type.Integer(), Type.String()])),
  room_name: Type.String(),
  start_time: Type.String(),
  end_time: Nullable(Type.String()),
  duration_seconds: Type.Number(),
  handled_by: Type.String(),
  sentiment: Nullable(Type.String()),
  transfer_count: Type.Integer(),
  call_sid: Type.String(),
});

export function inboundSession(call: Call, now = Date.now()) {
  return {
    session_id: call.id,
    customer_id: customerId(call),
    room_name: roomOf(call),
    start_time: call.started_at,
    end_time: call.ended_at,
    duration_seconds: durationOf(call, now),
    handled_by: call.handled_by,
    sentiment: call.sentiment,
    transfer_count: call.transfer_count,
    call_sid: call.sid,
  };
}

export const OutboundCall = Type.Object({
  id: Type.Integer(),
  sip_call_id: Type.String(),
  participant_id: Nullable(Type.String()),
  room_name: Type.String(),
  to_number: Type.String(),
  from_number: Type.String(),
  trunk_id: Nullable(Type.String()),
  status: Type.String(),
  metadata: Metadata,
  created_at: Type.String(),
});

export function outboundCall(call: Call, lineId: string | null) {
  return {
    id: call.id,
    sip_call_id: call.sid,
    participant_id: lineId,
    room_name: roomOf(call),
    to_number: csNumber(call.to_number),
    from_number: csNumber(call.from_number),
    trunk_id: str(call.metadata.trunk_id),
    status: OUTBOUND_STATES[call.status] ?? call.status,
    metadata: call.metadata,
    created_at: call.created_at,
  };
}

export const TranscriptEntry = Type.Object({
  id: Type.Integer(),
  session_id: Type.Integer(),
  speaker: Type.String(),
  text: Type.String(),
  timestamp: Type.String(),
  confidence: Nullable(Type.Number()),
});

/** A segment's wall-clock time: the call's start plus the segment's offset. */
export const segmentTime = (call: Call, s: TranscriptSegment): string => new Date(Date.parse(call.started_at) + s.start_ms).toISOString();

export function transcriptEntry(call: Call, s: TranscriptSegment) {
  return { id: s.id, session_id: call.id, speaker: csSpeaker(s.speaker), text: s.text, timestamp: segmentTime(call, s), confidence: s.confidence };
}
