import type { ApiKey, ApiScope } from '../../../../shared/domain/api-key.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  scopes: string;
  rate_limit_per_minute: number;
  rate_limit_per_hour: number | null;
  rate_limit_per_day: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, tenant_id, name, prefix, scopes, rate_limit_per_minute, rate_limit_per_hour, rate_limit_per_day, created_at, last_used_at, revoked_at';
const toApiKey = (row: ApiKeyRow): ApiKey => ({ ...row, scopes: parseJson<ApiScope[]>(row.scopes, []) });

export interface NewApiKey {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: ApiScope[];
  rate_limit_per_minute: number;
  rate_limit_per_hour?: number | null;
  rate_limit_per_day?: number | null;
}

/** Keys are stored only as hashes; the caller hashes and shows the plain key once. */
export class ApiKeysRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(input: NewApiKey): ApiKey {
    prepared(
      this.db,
      `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, rate_limit_per_minute, rate_limit_per_hour, rate_limit_per_day, created_at)
       VALUES (@id, @tenant_id, @name, @prefix, @key_hash, @scopes, @rate_limit_per_minute, @rate_limit_per_hour, @rate_limit_per_day, @created_at)`,
    ).run({ rate_limit_per_hour: null, rate_limit_per_day: null, ...input, scopes: JSON.stringify(input.scopes), created_at: nowIso() });
    return this.get(input.tenant_id, input.id) as ApiKey;
  }

  get(tenantId: string, id: string): ApiKey | null {
    const row = prepared(this.db, `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = ? AND id = ?`).get(tenantId, id) as ApiKeyRow | undefined;
    return row ? toApiKey(row) : null;
  }

  /** The live (not revoked) key with this hash, in any tenant: authentication decides the tenant. */
  findActiveByHash(keyHash: string): ApiKey | null {
    const row = prepared(this.db, `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`)
      .get(keyHash) as ApiKeyRow | undefined;
    return row ? toApiKey(row) : null;
  }

  list(tenantId: string): ApiKey[] {
    const rows = prepared(this.db, `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`).all(tenantId) as ApiKeyRow[];
    return rows.map(toApiKey);
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM api_keys').get() as { n: number }).n;
  }

  revoke(tenantId: string, id: string): ApiKey | null {
    prepared(this.db, 'UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL').run(nowIso(), tenantId, id);
    return this.get(tenantId, id);
  }

  touch(id: string, at: string): void {
    prepared(this.db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
  }
}
