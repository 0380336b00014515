export const API_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKey {
  id: string;
  tenant_id: string;
  name: string;
  /** First characters of the key, so a person can tell keys apart; the key itself is never stored. */
  prefix: string;
  scopes: ApiScope[];
  rate_limit_per_minute: number;
  /** Further limits per hour and per day; null: none besides the per-minute one. */
  rate_limit_per_hour: number | null;
  rate_limit_per_day: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
