/** An AI voice agent: what it says and knows, how it sounds, and which numbers reach it. */
export interface Assistant {
  id: number;
  tenant_id: string;
  name: string;
  description: string | null;
  /** System prompt; `{FAQ_KB}` is replaced by `faq_knowledge_base` when a call is accepted. */
  instructions: string;
  /** First thing the AI says on a call; null: it waits for the caller. */
  greeting: string | null;
  /** Realtime model, e.g. gpt-realtime. */
  model: string;
  voice: string;
  language: string | null;
  /** Caller speech transcription inside the realtime session (e.g. whisper-1, gpt-4o-transcribe). */
  transcription_model: string | null;
  transcription_language: string | null;
  /** Dialled numbers that reach this assistant (E.164 or national form). */
  phone_numbers: string[];
  faq_knowledge_base: string | null;
  is_active: boolean;
  /** Seed 004's provider fields; `llm_provider_config` never carries the API key back. */
  llm_provider: string;
  llm_provider_config: Record<string, unknown>;
  has_llm_api_key: boolean;
  llm_settings: Record<string, unknown>;
  tts_settings: Record<string, unknown>;
  stt_settings: Record<string, unknown>;
  /** Who created it: `key:<id>` or `agent:<id>` (seed 004's my_assistants_only). */
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** What a client sends to create or replace an assistant; `llm_api_key` is sealed at rest. */
export interface AssistantInput {
  name: string;
  description?: string | null;
  instructions?: string;
  greeting?: string | null;
  model?: string;
  voice?: string;
  language?: string | null;
  transcription_model?: string | null;
  transcription_language?: string | null;
  phone_numbers?: string[];
  faq_knowledge_base?: string | null;
  is_active?: boolean;
  llm_provider?: string;
  llm_provider_config?: Record<string, unknown>;
  llm_api_key?: string | null;
  llm_settings?: Record<string, unknown>;
  tts_settings?: Record<string, unknown>;
  stt_settings?: Record<string, unknown>;
}
