import type { EventEnvelope } from '../../../../../shared/contracts/domain-events.ts';
import type { Call, CallStatus } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import { csNumber, csSpeaker, roomOf, segmentTime } from './cs-shapes.ts';

/** A message of `WS /ws/calls`. */
export interface CsCallMessage {
  event: 'call_started' | 'call_answered' | 'call_updated' | 'call_transferred' | 'call_ended';
  /** The call sid, as the seed's SIP call id. */
  call_id: string;
  session_id: number;
  room_name: string;
  direction: string;
  status: CallStatus;
  from_number: string;
  to_number: string;
  timestamp: string;
}

/** A message of `WS /ws/transcripts/{session_id}`. */
export interface CsTranscriptMessage {
  event: 'transcript_update';
  session_id: number;
  speaker: string;
  text: string;
  timestamp: string;
  confidence: number | null;
}

const isFinal = (s: CallStatus) => FINAL_CALL_STATUSES.includes(s);

/**
 * Turns one tenant's domain events into seed 002's call messages: started when a call is
 * created, answered when it first talks, transferred when its transfer count grows, ended once,
 * and updated for other status changes. Remembers only calls that have not ended.
 */
export class CsCallEvents {
  private readonly seen = new Map<number, { status: CallStatus; transfers: number }>();

  map(env: EventEnvelope): CsCallMessage[] {
    const e = env.event;
    if (e.type !== 'call.created' && e.type !== 'call.updated') return [];
    const call = e.call;
    const before = this.seen.get(call.id);
    const message = (event: CsCallMessage['event']): CsCallMessage => ({
      event,
      call_id: call.sid,
      session_id: call.id,
      room_name: roomOf(call),
      direction: call.direction,
      status: call.status,
      from_number: csNumber(call.from_number),
      to_number: csNumber(call.to_number),
      timestamp: env.at,
    });
    if (isFinal(call.status)) {
      if (before === undefined && e.type === 'call.updated') return [];
      this.seen.delete(call.id);
      return e.type === 'call.created' ? [message('call_started'), message('call_ended')] : [message('call_ended')];
    }
    this.seen.set(call.id, { status: call.status, transfers: call.transfer_count });
    if (e.type === 'call.created' || before === undefined) return [message('call_started')];
    const out: CsCallMessage[] = [];
    if (call.transfer_count > before.transfers) out.push(message('call_transferred'));
    if (call.status !== before.status) out.push(message(call.status === 'in-progress' && call.answered_at !== null && before.status !== 'on-hold' ? 'call_answered' : 'call_updated'));
    return out;
  }
}

/** One session's transcript as seed 002 messages; `ended` once its call has ended. */
export class CsTranscriptEvents {
  private call: Call;
  ended = false;

  constructor(call: Call) {
    this.call = call;
    this.ended = isFinal(call.status);
  }

  map(env: EventEnvelope): CsTranscriptMessage[] {
    const e = env.event;
    if ((e.type === 'call.updated' || e.type === 'call.created') && e.call.id === this.call.id) {
      this.call = e.call;
      this.ended = isFinal(e.call.status);
      return [];
    }
    if (e.type !== 'transcript.segment' || e.segment.call_id !== this.call.id || !e.segment.is_final) return [];
    const s = e.segment;
    return [{ event: 'transcript_update', session_id: this.call.id, speaker: csSpeaker(s.speaker), text: s.text, timestamp: segmentTime(this.call, s), confidence: s.confidence }];
  }
}
