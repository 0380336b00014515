import { describe, expect, it } from 'vitest';
import type { PendingSegment } from '../../../../../shared/domain/transcript.ts';
import { LiveTranscript } from '../../../../../electron/core/ai/realtime/live-transcript.ts';
import type { NewSegment } from '../../../../../electron/core/store/repos/transcripts.repo.ts';

function setup() {
  let now = 0;
  const segments: NewSegment[] = [];
  const pending: Omit<PendingSegment, 'call_id'>[] = [];
  const t = new LiveTranscript({ segment: (s) => segments.push(s), pending: (p) => pending.push(p) }, () => now, { caller: 'whisper-1', ai: 'gpt-realtime' });
  return { t, segments, pending, at: (ms: number) => (now = ms) };
}

describe('the live transcript of an AI call', () => {
  it('times the caller from speech start to stop and the AI from its first to last text, on one clock', () => {
    const { t, segments, pending, at } = setup();
    at(100);
    t.onEvent({ type: 'response.output_audio_transcript.delta', item_id: 'item_ai', delta: 'もしもし、' });
    at(900);
    t.onEvent({ type: 'response.output_audio_transcript.done', item_id: 'item_ai', transcript: 'もしもし、ご用件は？' });
    at(1500);
    t.onEvent({ type: 'input_audio_buffer.speech_started', item_id: 'item_c', audio_start_ms: 20 });
    at(2600);
    t.onEvent({ type: 'input_audio_buffer.speech_stopped', item_id: 'item_c', audio_end_ms: 1200 });
    at(2700);
    t.onEvent({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_c', delta: '予約' });
    at(3000);
    t.onEvent({ type: 'conversation.item.input_audio_transcription.completed', item_id: 'item_c', transcript: '予約をしたい' });
    expect(segments).toEqual([
      { speaker: 'ai', text: 'もしもし、ご用件は？', start_ms: 100, end_ms: 900, is_final: true, source: 'realtime', model: 'gpt-realtime', segment_key: 'item_ai' },
      { speaker: 'caller', text: '予約をしたい', start_ms: 1500, end_ms: 2600, is_final: true, source: 'realtime', model: 'whisper-1', segment_key: 'item_c' },
    ]);
    expect(pending.map((p) => [p.segment_key, p.speaker, p.partial_text, p.state])).toEqual([
      ['item_ai', 'ai', 'もしもし、', 'transcribing'],
      ['item_c', 'caller', '予約', 'transcribing'],
    ]);
  });

  it('skips empty transcripts and failed transcriptions, and ignores events without an item', () => {
    const { t, segments } = setup();
    t.onEvent({ type: 'conversation.item.input_audio_transcription.completed', item_id: 'a', transcript: '   ' });
    t.onEvent({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'b', delta: 'x' });
    t.onEvent({ type: 'conversation.item.input_audio_transcription.failed', item_id: 'b', error: {} });
    t.onEvent({ type: 'response.output_text.done', text: 'no item' });
    expect(segments).toEqual([]);
  });
});
