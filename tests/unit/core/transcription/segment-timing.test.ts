import { describe, expect, it } from 'vitest';
import { callClockStart, segmentTiming, speakerOfLeg } from '../../../../electron/core/transcription/segment-timing.ts';

describe('segment speaker and timing', () => {
  it('names the agent for the console’s microphone and the caller for the far end', () => {
    expect(speakerOfLeg('local')).toBe('agent');
    expect(speakerOfLeg('remote')).toBe('caller');
  });

  it('counts from the answer, or from the start of a call not answered', () => {
    expect(callClockStart({ started_at: '2030-01-01T10:00:00.000Z', answered_at: '2030-01-01T10:00:05.000Z' })).toBe(Date.parse('2030-01-01T10:00:05.000Z'));
    expect(callClockStart({ started_at: '2030-01-01T10:00:00.000Z', answered_at: null })).toBe(Date.parse('2030-01-01T10:00:00.000Z'));
  });

  it('gives milliseconds from the clock start, never negative, the end never before the start', () => {
    const t0 = Date.parse('2030-01-01T10:00:05.000Z');
    expect(segmentTiming(t0, t0 + 1_250.4, t0 + 3_000)).toEqual({ start_ms: 1_250, end_ms: 3_000 });
    // Early media before the answer, or a console clock a little behind the hub's.
    expect(segmentTiming(t0, t0 - 800, t0 + 400)).toEqual({ start_ms: 0, end_ms: 400 });
    expect(segmentTiming(t0, t0 - 900, t0 - 100)).toEqual({ start_ms: 0, end_ms: 0 });
  });
});
