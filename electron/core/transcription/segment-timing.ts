import type { CaptureLeg } from '../../../shared/contracts/transcription-client.ts';
import type { Call } from '../../../shared/domain/call.ts';
import type { Speaker } from '../../../shared/domain/transcript.ts';

/** A console captures its own microphone (the agent) and the far end (the caller). */
export function speakerOfLeg(leg: CaptureLeg): Speaker {
  return leg === 'local' ? 'agent' : 'caller';
}

/** Where a call's transcript clock starts: when it was answered, else when it started. */
export function callClockStart(call: Pick<Call, 'answered_at' | 'started_at'>): number {
  return Date.parse(call.answered_at ?? call.started_at);
}

/**
 * Wall-clock capture times → milliseconds from the call's clock start. Speech before the answer
 * (early media) and a console clock slightly ahead clamp to 0; the end is never before the start.
 */
export function segmentTiming(clockStartMs: number, startedAtMs: number, endedAtMs: number): { start_ms: number; end_ms: number } {
  const start_ms = Math.max(0, Math.round(startedAtMs - clockStartMs));
  const end_ms = Math.max(start_ms, Math.round(endedAtMs - clockStartMs));
  return { start_ms, end_ms };
}
