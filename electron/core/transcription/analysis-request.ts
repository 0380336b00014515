import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { SENTIMENTS, type Sentiment } from '../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import { AiFailure, aiFailureOf } from './ai-failure.ts';

export interface CallAnalysisResult {
  summary: string;
  sentiment: Sentiment;
  disposition: string;
  model: string;
}

const REQUEST_TIMEOUT_MS = 90_000;
/** Long calls are cut to the most recent part of this size (the outcome is at the end). */
const MAX_TRANSCRIPT_CHARS = 60_000;

const SYSTEM_PROMPT = [
  'You review one phone call of a call centre from its transcript.',
  'Speakers: "Caller" is the customer; "Agent" is the call-centre agent; "AI" is an AI voice agent; "Supervisor" joined to help.',
  'Reply with JSON only:',
  '- summary: two to four sentences in the language of the conversation: why the caller called, what was done, what happens next;',
  "- sentiment: the caller's overall mood by the end of the call: positive, neutral or negative;",
  '- disposition: a short lower-case kebab-case wrap-up code for the outcome, e.g. billing-question, order-status, complaint-resolved, callback-requested, wrong-number.',
].join('\n');

const RESPONSE_FORMAT: ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: {
    name: 'call_analysis',
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['summary', 'sentiment', 'disposition'],
      properties: {
        summary: { type: 'string', description: 'Two to four sentences in the language of the conversation.' },
        sentiment: { type: 'string', enum: [...SENTIMENTS], description: "The caller's overall sentiment." },
        disposition: { type: 'string', description: 'Short kebab-case wrap-up code, e.g. billing-question.' },
      },
    },
  },
};

const LABELS: Record<TranscriptSegment['speaker'], string> = { caller: 'Caller', agent: 'Agent', ai: 'AI', supervisor: 'Supervisor', system: 'System' };

/** `[mm:ss] Speaker: text` per segment with text, the most recent part when very long. */
export function transcriptForPrompt(segments: TranscriptSegment[]): string {
  const lines = segments
    .filter((s) => s.text.trim() !== '')
    .map((s) => {
      const sec = Math.floor(s.start_ms / 1000);
      return `[${String(Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}] ${LABELS[s.speaker]}: ${s.text.trim()}`;
    });
  const text = lines.join('\n');
  return text.length <= MAX_TRANSCRIPT_CHARS ? text : `[… earlier part of the call left out …]\n${text.slice(text.length - MAX_TRANSCRIPT_CHARS)}`;
}

/** A wrap-up code as the console shows it: lower-case words joined by hyphens. */
export function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** Asks the tenant's chat model for the call's summary, sentiment and disposition. Throws AiFailure. */
export async function analyseTranscript(ai: AiSettingsService, tenantId: string, segments: TranscriptSegment[], signal: AbortSignal): Promise<CallAnalysisResult> {
  const model = ai.config(tenantId).chat_model;
  let content: string | null | undefined;
  try {
    const client = await ai.client(tenantId, REQUEST_TIMEOUT_MS);
    const completion = await client.chat.completions.create(
      {
        model,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: transcriptForPrompt(segments) },
        ],
        response_format: RESPONSE_FORMAT,
      },
      { signal },
    );
    content = completion.choices[0]?.message.content;
  } catch (err) {
    throw aiFailureOf(err, signal);
  }
  return parseAnalysis(content, model);
}

export function parseAnalysis(content: string | null | undefined, model: string): CallAnalysisResult {
  const wrong = (why: string) => new AiFailure('permanent', `the model's analysis was not usable: ${why}`);
  let parsed: { summary?: unknown; sentiment?: unknown; disposition?: unknown };
  try {
    parsed = JSON.parse(content ?? '') as typeof parsed;
  } catch {
    throw wrong('not JSON');
  }
  if (typeof parsed.summary !== 'string' || parsed.summary.trim() === '') throw wrong('no summary');
  if (!SENTIMENTS.includes(parsed.sentiment as Sentiment)) throw wrong(`sentiment '${String(parsed.sentiment)}'`);
  const disposition = kebabCase(typeof parsed.disposition === 'string' ? parsed.disposition : '');
  return { summary: parsed.summary.trim(), sentiment: parsed.sentiment as Sentiment, disposition: disposition || 'other', model };
}
