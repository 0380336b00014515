import type { OpenAI } from 'openai';
import { AI_DEFAULTS, type AiSettingsUpdate, type AiSettingsView, type AiValueSource } from '../../../shared/contracts/ai-settings.ts';
import { badRequest } from '../errors.ts';
import { openSecret, sealSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';
import type { AiEndpoint } from './ai-endpoint.ts';

const KEY = 'ai';

interface StoredAiSettings {
  base_url?: string;
  api_key_sealed?: string;
  webhook_secret_sealed?: string;
  transcription_model?: string;
  transcription_language?: string;
  transcription_prompt?: string;
  chat_model?: string;
  realtime_model?: string;
}

/** What AI work of a tenant runs against, secrets opened. Never leaves the core. */
export interface AiConfig {
  base_url: string | null;
  api_key: string | null;
  webhook_secret: string | null;
  transcription_model: string;
  transcription_language: string | null;
  transcription_prompt: string | null;
  chat_model: string;
  realtime_model: string;
}

const TEXT_FIELDS = ['transcription_model', 'transcription_language', 'transcription_prompt', 'chat_model', 'realtime_model'] as const;

/**
 * Per-tenant AI endpoint settings over the settings table, with the SDK's environment variables
 * as the fallback. Hands out `openai` clients (one per distinct endpoint) with retries off:
 * callers own retry and back-off, so an outage shows as pending work, not a hung request.
 */
export class AiSettingsService {
  private readonly store: Store;
  private readonly box: SecretBox;
  private readonly env: AiEndpoint;
  private readonly listeners = new Set<(tenantId: string) => void>();
  private readonly clients = new Map<string, Promise<OpenAI>>();

  constructor(store: Store, box: SecretBox, env: AiEndpoint) {
    this.store = store;
    this.box = box;
    this.env = env;
  }

  /** Calls `listener` with the tenant whenever its AI settings change; returns the unsubscribe. */
  onChange(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  config(tenantId: string): AiConfig {
    const s = this.stored(tenantId);
    return {
      base_url: s.base_url ?? this.env.baseURL,
      api_key: s.api_key_sealed ? openSecret(this.box, s.api_key_sealed) : this.env.apiKey,
      webhook_secret: s.webhook_secret_sealed ? openSecret(this.box, s.webhook_secret_sealed) : this.env.webhookSecret,
      transcription_model: s.transcription_model ?? AI_DEFAULTS.transcription_model,
      transcription_language: s.transcription_language ?? null,
      transcription_prompt: s.transcription_prompt ?? null,
      chat_model: s.chat_model ?? AI_DEFAULTS.chat_model,
      realtime_model: s.realtime_model ?? AI_DEFAULTS.realtime_model,
    };
  }

  /** True when AI work can be attempted for the tenant (an endpoint or a key is known). */
  configured(tenantId: string): boolean {
    const c = this.config(tenantId);
    return c.base_url !== null || c.api_key !== null;
  }

  view(tenantId: string): AiSettingsView {
    const s = this.stored(tenantId);
    const c = this.config(tenantId);
    const source = (own: unknown, env: unknown, hasDefault = false): AiValueSource => (own ? 'settings' : env ? 'environment' : hasDefault ? 'default' : 'unset');
    return {
      base_url: c.base_url,
      has_api_key: c.api_key !== null,
      has_webhook_secret: c.webhook_secret !== null,
      transcription_model: c.transcription_model,
      transcription_language: c.transcription_language,
      transcription_prompt: c.transcription_prompt,
      chat_model: c.chat_model,
      realtime_model: c.realtime_model,
      source: {
        base_url: source(s.base_url, this.env.baseURL, true),
        api_key: source(s.api_key_sealed, this.env.apiKey),
        webhook_secret: source(s.webhook_secret_sealed, this.env.webhookSecret),
      },
    };
  }

  update(tenantId: string, patch: AiSettingsUpdate): AiSettingsView {
    const next: StoredAiSettings = { ...this.stored(tenantId) };
    if (patch.base_url !== undefined) {
      if (patch.base_url === null || patch.base_url.trim() === '') delete next.base_url;
      else next.base_url = normaliseBaseUrl(patch.base_url);
    }
    if (patch.api_key !== undefined) {
      if (patch.api_key === null || patch.api_key === '') delete next.api_key_sealed;
      else next.api_key_sealed = sealSecret(this.box, patch.api_key);
    }
    if (patch.webhook_secret !== undefined) {
      if (patch.webhook_secret === null || patch.webhook_secret === '') delete next.webhook_secret_sealed;
      else if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(patch.webhook_secret)) throw badRequest('webhook_secret: expected the whsec_… secret from the OpenAI dashboard');
      else next.webhook_secret_sealed = sealSecret(this.box, patch.webhook_secret);
    }
    for (const field of TEXT_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value === null || value.trim() === '') delete next[field];
      else next[field] = value.trim();
    }
    this.store.settings.set(tenantId, KEY, next);
    for (const listener of this.listeners) listener(tenantId);
    return this.view(tenantId);
  }

  /** Tenants whose webhook secret is known, for working out which tenant a signed webhook is for. */
  webhookSecrets(): { tenant_id: string; secret: string }[] {
    return this.store.tenants
      .list()
      .map((t) => ({ tenant_id: t.id, secret: this.config(t.id).webhook_secret }))
      .filter((e): e is { tenant_id: string; secret: string } => e.secret !== null);
  }

  /** An SDK client for the tenant's endpoint; the SDK is loaded on first use. */
  client(tenantId: string, timeoutMs = 30_000): Promise<OpenAI> {
    const c = this.config(tenantId);
    const cacheKey = JSON.stringify([c.base_url, c.api_key, timeoutMs]);
    let client = this.clients.get(cacheKey);
    if (!client) {
      client = import('openai').then(
        ({ default: OpenAI }) =>
          new OpenAI({ apiKey: c.api_key ?? 'not-set', baseURL: c.base_url ?? undefined, timeout: timeoutMs, maxRetries: 0, webhookSecret: c.webhook_secret }),
      );
      this.clients.set(cacheKey, client);
    }
    return client;
  }

  private stored(tenantId: string): StoredAiSettings {
    return this.store.settings.get<StoredAiSettings>(tenantId, KEY) ?? {};
  }
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badRequest(`base_url: '${raw}' is not a URL (e.g. https://api.openai.com/v1 or http://10.0.0.5:8000/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('base_url: use http:// or https://');
  return url.toString().replace(/\/+$/, '');
}
