import type { PendingSegment, Speaker } from '../../../../shared/domain/transcript.ts';
import type { NewSegment } from '../../store/repos/transcripts.repo.ts';
import type { ServerEvent } from './sideband-socket.ts';

export interface LiveTranscriptSink {
  /** A final segment (idempotent on `segment_key`, the realtime item id). */
  segment(s: NewSegment): void;
  /** Text so far of a segment still being spoken or transcribed. */
  pending(p: Omit<PendingSegment, 'call_id'>): void;
}

interface Turn {
  speaker: Speaker;
  start_ms: number;
  end_ms: number | null;
  text: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Turns the sideband's events into transcript segments: the caller's speech from its input
 * transcription (from the VAD's speech start to its speech stop), the AI's from its audio
 * transcript (from its first text to the last). Both speakers are timed on one clock — `now()`,
 * milliseconds since the call was answered, monotonic — when the events arrive, so the two
 * interleave in the order they happened (the VAD's own audio offsets count from the start of
 * the session's audio, a different origin).
 */
export class LiveTranscript {
  private readonly sink: LiveTranscriptSink;
  private readonly now: () => number;
  private readonly callerModel: string | null;
  private readonly aiModel: string | null;
  private readonly turns = new Map<string, Turn>();

  constructor(sink: LiveTranscriptSink, now: () => number, models: { caller: string | null; ai: string | null }) {
    this.sink = sink;
    this.now = now;
    this.callerModel = models.caller;
    this.aiModel = models.ai;
  }

  onEvent(e: ServerEvent): void {
    const item = str(e.item_id);
    if (item === null) return;
    switch (e.type) {
      case 'input_audio_buffer.speech_started':
        this.turn(item, 'caller');
        return;
      case 'input_audio_buffer.speech_stopped':
        this.turn(item, 'caller').end_ms = this.now();
        return;
      case 'conversation.item.input_audio_transcription.delta':
        return this.delta(this.turn(item, 'caller'), item, str(e.delta));
      case 'conversation.item.input_audio_transcription.completed':
        return this.done(item, 'caller', str(e.transcript), this.callerModel);
      case 'conversation.item.input_audio_transcription.failed':
        this.turns.delete(item);
        return;
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
        return this.delta(this.turn(item, 'ai'), item, str(e.delta));
      case 'response.output_audio_transcript.done':
        return this.done(item, 'ai', str(e.transcript), this.aiModel);
      case 'response.output_text.done':
        return this.done(item, 'ai', str(e.text), this.aiModel);
    }
  }

  private turn(item: string, speaker: Speaker): Turn {
    let t = this.turns.get(item);
    if (!t) {
      t = { speaker, start_ms: this.now(), end_ms: null, text: '' };
      this.turns.set(item, t);
    }
    return t;
  }

  private delta(t: Turn, item: string, delta: string | null): void {
    if (!delta) return;
    t.text += delta;
    const end = Math.max(t.start_ms, t.end_ms ?? this.now());
    this.sink.pending({ segment_key: item, speaker: t.speaker, start_ms: t.start_ms, end_ms: end, state: 'transcribing', partial_text: t.text, attempts: 0, next_attempt_at: null, error: null });
  }

  private done(item: string, speaker: Speaker, text: string | null, model: string | null): void {
    const t = this.turn(item, speaker);
    this.turns.delete(item);
    const final = (text ?? t.text).trim();
    if (!final) return;
    const end_ms = Math.max(t.start_ms, t.end_ms ?? this.now());
    this.sink.segment({ speaker, text: final, start_ms: t.start_ms, end_ms, is_final: true, source: 'realtime', model, segment_key: item });
  }
}
