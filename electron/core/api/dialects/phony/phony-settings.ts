import { DEFAULT_TENANT_ID } from '../../../../../shared/domain/tenant.ts';
import { badRequest } from '../../../errors.ts';
import { openSecret, sealSecret } from '../../../security/sealed-secrets.ts';
import type { SecretBox } from '../../../security/secret-box.ts';
import type { Store } from '../../../store/store.ts';

const KEY = 'dialect.phony';

interface Stored {
  twilio_auth_token_sealed?: string;
  sip_target?: string;
  public_base_url?: string;
}

export interface PhonySettingsView {
  twilio_auth_token: { configured: boolean; source: 'settings' | 'env' | null };
  /** Where Twilio calls are bridged (`<Dial><Sip>`): e.g. `sip:proj_…@sip.api.openai.com;transport=tls`. */
  sip_target: string | null;
  /** The public origin Twilio posts to (behind a proxy the URL it signed is not the one we see). */
  public_base_url: string | null;
  /** `off` only when EARSHOT_TWILIO_SIGNATURE=off (development): unsigned webhooks land in tenant `default`. */
  signature_check: 'on' | 'off';
}

export interface PhonySettingsUpdate {
  twilio_auth_token?: string | null;
  sip_target?: string | null;
  public_base_url?: string | null;
}

/** A tenant whose Twilio auth token may have signed a webhook. */
export interface TwilioSigner {
  tenant_id: string;
  auth_token: string;
  public_base_url: string | null;
}

export interface PhonyEnv {
  /** `TWILIO_AUTH_TOKEN`: the default tenant's, unless its settings hold one. */
  twilioAuthToken: string | null;
  /** `EARSHOT_TWILIO_SIGNATURE=off`. */
  signatureCheckOff: boolean;
}

const SIP_URI = /^sips?:[^\s<>"]+$/i;

/** A tenant's seed 003 (Phony) settings; the Twilio auth token is sealed at rest. */
export class PhonySettings {
  private readonly store: Store;
  private readonly box: SecretBox;
  readonly env: PhonyEnv;

  constructor(store: Store, box: SecretBox, env: PhonyEnv) {
    this.store = store;
    this.box = box;
    this.env = env;
  }

  view(tenantId: string): PhonySettingsView {
    const s = this.stored(tenantId);
    const source = s.twilio_auth_token_sealed ? 'settings' : tenantId === DEFAULT_TENANT_ID && this.env.twilioAuthToken ? 'env' : null;
    return {
      twilio_auth_token: { configured: source !== null, source },
      sip_target: s.sip_target ?? null,
      public_base_url: s.public_base_url ?? null,
      signature_check: this.env.signatureCheckOff ? 'off' : 'on',
    };
  }

  update(tenantId: string, patch: PhonySettingsUpdate): PhonySettingsView {
    const next: Stored = { ...this.stored(tenantId) };
    if (patch.twilio_auth_token !== undefined) {
      const token = patch.twilio_auth_token?.trim();
      if (token) next.twilio_auth_token_sealed = sealSecret(this.box, token);
      else delete next.twilio_auth_token_sealed;
    }
    if (patch.sip_target !== undefined) {
      const target = patch.sip_target?.trim();
      if (!target) delete next.sip_target;
      else if (!SIP_URI.test(target)) throw badRequest(`sip_target: '${target}' is not a sip: or sips: URI`);
      else next.sip_target = target;
    }
    if (patch.public_base_url !== undefined) {
      const base = patch.public_base_url?.trim().replace(/\/+$/, '');
      if (!base) delete next.public_base_url;
      else if (!/^https?:\/\/[^/?#\s]+$/i.test(base)) throw badRequest(`public_base_url: '${base}' must be a scheme and host, e.g. https://phony.example.com`);
      else next.public_base_url = base;
    }
    this.store.settings.set(tenantId, KEY, next);
    return this.view(tenantId);
  }

  sipTarget(tenantId: string): string | null {
    return this.stored(tenantId).sip_target ?? null;
  }

  /** Every tenant with a Twilio auth token, to find the one that signed a webhook. */
  signers(): TwilioSigner[] {
    const out: TwilioSigner[] = [];
    for (const t of this.store.tenants.list()) {
      const s = this.stored(t.id);
      const token = s.twilio_auth_token_sealed ? this.opened(s.twilio_auth_token_sealed) : t.id === DEFAULT_TENANT_ID ? this.env.twilioAuthToken : null;
      if (token) out.push({ tenant_id: t.id, auth_token: token, public_base_url: s.public_base_url ?? null });
    }
    return out;
  }

  /** A token sealed by another install cannot sign anything here; it must be entered again. */
  private opened(sealed: string): string | null {
    try {
      return openSecret(this.box, sealed);
    } catch {
      return null;
    }
  }

  private stored(tenantId: string): Stored {
    return this.store.settings.get<Stored>(tenantId, KEY) ?? {};
  }
}

export const phonyEnv = (env: NodeJS.ProcessEnv = process.env): PhonyEnv => ({
  twilioAuthToken: env.TWILIO_AUTH_TOKEN?.trim() || null,
  signatureCheckOff: env.EARSHOT_TWILIO_SIGNATURE?.trim().toLowerCase() === 'off',
});
