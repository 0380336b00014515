/**
 * LLM providers an assistant may name (seed 004), each reached through its OpenAI-compatible
 * endpoint (DESIGN §5: `baseURL` presets), with the models seed 004 lists.
 */
export interface LlmProvider {
  id: string;
  name: string;
  /** null: the assistant's `llm_provider_config.base_url` says where (a local or other compatible server). */
  base_url: string | null;
  models: string[];
}

export const LLM_PROVIDERS: readonly LlmProvider[] = [
  { id: 'openai', name: 'OpenAI', base_url: 'https://api.openai.com/v1', models: ['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-3.5-turbo'] },
  { id: 'anthropic', name: 'Anthropic', base_url: 'https://api.anthropic.com/v1/', models: ['claude-3-5-sonnet-20241022', 'claude-3-haiku-20240307'] },
  { id: 'gemini', name: 'Google Gemini', base_url: 'https://generativelanguage.googleapis.com/v1beta/openai/', models: ['gemini-1.5-pro', 'gemini-1.5-flash'] },
  { id: 'xai', name: 'xAI', base_url: 'https://api.x.ai/v1', models: ['grok-beta'] },
  { id: 'groq', name: 'Groq', base_url: 'https://api.groq.com/openai/v1', models: ['llama-3.1-70b-versatile', 'llama-3.1-8b-instant'] },
  { id: 'openai-compatible', name: 'OpenAI-compatible server', base_url: null, models: [] },
];

export const LLM_PROVIDER_IDS: readonly string[] = LLM_PROVIDERS.map((p) => p.id);
