// POST /v1/audio/transcriptions — multipart upload of a WAV, answered like OpenAI: JSON,
// text, SRT, VTT or verbose JSON, or (gpt-4o*-transcribe with stream=true) an event stream of
// `transcript.text.delta` events and a `transcript.text.done`.
//
// The text comes from what the test registered — for an exact WAV (by sha256) or through a
// function of the decoded WAV — and otherwise describes the audio (`[speech 1.42 s]`, or ''
// for digital silence), so a test can tell that real audio arrived.
import { sleep } from '../proc.ts';
import { ApiError, invalidValue, missingParameter, unknownParameter } from './errors.ts';
import { multipartBody } from './bodies.ts';
import { checkModel, type ModelCatalog } from './models.ts';
import type { Route } from './server.ts';
import { splitIntoDeltas, tokenCount } from './text-chunks.ts';
import { parseWav, WavError, type WavInfo } from './wav.ts';

/** Returns the transcript for an upload, or undefined to fall back to the next source. */
export type Transcriber = (wav: WavInfo, fields: Record<string, string | string[]>) => string | undefined;

export class TranscriptBook {
  private readonly byHash = new Map<string, string>();
  transcriber: Transcriber | undefined;

  /** `sha256`: hex digest of the whole WAV file. */
  set(sha256: string, text: string): void {
    this.byHash.set(sha256.toLowerCase(), text);
  }

  textFor(wav: WavInfo, fields: Record<string, string | string[]>): string {
    return this.byHash.get(wav.sha256) ?? this.transcriber?.(wav, fields) ?? defaultTranscript(wav);
  }
}

/** `[speech 1.42 s]`, or '' when every sample is (nearly) zero, as OpenAI returns for silence. */
function defaultTranscript(wav: WavInfo): string {
  return wav.peak < 0.002 ? '' : `[speech ${wav.durationSec.toFixed(2)} s]`;
}

const KNOWN_FIELDS = new Set([
  'file', 'model', 'language', 'prompt', 'response_format', 'stream', 'temperature', 'chunking_strategy',
  'include[]', 'timestamp_granularities[]', 'keywords[]', 'languages[]', 'known_speaker_names[]', 'known_speaker_references[]',
]);
/** diarized_json belongs to gpt-4o-transcribe-diarize, which the emulator does not serve. */
const FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'];
const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];

function field(fields: Record<string, string | string[]>, name: string): string | undefined {
  const v = fields[name];
  if (Array.isArray(v)) throw invalidValue(name, v.join(','));
  return v;
}

function parseBool(value: string | undefined, param: string): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ApiError(400, `Invalid value for '${param}': expected a boolean ('true' or 'false'), got '${value}'.`, { param, code: 'invalid_type' });
}

