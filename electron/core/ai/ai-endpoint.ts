/**
 * The OpenAI-compatible endpoint AI features use. Settings win; otherwise the `openai` SDK's
 * own environment variables (DESIGN §10).
 */
export interface AiEndpoint {
  baseURL: string | null;
  apiKey: string | null;
  webhookSecret: string | null;
}

export function aiEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): AiEndpoint {
  return {
    baseURL: env.OPENAI_BASE_URL?.trim() || null,
    apiKey: env.OPENAI_API_KEY?.trim() || null,
    webhookSecret: env.OPENAI_WEBHOOK_SECRET?.trim() || null,
  };
}

export const isConfigured = (e: AiEndpoint): boolean => e.baseURL !== null || e.apiKey !== null;
