import type { Principal } from '../../../auth/principal.ts';
import type { Store } from '../../../store/store.ts';
import type { Credential } from '../bearer-auth.ts';
import type { DencoSettings } from './denco-settings.ts';

/** The PBX side posts every call's start, end and digits; it must not be throttled like a person. */
const BACKEND_RATE_PER_MINUTE = 6000;
const TENANT_BEARER_RATE_PER_MINUTE = 600;

/**
 * Seed 000's backend token (`Authorization: Bearer {BACKEND_AUTH_TOKEN}`): a service principal
 * of the token's tenant that may read and write — what the seed's Node.js/Asterisk layer does.
 */
export const backendTokenCredential =
  (settings: DencoSettings): Credential =>
  (token) => {
    const tenant = settings.tenantForBackendToken(token);
    if (tenant === null) return null;
    return { kind: 'service', tenant_id: tenant, scopes: new Set(['read', 'write']), actor: 'service:denco-backend', rate_limit_per_minute: BACKEND_RATE_PER_MINUTE, agent_id: null };
  };

/**
 * Seed 000's frontend practice, `Authorization: Bearer {TENANT_ID}`: only for a tenant that has
 * explicitly allowed it (tenant ids are not secrets), and then read-only.
 */
export const tenantIdCredential =
  (store: Store, settings: DencoSettings): Credential =>
  (token): Principal | null => {
    if (!store.tenants.get(token) || !settings.allowsTenantIdBearer(token)) return null;
    return { kind: 'service', tenant_id: token, scopes: new Set(['read']), actor: `tenant-bearer:${token}`, rate_limit_per_minute: TENANT_BEARER_RATE_PER_MINUTE, agent_id: null };
  };
