import type { Tenant } from '../../../../shared/domain/tenant.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso } from '../sql-values.ts';

export class TenantsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(input: { id: string; name: string }): Tenant {
    const tenant: Tenant = { id: input.id, name: input.name, created_at: nowIso() };
    prepared(this.db, 'INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @created_at)').run(tenant);
    return tenant;
  }

  get(id: string): Tenant | null {
    return (prepared(this.db, 'SELECT id, name, created_at FROM tenants WHERE id = ?').get(id) as Tenant | undefined) ?? null;
  }

  list(): Tenant[] {
    return prepared(this.db, 'SELECT id, name, created_at FROM tenants ORDER BY created_at, id').all() as Tenant[];
  }

  ensure(id: string, name: string): Tenant {
    return this.get(id) ?? this.create({ id, name });
  }
}
