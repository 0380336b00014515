export interface Tenant {
  id: string;
  name: string;
  created_at: string;
}

/** The tenant that owns the office install; its admin keys may manage other tenants. */
export const DEFAULT_TENANT_ID = 'default';
