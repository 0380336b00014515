import { Type } from 'typebox';
import { Metadata, Nullable } from './common.schemas.ts';

const Lang = Type.String({ pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$', description: 'BCP 47 / ISO-639-1, e.g. ja or en-US' });
const Settings = Type.Record(Type.String(), Type.Unknown());

/** Fields of an assistant a client may write, shared by the API (seed 004) and the console. */
export const assistantFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  instructions: Type.Optional(Type.String({ maxLength: 100_000, description: 'system prompt; {FAQ_KB} is replaced by faq_knowledge_base' })),
  greeting: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'what the AI says first; null: it waits for the caller' }))),
  faq_knowledge_base: Type.Optional(Nullable(Type.String({ maxLength: 200_000 }))),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "realtime model; default: the tenant's realtime_model" })),
  voice: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar, or a custom voice_… id' })),
  language: Type.Optional(Nullable(Lang)),
  transcription_model: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  transcription_language: Type.Optional(Nullable(Lang)),
  phone_numbers: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 40 }), { maxItems: 50, description: 'dialled numbers that reach it (+81… and 0… are the same number)' })),
  is_active: Type.Optional(Type.Boolean()),
  llm_provider: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'see GET /assistants/providers' })),
  llm_provider_config: Type.Optional(
    Type.Object(
      { api_key: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'stored encrypted, never returned (has_llm_api_key)' }))) },
      { additionalProperties: true },
    ),
  ),
  llm_settings: Type.Optional(Type.Object({ system_prompt: Type.Optional(Type.String({ maxLength: 100_000, description: 'same as instructions' })) }, { additionalProperties: true })),
  tts_settings: Type.Optional(Type.Object({ voice_id: Type.Optional(Type.String({ maxLength: 100, description: 'same as voice' })) }, { additionalProperties: true })),
  stt_settings: Type.Optional(Settings),
};

export const AssistantSchema = Type.Object({
  id: Type.Integer(),
  tenant_id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  instructions: Type.String(),
  greeting: Nullable(Type.String()),
  model: Type.String(),
  voice: Type.String(),
  language: Nullable(Type.String()),
  transcription_model: Nullable(Type.String()),
  transcription_language: Nullable(Type.String()),
  phone_number: Nullable(Type.String({ description: 'the first of phone_numbers (seed 004)' })),
  phone_numbers: Type.Array(Type.String()),
  faq_knowledge_base: Nullable(Type.String()),
  is_active: Type.Boolean(),
  llm_provider: Type.String(),
  llm_provider_config: Metadata,
  has_llm_api_key: Type.Boolean(),
  llm_settings: Metadata,
  tts_settings: Metadata,
  stt_settings: Metadata,
  created_by: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
