import type { Agent, AgentRole, AgentStatus, IceServer, SeatMedia } from '../../../../shared/domain/agent.ts';
import type { Db } from '../database.ts';
import { nowIso, parseJson } from '../sql-values.ts';

/** A row as SQLite returns it: the columns below, with the JSON ones still text. */
interface AgentRow extends Omit<AgentColumns, 'skills' | 'sip_ice_servers'> {
  id: number;
  tenant_id: string;
  skills: string;
  sip_ice_servers: string;
  created_at: string;
  updated_at: string;
}

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    extension: row.extension,
    role: row.role,
    skills: parseJson<string[]>(row.skills, []),
    max_concurrent_calls: row.max_concurrent_calls,
    status: row.status,
    login_username: row.login_username,
    sip:
      row.sip_uri && row.sip_ws_url
        ? {
            uri: row.sip_uri,
            username: row.sip_username ?? '',
            ws_url: row.sip_ws_url,
            ice_servers: parseJson<IceServer[]>(row.sip_ice_servers, []),
            has_password: row.sip_password_sealed != null,
            media: row.sip_media,
          }
        : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Column values as stored: the password arrives hashed and the SIP secret sealed. */
export interface AgentColumns {
  name: string;
  extension: string | null;
  role: AgentRole;
  skills: string[];
  max_concurrent_calls: number;
  status: AgentStatus;
  login_username: string | null;
  login_password_hash: string | null;
  sip_uri: string | null;
  sip_username: string | null;
  sip_password_sealed: string | null;
  sip_ws_url: string | null;
  sip_ice_servers: IceServer[];
  sip_media: SeatMedia;
}

const toParams = (c: Partial<AgentColumns>): Record<string, unknown> => {
  const p: Record<string, unknown> = { ...c };
  if (c.skills) p.skills = JSON.stringify(c.skills);
  if (c.sip_ice_servers) p.sip_ice_servers = JSON.stringify(c.sip_ice_servers);
  return p;
};

const UPDATABLE: readonly (keyof AgentColumns)[] = [
  'name', 'extension', 'role', 'skills', 'max_concurrent_calls', 'status', 'login_username', 'login_password_hash',
  'sip_uri', 'sip_username', 'sip_password_sealed', 'sip_ws_url', 'sip_ice_servers', 'sip_media',
];

export class AgentsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, columns: AgentColumns): Agent {
    const at = nowIso();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO agents (tenant_id, name, extension, role, skills, max_concurrent_calls, status, login_username,
           login_password_hash, sip_uri, sip_username, sip_password_sealed, sip_ws_url, sip_ice_servers, sip_media, created_at, updated_at)
         VALUES (@tenant_id, @name, @extension, @role, @skills, @max_concurrent_calls, @status, @login_username,
           @login_password_hash, @sip_uri, @sip_username, @sip_password_sealed, @sip_ws_url, @sip_ice_servers, @sip_media, @at, @at)`,
      )
      .run({ ...toParams(columns), tenant_id: tenantId, at });
    return this.get(tenantId, Number(lastInsertRowid)) as Agent;
  }

  get(tenantId: string, id: number): Agent | null {
    const row = this.db.prepare('SELECT * FROM agents WHERE tenant_id = ? AND id = ?').get(tenantId, id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  list(tenantId: string): Agent[] {
    return (this.db.prepare('SELECT * FROM agents WHERE tenant_id = ? ORDER BY id').all(tenantId) as AgentRow[]).map(toAgent);
  }

  update(tenantId: string, id: number, patch: Partial<AgentColumns>): Agent | null {
    const keys = UPDATABLE.filter((k) => patch[k] !== undefined);
    if (keys.length > 0) {
      const sets = keys.map((k) => `${k} = @${k}`).join(', ');
      this.db
        .prepare(`UPDATE agents SET ${sets}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
        .run({ ...toParams(patch), updated_at: nowIso(), tenant_id: tenantId, id });
    }
    return this.get(tenantId, id);
  }

  delete(tenantId: string, id: number): boolean {
    return this.db.prepare('DELETE FROM agents WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }

  findLogin(tenantId: string, username: string): { agent: Agent; passwordHash: string } | null {
    const row = this.db
      .prepare('SELECT * FROM agents WHERE tenant_id = ? AND login_username = ? AND login_password_hash IS NOT NULL')
      .get(tenantId, username) as AgentRow | undefined;
    return row ? { agent: toAgent(row), passwordHash: row.login_password_hash as string } : null;
  }

  sealedSipPassword(tenantId: string, id: number): string | null {
    const row = this.db.prepare('SELECT sip_password_sealed FROM agents WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
      | { sip_password_sealed: string | null }
      | undefined;
    return row?.sip_password_sealed ?? null;
  }
}
