import type { Assistant, AssistantInput } from '../../../shared/domain/assistant.ts';
import { canonicalPhone, phoneForms } from '../ai/realtime/phone-number.ts';
import { badRequest, conflict, notFound, storeWrite } from '../errors.ts';
import { sealSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { AssistantFilter, AssistantRecord } from '../store/repos/assistants.repo.ts';
import type { Store } from '../store/store.ts';
import { LLM_PROVIDER_IDS } from './llm-providers.ts';

/** The realtime voice an assistant gets when none is given (the session default of OpenAI). */
export const DEFAULT_VOICE = 'alloy';

export type AssistantPatch = Partial<AssistantInput>;

/**
 * AI voice agents of a tenant. Seed 004's provider fields and ours are one record: the system
 * prompt is `instructions` (shown again as `llm_settings.system_prompt`), the voice is `voice`
 * (shown as `tts_settings.voice_id`); the provider's API key is sealed and only ever reported as
 * `has_llm_api_key`. Phone numbers are stored without separators and are unique in a tenant.
 */
export class AssistantsService {
  private readonly store: Store;
  private readonly box: SecretBox;
  private readonly defaultModel: (tenantId: string) => string;

  constructor(store: Store, box: SecretBox, defaultModel: (tenantId: string) => string) {
    this.store = store;
    this.box = box;
    this.defaultModel = defaultModel;
  }

  list(tenantId: string, q: AssistantFilter & { offset?: number; limit?: number } = {}): { items: Assistant[]; total: number } {
    return { items: this.store.assistants.list(tenantId, q).map(present), total: this.store.assistants.count(tenantId, q) };
  }

  count(tenantId: string, filter: AssistantFilter = {}): number {
    return this.store.assistants.count(tenantId, filter);
  }

  get(tenantId: string, id: number): Assistant {
    const a = this.store.assistants.get(tenantId, id);
    if (!a) throw notFound(`assistant ${id}`);
    return present(a);
  }

  /** The assistant a number reaches (`+81…` and `0…` forms are the same number), active ones first. */
  byPhone(tenantId: string, phone: string): Assistant {
    const found = this.store.assistants.byPhone(tenantId, phoneForms(phone))[0];
    if (!found) throw notFound(`assistant for ${phone}`);
    return present(found);
  }

  create(tenantId: string, input: AssistantInput, createdBy: string | null): Assistant {
    const name = input.name?.trim();
    if (!name) throw badRequest('name must not be empty');
    const fromSettings = mappedFields(input);
    const record: AssistantRecord = {
      name,
      description: input.description ?? null,
      instructions: fromSettings.instructions ?? '',
      greeting: blankToNull(input.greeting),
      model: input.model?.trim() || this.defaultModel(tenantId),
      voice: fromSettings.voice ?? DEFAULT_VOICE,
      language: input.language ?? null,
      transcription_model: blankToNull(input.transcription_model),
      transcription_language: blankToNull(input.transcription_language),
      phone_numbers: this.checkedNumbers(tenantId, input.phone_numbers ?? [], null),
      faq_knowledge_base: input.faq_knowledge_base ?? null,
      is_active: input.is_active ?? true,
      llm_provider: checkedProvider(input.llm_provider ?? 'openai'),
      llm_provider_config: withoutKey(input.llm_provider_config ?? {}),
      llm_api_key_sealed: this.sealedKey(input) ?? null,
      llm_settings: fromSettings.llm_settings ?? {},
      tts_settings: fromSettings.tts_settings ?? {},
      stt_settings: input.stt_settings ?? {},
      created_by: createdBy,
    };
    return present(storeWrite(() => this.store.assistants.create(tenantId, record)));
  }

  /** Changes the fields given; absent ones stay. `llm_api_key: null` forgets the key. */
  update(tenantId: string, id: number, patch: AssistantPatch): Assistant {
    this.get(tenantId, id);
    if (patch.name !== undefined && !patch.name.trim()) throw badRequest('name must not be empty');
    const fromSettings = mappedFields(patch);
    const sealed = this.sealedKey(patch);
    const record: Partial<AssistantRecord> = {
      name: patch.name?.trim(),
      description: patch.description,
      instructions: fromSettings.instructions,
      greeting: patch.greeting === undefined ? undefined : blankToNull(patch.greeting),
      model: patch.model === undefined ? undefined : patch.model.trim() || this.defaultModel(tenantId),
      voice: fromSettings.voice,
      language: patch.language,
      transcription_model: patch.transcription_model === undefined ? undefined : blankToNull(patch.transcription_model),
      transcription_language: patch.transcription_language === undefined ? undefined : blankToNull(patch.transcription_language),
      phone_numbers: patch.phone_numbers === undefined ? undefined : this.checkedNumbers(tenantId, patch.phone_numbers, id),
      faq_knowledge_base: patch.faq_knowledge_base,
      is_active: patch.is_active,
      llm_provider: patch.llm_provider === undefined ? undefined : checkedProvider(patch.llm_provider),
      llm_provider_config: patch.llm_provider_config === undefined ? undefined : withoutKey(patch.llm_provider_config),
      llm_settings: fromSettings.llm_settings,
      tts_settings: fromSettings.tts_settings,
      stt_settings: patch.stt_settings,
    };
    if (sealed !== undefined) Object.assign(record, { llm_api_key_sealed: sealed });
    return present(storeWrite(() => this.store.assistants.update(tenantId, id, record)) as Assistant);
  }

  setActive(tenantId: string, id: number, active: boolean): Assistant {
    this.get(tenantId, id);
    return present(this.store.assistants.setActive(tenantId, id, active) as Assistant);
  }

  delete(tenantId: string, id: number): void {
    if (!this.store.assistants.delete(tenantId, id)) throw notFound(`assistant ${id}`);
  }

  /** undefined: leave the stored key; null: forget it; else the new key sealed. */
  private sealedKey(input: AssistantPatch): string | null | undefined {
    const inConfig = input.llm_provider_config?.api_key;
    const key = input.llm_api_key !== undefined ? input.llm_api_key : typeof inConfig === 'string' ? inConfig : undefined;
    if (key === undefined) return undefined;
    return key === null || key.trim() === '' ? null : sealSecret(this.box, key.trim());
  }

  /** Separators dropped, duplicates removed; 409 when another assistant of the tenant has one of them. */
  private checkedNumbers(tenantId: string, numbers: readonly string[], selfId: number | null): string[] {
    const out: string[] = [];
    for (const raw of numbers) {
      const n = canonicalPhone(raw);
      if (n === null) throw badRequest(`phone_numbers: '${raw}' is not a phone number (digits, an optional leading +)`);
      if (!out.includes(n)) out.push(n);
    }
    for (const n of out) {
      const other = this.store.assistants.byPhone(tenantId, phoneForms(n)).find((a) => a.id !== selfId);
      if (other) throw conflict(`${n} already reaches assistant ${other.id} (${other.name})`);
    }
    return out;
  }
}

/** Seed 004's nested names for our fields: `llm_settings.system_prompt`, `tts_settings.voice_id`. */
function mappedFields(input: AssistantPatch): {
  instructions?: string;
  voice?: string;
  llm_settings?: Record<string, unknown>;
  tts_settings?: Record<string, unknown>;
} {
  const out: ReturnType<typeof mappedFields> = {};
  if (input.llm_settings !== undefined) {
    const { system_prompt, ...rest } = input.llm_settings;
    out.llm_settings = rest;
    if (typeof system_prompt === 'string') out.instructions = system_prompt;
  }
  if (input.tts_settings !== undefined) {
    const { voice_id, ...rest } = input.tts_settings;
    out.tts_settings = rest;
    if (typeof voice_id === 'string' && voice_id.trim()) out.voice = voice_id.trim();
  }
  if (input.instructions !== undefined) out.instructions = input.instructions;
  if (input.voice !== undefined && input.voice.trim()) out.voice = input.voice.trim();
  return out;
}

function present(a: Assistant): Assistant {
  return { ...a, llm_settings: { ...a.llm_settings, system_prompt: a.instructions }, tts_settings: { ...a.tts_settings, voice_id: a.voice } };
}

function withoutKey(config: Record<string, unknown>): Record<string, unknown> {
  const { api_key: _key, ...rest } = config;
  return rest;
}

function checkedProvider(id: string): string {
  if (!LLM_PROVIDER_IDS.includes(id)) throw badRequest(`llm_provider: '${id}' is not supported (use one of ${LLM_PROVIDER_IDS.join(', ')})`);
  return id;
}

const blankToNull = (v: string | null | undefined): string | null => (v == null || v.trim() === '' ? null : v.trim());
