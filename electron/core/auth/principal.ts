import type { ApiScope } from '../../../shared/domain/api-key.ts';
import type { AgentRole } from '../../../shared/domain/agent.ts';
import { DEFAULT_TENANT_ID } from '../../../shared/domain/tenant.ts';

/**
 * Who is asking, always inside exactly one tenant: an API key, a signed-in console, or a seed
 * system's own credential mapped onto a tenant (a `service`, e.g. DENCO's backend token).
 */
export interface Principal {
  kind: 'api-key' | 'console' | 'service';
  tenant_id: string;
  scopes: ReadonlySet<ApiScope>;
  /** Stable id for rate limiting and the audit trail: `key:<id>` or `agent:<id>`. */
  actor: string;
  rate_limit_per_minute: number;
  /** An API key's further limits (seed 004); absent or null: none. */
  rate_limit_per_hour?: number | null;
  rate_limit_per_day?: number | null;
  agent_id: number | null;
}

/** admin ⊃ write ⊃ read. */
export function hasScope(p: Principal, needed: ApiScope): boolean {
  if (p.scopes.has('admin')) return true;
  if (needed === 'read') return p.scopes.has('read') || p.scopes.has('write');
  return p.scopes.has(needed);
}

/** Only an admin of the office's own tenant may see or manage other tenants. */
export const isOperator = (p: Principal): boolean => p.tenant_id === DEFAULT_TENANT_ID && p.scopes.has('admin');

export function scopesForRole(role: AgentRole): ApiScope[] {
  return role === 'admin' ? ['read', 'write', 'admin'] : ['read', 'write'];
}
