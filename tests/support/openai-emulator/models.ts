// The model names the emulator knows, per endpoint family, taken from the `openai` SDK's
// model unions. A name unknown everywhere is a 404 `model_not_found`, like OpenAI; a name of
// another family (a chat model sent to /audio/transcriptions) is a 400. Tests that point
// Earshot at an OpenAI-compatible server with its own names add them through the options.
import { ApiError, modelNotFound } from './errors.ts';
import type { Route } from './server.ts';

export interface ModelCatalog {
  transcription: string[];
  chat: string[];
  realtime: string[];
}

export type ModelFamily = keyof ModelCatalog;

const TRANSCRIPTION = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe', 'gpt-4o-mini-transcribe-2025-12-15', 'gpt-transcribe'];

const CHAT = [
  'gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-2024-11-20', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18',
  'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14',
  'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-chat-latest', 'gpt-5.1', 'gpt-5.1-mini', 'gpt-5.2', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.5',
  'o3', 'o3-mini', 'o4-mini', 'gpt-4-turbo', 'gpt-3.5-turbo',
];

const REALTIME = [
  'gpt-realtime', 'gpt-realtime-1.5', 'gpt-realtime-2', 'gpt-realtime-2.1', 'gpt-realtime-2.1-mini', 'gpt-realtime-2025-08-28',
  'gpt-realtime-mini', 'gpt-realtime-mini-2025-10-06', 'gpt-realtime-mini-2025-12-15',
  'gpt-4o-realtime-preview', 'gpt-4o-realtime-preview-2024-10-01', 'gpt-4o-realtime-preview-2024-12-17', 'gpt-4o-realtime-preview-2025-06-03',
  'gpt-4o-mini-realtime-preview', 'gpt-4o-mini-realtime-preview-2024-12-17',
  'gpt-audio-1.5', 'gpt-audio-mini', 'gpt-audio-mini-2025-10-06', 'gpt-audio-mini-2025-12-15',
];

/** Transcription models a realtime session may name in `audio.input.transcription.model`. */
export const REALTIME_TRANSCRIPTION_MODELS = [
  'whisper-1', 'gpt-transcribe', 'gpt-live-transcribe', 'gpt-4o-mini-transcribe', 'gpt-4o-mini-transcribe-2025-12-15',
  'gpt-4o-transcribe', 'gpt-4o-transcribe-diarize', 'gpt-realtime-whisper',
];

export const REALTIME_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

export function modelCatalog(extra: Partial<ModelCatalog> = {}): ModelCatalog {
  return {
    transcription: [...TRANSCRIPTION, ...(extra.transcription ?? [])],
    chat: [...CHAT, ...(extra.chat ?? [])],
    realtime: [...REALTIME, ...(extra.realtime ?? [])],
  };
}

function allModels(catalog: ModelCatalog): string[] {
  return [...new Set([...catalog.transcription, ...catalog.chat, ...catalog.realtime])];
}

/** Throws unless `model` belongs to `family`. */
export function checkModel(catalog: ModelCatalog, family: ModelFamily, model: string, param = 'model'): void {
  if (catalog[family].includes(model)) return;
  if (!allModels(catalog).includes(model)) throw modelNotFound(model);
  throw new ApiError(400, `The model '${model}' is not supported by this endpoint (it is not a ${family} model).`, { param, code: 'invalid_value' });
}

/** GET /v1/models (the health probe) and GET /v1/models/{id}. */
export function modelRoutes(catalog: ModelCatalog): Route[] {
  const model = (id: string) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' });
  return [
    { method: 'GET', path: /^\/v1\/models$/, handle: () => ({ kind: 'json', body: { object: 'list', data: allModels(catalog).map(model) } }) },
    {
      method: 'GET',
      path: /^\/v1\/models\/([^/]+)$/,
      handle({ params }) {
        if (!allModels(catalog).includes(params[0]!)) throw modelNotFound(params[0]!);
        return { kind: 'json', body: model(params[0]!) };
      },
    },
  ];
}
