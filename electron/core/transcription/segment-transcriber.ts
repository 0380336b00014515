import type { TranscriptionCreateParamsBase } from 'openai/resources/audio/transcriptions';
import { STREAMING_TRANSCRIPTION_MODELS } from '../../../shared/contracts/ai-settings.ts';
import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import { AiFailure, aiFailureOf } from './ai-failure.ts';

export interface TranscribedText {
  text: string;
  /** exp(mean token log-probability) when the endpoint returns log-probabilities, else null. */
  confidence: number | null;
  model: string;
}

/** Transcribes one spooled WAV; `onPartial` gets the text so far while a streaming model answers. Throws AiFailure. */
export type Transcribe = (tenantId: string, wav: Buffer, signal: AbortSignal, onPartial: (text: string) => void) => Promise<TranscribedText>;

/** A segment may be up to 60 s of speech; give the endpoint time for that, not forever. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The `openai` SDK against the tenant's endpoint with its model, language and prompt. Streaming
 * models (gpt-4o*-transcribe) stream, so a console sees words while the rest is transcribed;
 * the same models are asked for log-probabilities, which other servers may not know.
 */
export function sdkTranscriber(ai: AiSettingsService): Transcribe {
  return async (tenantId, wav, signal, onPartial) => {
    if (!ai.configured(tenantId)) throw new AiFailure('permanent', 'no AI endpoint is set up for this office (Settings → AI)');
    const config = ai.config(tenantId);
    const model = config.transcription_model;
    const gpt4o = STREAMING_TRANSCRIPTION_MODELS.includes(model);
    try {
      const [client, { toFile }] = await Promise.all([ai.client(tenantId, REQUEST_TIMEOUT_MS), import('openai')]);
      const params: TranscriptionCreateParamsBase<'json'> = {
        file: await toFile(wav, 'segment.wav', { type: 'audio/wav' }),
        model,
        response_format: 'json',
        ...(config.transcription_language ? { language: config.transcription_language.split('-')[0] } : {}),
        ...(config.transcription_prompt ? { prompt: config.transcription_prompt } : {}),
        ...(gpt4o ? { include: ['logprobs'] } : {}),
      };
      if (!gpt4o) {
        const answer = await client.audio.transcriptions.create({ ...params, stream: false }, { signal });
        return { text: answer.text.trim(), confidence: confidenceOf(answer.logprobs), model };
      }
      const stream = await client.audio.transcriptions.create({ ...params, stream: true }, { signal });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'transcript.text.delta') {
          text += event.delta;
          onPartial(text.trim());
        } else if (event.type === 'transcript.text.done') {
          return { text: event.text.trim(), confidence: confidenceOf(event.logprobs), model };
        }
      }
      throw new AiFailure('transient', 'the transcription stream ended before transcript.text.done');
    } catch (err) {
      throw aiFailureOf(err, signal);
    }
  };
}

/** Mean per-token probability, as a 0..1 confidence. */
export function confidenceOf(logprobs: { logprob?: number }[] | undefined): number | null {
  const values = (logprobs ?? []).map((l) => l.logprob).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.round(Math.min(1, Math.max(0, Math.exp(mean))) * 1000) / 1000;
}
