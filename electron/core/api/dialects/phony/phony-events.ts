import type { EventEnvelope } from '../../../../../shared/contracts/domain-events.ts';
import type { Call, CallEvent } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../../../shared/domain/transcript.ts';
import { isCall } from './call-link.ts';

/**
 * A message on seed 003's `/events/ws`: its documented event types (`call.started`,
 * `speech.detected`, `ai.response`, `call.ended`, `error.occurred`) with their data fields, plus
 * `supervisor.override` when a supervisor acted on the call.
 */
export interface PhonyEvent {
  type: 'call.started' | 'speech.detected' | 'ai.response' | 'call.ended' | 'error.occurred' | 'supervisor.override';
  callSid: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Supervisor controls of AI calls, by the timeline event they leave. */
const OVERRIDES: Record<string, string> = { 'ai.say': 'text', 'ai.whisper': 'whisper', 'ai.transfer': 'transfer', 'ai.hangup': 'end', 'ai.stop': 'stop' };
const isError = (type: string): boolean => type.endsWith('.failed') || type.endsWith('.lost') || type === 'ai.rejected';

/**
 * Turns the domain events of one call (named by the `callSid` a client subscribed with: the
 * call's sid, or the Twilio call it was bridged from) into Phony events. Each call starts and
 * ends once on the stream, however often its record changes.
 */
export class PhonyEventStream {
  readonly callSid: string;
  private callId: number | null = null;
  private started = false;
  ended = false;

  constructor(callSid: string) {
    this.callSid = callSid;
  }

  /** What a client joining now should learn of a call that already exists. */
  snapshot(call: Call): PhonyEvent[] {
    return this.onCall(call);
  }

  map(env: EventEnvelope): PhonyEvent[] {
    const e = env.event;
    if (e.type === 'call.created' || e.type === 'call.updated') return isCall(e.call, this.callSid) ? this.onCall(e.call) : [];
    if (this.callId === null) return [];
    if (e.type === 'transcript.segment' && e.segment.call_id === this.callId) return [this.speech(e.segment, env.at)];
    if (e.type === 'call.event' && e.event.call_id === this.callId) return this.onCallEvent(e.event);
    return [];
  }

  private event(type: PhonyEvent['type'], timestamp: string, data: Record<string, unknown>): PhonyEvent {
    return { type, callSid: this.callSid, timestamp, data };
  }

  private onCall(call: Call): PhonyEvent[] {
    this.callId = call.id;
    const out: PhonyEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push(this.event('call.started', call.started_at, { callSid: this.callSid, from: call.from_number, to: call.to_number, timestamp: call.started_at }));
    }
    if (!this.ended && FINAL_CALL_STATUSES.includes(call.status)) {
      this.ended = true;
      const at = call.ended_at ?? call.updated_at;
      const duration = call.duration_seconds ?? Math.max(0, (Date.parse(at) - Date.parse(call.started_at)) / 1000);
      out.push(this.event('call.ended', at, { callSid: this.callSid, duration, reason: call.end_reason ?? call.status }));
    }
    return out;
  }

  private speech(s: TranscriptSegment, at: string): PhonyEvent {
    if (s.speaker === 'ai') return this.event('ai.response', at, { text: s.text, audio_url: null, model: s.model });
    return this.event('speech.detected', at, { text: s.text, speaker: s.speaker, confidence: s.confidence });
  }

  private onCallEvent(e: CallEvent): PhonyEvent[] {
    const action = OVERRIDES[e.type];
    if (action) {
      const value = e.data.text ?? e.data.target ?? null;
      return [this.event('supervisor.override', e.at, { action, value, actor: e.actor })];
    }
    if (isError(e.type)) {
      const message = e.data.error ?? e.data.reason ?? e.type;
      return [this.event('error.occurred', e.at, { error_type: e.type, message: String(message), code: e.data.status_code ?? e.data.code ?? null })];
    }
    return [];
  }
}
