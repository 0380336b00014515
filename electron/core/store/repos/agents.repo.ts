import type { Agent, AgentRole, AgentStatus, IceServer, SeatMedia } from '../../../../shared/domain/agent.ts';
import type { Db } from '../database.ts';
import { prepared } from '../statements.ts';
import { nowIso, parseJson } from '../sql-values.ts';

/** A row as SQLite returns it: the columns below, with the JSON ones still text. */
interface AgentRow extends Omit<AgentColumns, 'skills' | 'sip_ice_servers' | 'sip_send_audio'> {
  id: number;
  status_reason: string | null;
  status_since: string;
  wrap_up_until: string | null;
  tenant_id: string;
  skills: string;
  sip_ice_servers: string;
  sip_send_audio: number;
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
    status_reason: row.status_reason,
    status_since: row.status_since || row.updated_at,
    wrap_up_until: row.wrap_up_until,
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
            send_audio: row.sip_send_audio === 1,
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
  sip_send_audio: boolean;
}

export interface AgentStatusChange {
  status: AgentStatus;
  reason: string | null;
  wrap_up_until: string | null;
  at: string;
  /** Who changed it: `agent:<id>`, `key:<id>`, `system`. */
  actor: string;
  /** Only if the status is still this one. */
  expect?: AgentStatus;
}

export interface AgentStatusHistoryRow {
  status: AgentStatus;
  reason: string | null;
  previous_status: AgentStatus | null;
  actor: string;
  at: string;
}

const toParams = (c: Partial<AgentColumns>): Record<string, unknown> => {
  const p: Record<string, unknown> = { ...c };
  if (c.skills) p.skills = JSON.stringify(c.skills);
  if (c.sip_ice_servers) p.sip_ice_servers = JSON.stringify(c.sip_ice_servers);
  if (c.sip_send_audio !== undefined) p.sip_send_audio = c.sip_send_audio ? 1 : 0;
  return p;
};

const UPDATABLE: readonly (keyof AgentColumns)[] = [
  'name', 'extension', 'role', 'skills', 'max_concurrent_calls', 'login_username', 'login_password_hash',
  'sip_uri', 'sip_username', 'sip_password_sealed', 'sip_ws_url', 'sip_ice_servers', 'sip_media', 'sip_send_audio',
];

export class AgentsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(tenantId: string, columns: AgentColumns): Agent {
    const at = nowIso();
    const { lastInsertRowid } = prepared(
      this.db,
      `INSERT INTO agents (tenant_id, name, extension, role, skills, max_concurrent_calls, status, login_username,
         login_password_hash, sip_uri, sip_username, sip_password_sealed, sip_ws_url, sip_ice_servers, sip_media, sip_send_audio, created_at, updated_at)
       VALUES (@tenant_id, @name, @extension, @role, @skills, @max_concurrent_calls, @status, @login_username,
         @login_password_hash, @sip_uri, @sip_username, @sip_password_sealed, @sip_ws_url, @sip_ice_servers, @sip_media, @sip_send_audio, @at, @at)`,
    ).run({ ...toParams(columns), tenant_id: tenantId, at });
    const id = Number(lastInsertRowid);
    prepared(this.db, 'UPDATE agents SET status_since = updated_at WHERE id = ?').run(id);
    return this.get(tenantId, id) as Agent;
  }

  get(tenantId: string, id: number): Agent | null {
    const row = prepared(this.db, 'SELECT * FROM agents WHERE tenant_id = ? AND id = ?').get(tenantId, id) as AgentRow | undefined;
    return row ? toAgent(row) : null;
  }

  list(tenantId: string): Agent[] {
    return (prepared(this.db, 'SELECT * FROM agents WHERE tenant_id = ? ORDER BY id').all(tenantId) as AgentRow[]).map(toAgent);
  }

  update(tenantId: string, id: number, patch: Partial<AgentColumns>): Agent | null {
    const keys = UPDATABLE.filter((k) => patch[k] !== undefined);
    if (keys.length > 0) {
      const sets = keys.map((k) => `${k} = @${k}`).join(', ');
      prepared(this.db, `UPDATE agents SET ${sets}, updated_at = @updated_at WHERE tenant_id = @tenant_id AND id = @id`)
        .run({ ...toParams(patch), updated_at: nowIso(), tenant_id: tenantId, id });
    }
    return this.get(tenantId, id);
  }

  delete(tenantId: string, id: number): boolean {
    return prepared(this.db, 'DELETE FROM agents WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }

  findLogin(tenantId: string, username: string): { agent: Agent; passwordHash: string } | null {
    const row = prepared(this.db, 'SELECT * FROM agents WHERE tenant_id = ? AND login_username = ? AND login_password_hash IS NOT NULL')
      .get(tenantId, username) as AgentRow | undefined;
    return row ? { agent: toAgent(row), passwordHash: row.login_password_hash as string } : null;
  }

  /**
   * Writes a status change and its history row together. `expect` guards against a change
   * computed from a status that has moved on meanwhile: null when the row no longer matches.
   */
  setStatus(tenantId: string, id: number, change: AgentStatusChange): Agent | null {
    return this.db.transaction(() => {
      const before = this.get(tenantId, id);
      if (!before || (change.expect !== undefined && before.status !== change.expect)) return null;
      prepared(
        this.db,
        `UPDATE agents SET status = @status, status_reason = @reason, status_since = @at, wrap_up_until = @wrap_up_until, updated_at = @at
         WHERE tenant_id = @tenant_id AND id = @id`,
      ).run({ status: change.status, reason: change.reason, at: change.at, wrap_up_until: change.wrap_up_until, tenant_id: tenantId, id });
      prepared(
        this.db,
        `INSERT INTO agent_status_history (tenant_id, agent_id, status, reason, previous_status, actor, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(tenantId, id, change.status, change.reason, before.status, change.actor, change.at);
      return this.get(tenantId, id);
    })();
  }

  /** Status changes of one agent, oldest first (reporting: time in each state). */
  statusHistory(tenantId: string, id: number, since?: string): AgentStatusHistoryRow[] {
    return prepared(
      this.db,
      `SELECT status, reason, previous_status, actor, at FROM agent_status_history
       WHERE tenant_id = ? AND agent_id = ? AND at >= ? ORDER BY id`,
    ).all(tenantId, id, since ?? '') as AgentStatusHistoryRow[];
  }

  sealedSipPassword(tenantId: string, id: number): string | null {
    const row = prepared(this.db, 'SELECT sip_password_sealed FROM agents WHERE tenant_id = ? AND id = ?').get(tenantId, id) as
      | { sip_password_sealed: string | null }
      | undefined;
    return row?.sip_password_sealed ?? null;
  }
}
