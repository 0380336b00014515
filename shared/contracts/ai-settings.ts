/**
 * A tenant's OpenAI-compatible endpoint and models. Whatever a tenant leaves unset falls back
 * to the `openai` SDK's environment variables (DESIGN §10), then to OpenAI's defaults.
 */
export interface AiSettingsView {
  /** `https://api.openai.com/v1` when unset; a LAN server (e.g. `http://10.0.0.5:8000/v1`) for offline offices. */
  base_url: string | null;
  has_api_key: boolean;
  has_webhook_secret: boolean;
  /** gpt-4o-transcribe, gpt-4o-mini-transcribe, whisper-1, or a local server's model name. */
  transcription_model: string;
  /** ISO-639-1 hint (`en`, `ja`); null lets the model detect it. */
  transcription_language: string | null;
  /** Domain words that help the model (product names, people). */
  transcription_prompt: string | null;
  /** Post-call summary, sentiment and disposition. */
  chat_model: string;
  /** Default model for AI voice agents (OpenAI Realtime over SIP). */
  realtime_model: string;
  /** Where each effective value comes from. */
  source: { base_url: AiValueSource; api_key: AiValueSource; webhook_secret: AiValueSource };
}

export type AiValueSource = 'settings' | 'environment' | 'default' | 'unset';

/** A change from the settings page; `null` clears a value (back to the environment/default). */
export interface AiSettingsUpdate {
  base_url?: string | null;
  api_key?: string | null;
  webhook_secret?: string | null;
  transcription_model?: string | null;
  transcription_language?: string | null;
  transcription_prompt?: string | null;
  chat_model?: string | null;
  realtime_model?: string | null;
}

export const AI_DEFAULTS = {
  transcription_model: 'gpt-4o-mini-transcribe',
  chat_model: 'gpt-4o-mini',
  realtime_model: 'gpt-realtime',
} as const;

/** Transcription models that stream partial text (`stream: true`); whisper-1 does not. */
export const STREAMING_TRANSCRIPTION_MODELS: readonly string[] = ['gpt-4o-transcribe', 'gpt-4o-mini-transcribe'];
