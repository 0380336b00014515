import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TENANT_ID } from '../../../../../shared/domain/tenant.ts';
import { badRequest, conflict } from '../../../errors.ts';
import { hashToken } from '../../../security/tokens.ts';
import type { Store } from '../../../store/store.ts';

const KEY = 'dialect.denco';
const MIN_TOKEN_LENGTH = 16;

export interface DencoGreeting {
  message: string;
  /** Seed 000's `greeting_uri`, e.g. Asterisk's `sound:greeting-ja`. */
  uri: string | null;
  /** Play `uri` instead of speaking `message`. */
  use_audio: boolean;
}

interface Stored {
  /** SHA-256 of the backend token; the token itself is never stored. */
  backend_token_hash?: string;
  allow_tenant_id_bearer?: boolean;
  greeting?: DencoGreeting;
}

export interface DencoSettingsView {
  backend_auth_token: { configured: boolean; source: 'settings' | 'env' | null };
  /** Seed 000's frontend sends the tenant id as its bearer token; insecure, so off unless turned on. */
  allow_tenant_id_bearer: boolean;
  greeting: DencoGreeting | null;
}

export interface DencoSettingsUpdate {
  backend_auth_token?: string | null;
  allow_tenant_id_bearer?: boolean;
  greeting?: { message: string; uri?: string | null; use_audio?: boolean } | null;
}

/**
 * A tenant's seed 000 (DENCO) settings. `BACKEND_AUTH_TOKEN` (env) is the default tenant's
 * backend token unless its settings hold one; each other tenant sets its own. A backend token
 * belongs to exactly one tenant, so it says which tenant a backend request acts in.
 */
export class DencoSettings {
  private readonly store: Store;
  private readonly envTokenHash: string | null;

  constructor(store: Store, envBackendToken: string | null) {
    this.store = store;
    this.envTokenHash = envBackendToken ? hashToken(envBackendToken) : null;
  }

  view(tenantId: string): DencoSettingsView {
    const s = this.stored(tenantId);
    const source = s.backend_token_hash ? 'settings' : tenantId === DEFAULT_TENANT_ID && this.envTokenHash ? 'env' : null;
    return {
      backend_auth_token: { configured: source !== null, source },
      allow_tenant_id_bearer: s.allow_tenant_id_bearer ?? false,
      greeting: s.greeting ?? null,
    };
  }

  update(tenantId: string, patch: DencoSettingsUpdate): DencoSettingsView {
    const next: Stored = { ...this.stored(tenantId) };
    if (patch.backend_auth_token !== undefined) {
      if (patch.backend_auth_token === null) delete next.backend_token_hash;
      else next.backend_token_hash = this.checkedTokenHash(tenantId, patch.backend_auth_token);
    }
    if (patch.allow_tenant_id_bearer !== undefined) next.allow_tenant_id_bearer = patch.allow_tenant_id_bearer;
    if (patch.greeting !== undefined) {
      if (patch.greeting === null) delete next.greeting;
      else {
        const message = patch.greeting.message.trim();
        if (!message) throw badRequest('greeting.message must not be empty');
        const uri = patch.greeting.uri?.trim() || null;
        if (patch.greeting.use_audio && !uri) throw badRequest('greeting.use_audio needs greeting.uri');
        next.greeting = { message, uri, use_audio: patch.greeting.use_audio ?? false };
      }
    }
    this.store.settings.set(tenantId, KEY, next);
    return this.view(tenantId);
  }

  /** A new random backend token for the tenant, replacing its old one; returned once, stored hashed. */
  generateBackendToken(tenantId: string): string {
    const token = `dbt_${randomBytes(32).toString('base64url')}`;
    this.update(tenantId, { backend_auth_token: token });
    return token;
  }

  /**
   * The tenant whose backend token this is, or null. Every configured token is compared (in
   * constant time, over hashes), so the answer takes as long whichever tenant matches.
   */
  tenantForBackendToken(token: string): string | null {
    const presented = Buffer.from(hashToken(token), 'hex');
    let found: string | null = null;
    for (const { tenant_id, hash } of this.backendTokenHashes()) {
      if (timingSafeEqual(presented, Buffer.from(hash, 'hex')) && found === null) found = tenant_id;
    }
    return found;
  }

  allowsTenantIdBearer(tenantId: string): boolean {
    return this.stored(tenantId).allow_tenant_id_bearer === true;
  }

  greeting(tenantId: string): DencoGreeting | null {
    return this.stored(tenantId).greeting ?? null;
  }

  private backendTokenHashes(): { tenant_id: string; hash: string }[] {
    const out: { tenant_id: string; hash: string }[] = [];
    for (const t of this.store.tenants.list()) {
      const hash = this.stored(t.id).backend_token_hash ?? (t.id === DEFAULT_TENANT_ID ? this.envTokenHash : null);
      if (hash) out.push({ tenant_id: t.id, hash });
    }
    return out;
  }

  private checkedTokenHash(tenantId: string, token: string): string {
    if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) throw badRequest(`backend_auth_token: at least ${MIN_TOKEN_LENGTH} characters, no spaces`);
    const owner = this.tenantForBackendToken(token);
    if (owner !== null && owner !== tenantId) throw conflict('backend_auth_token is already used by another tenant; choose another');
    return hashToken(token);
  }

  private stored(tenantId: string): Stored {
    return this.store.settings.get<Stored>(tenantId, KEY) ?? {};
  }
}

/** Seed 000's `BACKEND_AUTH_TOKEN`: the default tenant's backend token when its settings hold none. */
export const envBackendToken = (env: NodeJS.ProcessEnv = process.env): string | null => env.BACKEND_AUTH_TOKEN?.trim() || null;