export function transcriptionRoute(deps: { catalog: ModelCatalog; book: TranscriptBook; gapMs: () => number }): Route {
  return {
    method: 'POST',
    path: /^\/v1\/audio\/transcriptions$/,
    async handle({ entry }) {
      const { fields, files } = await multipartBody(entry);
      for (const name of Object.keys(fields)) if (!KNOWN_FIELDS.has(name)) throw unknownParameter(name);
      for (const f of files) if (f.field !== 'file') throw unknownParameter(f.field);
      const file = files.find((f) => f.field === 'file');
      if (!file) throw missingParameter('file');
      const model = field(fields, 'model');
      if (!model) throw missingParameter('model');
      checkModel(deps.catalog, 'transcription', model);
      const gpt4o = model !== 'whisper-1';

      const ext = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
      if (!ext || !AUDIO_EXTENSIONS.includes(ext)) {
        throw new ApiError(400, `Invalid file format. Supported formats: [${AUDIO_EXTENSIONS.map((e) => `'${e}'`).join(', ')}]`, { param: 'file', code: 'invalid_value' });
      }
      if (ext !== 'wav') throw new ApiError(400, `The emulator decodes only WAV uploads (got '${file.filename}').`, { param: 'file', code: 'invalid_value' });
      let wav: WavInfo;
      try {
        wav = parseWav(file.bytes);
      } catch (err) {
        if (!(err instanceof WavError)) throw err;
        throw new ApiError(400, `Audio file might be corrupted or unsupported (${err.message}).`, { param: 'file', code: 'invalid_value' });
      }
      if (wav.durationSec < 0.1) {
        throw new ApiError(400, `Audio file is too short. Minimum audio length is 0.1 seconds.`, { param: 'file', code: 'audio_too_short' });
      }

      const format = field(fields, 'response_format') ?? 'json';
      if (!FORMATS.includes(format)) throw invalidValue('response_format', format, FORMATS);
      if (gpt4o && format !== 'json' && format !== 'text') {
        throw new ApiError(400, `response_format '${format}' is not compatible with model '${model}'. Use 'json' or 'text'.`, { param: 'response_format', code: 'unsupported_value' });
      }
      const stream = parseBool(field(fields, 'stream'), 'stream');
      if (stream && !gpt4o) throw new ApiError(400, `Streaming is not supported for model '${model}'.`, { param: 'stream', code: 'unsupported_value' });
      const include = (fields['include[]'] ?? []) as string[];
      for (const v of include) if (v !== 'logprobs') throw invalidValue('include[]', v, ['logprobs']);
      const logprobs = include.length > 0;
      if (logprobs && (!gpt4o || format !== 'json')) {
        throw new ApiError(400, `include[]=logprobs is only supported with response_format 'json' and the gpt-4o transcribe models.`, { param: 'include[]', code: 'unsupported_value' });
      }
      const temperature = field(fields, 'temperature');
      if (temperature !== undefined && !(Number(temperature) >= 0 && Number(temperature) <= 1)) throw invalidValue('temperature', temperature);
      const language = field(fields, 'language');
      if (language !== undefined && !/^[a-z]{2}$/.test(language)) {
        throw new ApiError(400, `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`, { param: 'language', code: 'invalid_language_format' });
      }
      const granularities = (fields['timestamp_granularities[]'] ?? []) as string[];
      for (const g of granularities) if (g !== 'word' && g !== 'segment') throw invalidValue('timestamp_granularities[]', g, ['word', 'segment']);
      if (granularities.length > 0 && format !== 'verbose_json') {
        throw new ApiError(400, `timestamp_granularities requires response_format 'verbose_json'.`, { param: 'timestamp_granularities[]', code: 'unsupported_value' });
      }

      const text = deps.book.textFor(wav, fields);
      const usage = gpt4o ? tokenUsage(wav, text, field(fields, 'prompt')) : { type: 'duration', seconds: Math.ceil(wav.durationSec) };
      if (stream) return { kind: 'sse', events: streamEvents(text, usage, logprobs, deps.gapMs()) };
      switch (format) {
        case 'text':
          return { kind: 'text', contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
        case 'srt':
          return { kind: 'text', contentType: 'text/plain; charset=utf-8', body: `1\n${timecode(0, ',')} --> ${timecode(wav.durationSec, ',')}\n${text}\n\n` };
        case 'vtt':
          return { kind: 'text', contentType: 'text/plain; charset=utf-8', body: `WEBVTT\n\n${timecode(0, '.')} --> ${timecode(wav.durationSec, '.')}\n${text}\n\n` };
        case 'verbose_json':
          return { kind: 'json', body: verbose(text, wav, language, granularities) };
        default:
          return { kind: 'json', body: { text, ...(logprobs ? { logprobs: logprobsFor(text) } : {}), usage } };
      }
    },
  };
}

function tokenUsage(wav: WavInfo, text: string, prompt: string | undefined) {
  const audioTokens = Math.ceil(wav.durationSec * 10);
  const textTokens = tokenCount(prompt ?? '');
  const outputTokens = tokenCount(text);
  return {
    type: 'tokens',
    input_tokens: audioTokens + textTokens,
    input_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    output_tokens: outputTokens,
    total_tokens: audioTokens + textTokens + outputTokens,
  };
}

function logprobsFor(text: string) {
  return (text.match(/\S+\s*/g) ?? []).map((token) => ({ token, logprob: -0.01, bytes: [...Buffer.from(token)] }));
}

async function* streamEvents(text: string, usage: object, logprobs: boolean, gapMs: number) {
  for (const delta of splitIntoDeltas(text)) {
    await sleep(gapMs);
    yield { type: 'transcript.text.delta', delta, ...(logprobs ? { logprobs: logprobsFor(delta) } : {}) };
  }
  await sleep(gapMs);
  yield { type: 'transcript.text.done', text, ...(logprobs ? { logprobs: logprobsFor(text) } : {}), usage };
}

function timecode(sec: number, sep: string): string {
  const ms = Math.round(sec * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
}

function verbose(text: string, wav: WavInfo, language: string | undefined, granularities: string[]) {
  const duration = wav.durationSec;
  const words = text.split(/\s+/).filter(Boolean);
  return {
    task: 'transcribe',
    // OpenAI names the language in full, lower case ("english").
    language: new Intl.DisplayNames(['en'], { type: 'language' }).of(language ?? 'en')?.toLowerCase() ?? language,
    duration,
    text,
    ...(granularities.includes('word')
      ? { words: words.map((word, i) => ({ word, start: (i * duration) / words.length, end: ((i + 1) * duration) / words.length })) }
      : {}),
    segments: [
      { id: 0, seek: 0, start: 0, end: duration, text, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: text ? 0.01 : 0.9 },
    ],
    usage: { type: 'duration', seconds: Math.ceil(duration) },
  };
}
