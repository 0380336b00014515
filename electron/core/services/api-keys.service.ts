import type { ApiKey, ApiScope } from '../../../shared/domain/api-key.ts';
import { DEFAULT_TENANT_ID } from '../../../shared/domain/tenant.ts';
import { badRequest, notFound } from '../errors.ts';
import { hashToken, keyPrefix, newApiKeySecret, newId } from '../security/tokens.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface CreatedApiKey {
  api_key: ApiKey;
  /** Shown once; only its hash is kept. */
  key: string;
}

export class ApiKeysService {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  create(
    tenantId: string,
    input: { name?: string; scopes: ApiScope[]; rate_limit_per_minute?: number; rate_limit_per_hour?: number | null; rate_limit_per_day?: number | null },
    secret = newApiKeySecret(),
  ): CreatedApiKey {
    if (!this.store.tenants.get(tenantId)) throw notFound(`tenant ${tenantId}`);
    if (input.scopes.length === 0) throw badRequest('an API key needs at least one scope');
    if (this.store.apiKeys.findActiveByHash(hashToken(secret))) throw badRequest('that key is already in use');
    const api_key = this.store.apiKeys.create({
      id: newId('key'),
      tenant_id: tenantId,
      name: input.name ?? 'API key',
      prefix: keyPrefix(secret),
      key_hash: hashToken(secret),
      scopes: [...new Set(input.scopes)],
      rate_limit_per_minute: input.rate_limit_per_minute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      rate_limit_per_hour: input.rate_limit_per_hour ?? null,
      rate_limit_per_day: input.rate_limit_per_day ?? null,
    });
    return { api_key, key: secret };
  }

  /** EARSHOT_BOOTSTRAP_KEY: on a store with no keys at all, the given key becomes an admin of `default`. */
  bootstrap(secret: string): ApiKey | null {
    if (this.store.apiKeys.count() > 0) return null;
    this.store.tenants.ensure(DEFAULT_TENANT_ID, 'Default');
    return this.create(DEFAULT_TENANT_ID, { name: 'bootstrap', scopes: ['read', 'write', 'admin'] }, secret).api_key;
  }
}
