import { badRequest } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { normalisePhone } from './phone-number.ts';

const KEY = 'ai_calls';

export const DEFAULT_MAX_CONCURRENT_AI_CALLS = 10;

/** How a tenant takes AI calls over OpenAI Realtime SIP. */
export interface AiCallSettingsView {
  /** Calls the tenant's assistants may handle at once; the next one is refused with SIP 486. */
  max_concurrent_ai_calls: number;
  /** Caller number to record when the INVITE carries none (seed 001's DEFAULT_PHONE_NUMBER); null: `anonymous`. */
  default_phone_number: string | null;
}

export interface AiCallSettingsUpdate {
  max_concurrent_ai_calls?: number | null;
  default_phone_number?: string | null;
}

interface Stored {
  max_concurrent_ai_calls?: number;
  default_phone_number?: string;
}

/** Per-tenant AI call policy in the settings table; `DEFAULT_PHONE_NUMBER` (env) is the fallback default number. */
export class AiCallSettings {
  private readonly store: Store;
  private readonly envDefaultPhone: string | null;

  constructor(store: Store, envDefaultPhone: string | null) {
    this.store = store;
    this.envDefaultPhone = envDefaultPhone;
  }

  of(tenantId: string): AiCallSettingsView {
    const s = this.stored(tenantId);
    return {
      max_concurrent_ai_calls: s.max_concurrent_ai_calls ?? DEFAULT_MAX_CONCURRENT_AI_CALLS,
      default_phone_number: s.default_phone_number ?? this.envDefaultPhone,
    };
  }

  update(tenantId: string, patch: AiCallSettingsUpdate): AiCallSettingsView {
    const next: Stored = { ...this.stored(tenantId) };
    if (patch.max_concurrent_ai_calls !== undefined) {
      if (patch.max_concurrent_ai_calls === null) delete next.max_concurrent_ai_calls;
      else if (!Number.isInteger(patch.max_concurrent_ai_calls) || patch.max_concurrent_ai_calls < 0) throw badRequest('max_concurrent_ai_calls: a whole number, 0 or more');
      else next.max_concurrent_ai_calls = patch.max_concurrent_ai_calls;
    }
    if (patch.default_phone_number !== undefined) {
      if (patch.default_phone_number === null || patch.default_phone_number.trim() === '') delete next.default_phone_number;
      else if (normalisePhone(patch.default_phone_number) === null) throw badRequest(`default_phone_number: '${patch.default_phone_number}' is not a phone number`);
      else next.default_phone_number = patch.default_phone_number.trim();
    }
    this.store.settings.set(tenantId, KEY, next);
    return this.of(tenantId);
  }

  private stored(tenantId: string): Stored {
    return this.store.settings.get<Stored>(tenantId, KEY) ?? {};
  }
}

/** Seed 001's `DEFAULT_PHONE_NUMBER`: the caller number when a call carries none. */
export const envDefaultPhone = (env: NodeJS.ProcessEnv = process.env): string | null => env.DEFAULT_PHONE_NUMBER?.trim() || null;
