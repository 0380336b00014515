import type { Migration } from '../migrate.ts';

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        scopes TEXT NOT NULL,
        rate_limit_per_minute INTEGER NOT NULL DEFAULT 600,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX api_keys_tenant ON api_keys(tenant_id);

      CREATE TABLE agents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        extension TEXT,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        skills TEXT NOT NULL DEFAULT '[]',
        max_concurrent_calls INTEGER NOT NULL DEFAULT 1,
        status TEXT NOT NULL DEFAULT 'offline'
          CHECK (status IN ('offline', 'available', 'busy', 'wrap-up', 'away')),
        login_username TEXT,
        login_password_hash TEXT,
        sip_uri TEXT,
        sip_username TEXT,
        sip_password_sealed TEXT,
        sip_ws_url TEXT,
        sip_ice_servers TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (tenant_id, login_username),
        UNIQUE (tenant_id, extension)
      ) STRICT;

      CREATE TABLE assistants (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT,
        instructions TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL,
        voice TEXT NOT NULL,
        language TEXT,
        phone_numbers TEXT NOT NULL DEFAULT '[]',
        faq_knowledge_base TEXT,
        is_active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assistants_tenant ON assistants(tenant_id);

      CREATE TABLE calls (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sid TEXT NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        status TEXT NOT NULL,
        handled_by TEXT NOT NULL DEFAULT 'none',
        agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
        assistant_id INTEGER REFERENCES assistants(id) ON DELETE SET NULL,
        started_at TEXT NOT NULL,
        answered_at TEXT,
        ended_at TEXT,
        duration_seconds REAL,
        end_reason TEXT,
        sip_code INTEGER,
        sentiment TEXT CHECK (sentiment IN ('positive', 'neutral', 'negative')),
        summary TEXT,
        transfer_count INTEGER NOT NULL DEFAULT 0,
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calls_tenant_started ON calls(tenant_id, started_at DESC);
      CREATE INDEX calls_tenant_status ON calls(tenant_id, status);
      CREATE INDEX calls_agent ON calls(agent_id);

      CREATE TABLE call_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX call_events_call ON call_events(call_id, id);

      CREATE TABLE transcript_segments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        confidence REAL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        is_final INTEGER NOT NULL DEFAULT 1,
        source TEXT NOT NULL,
        model TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transcript_segments_call ON transcript_segments(call_id, start_ms);

      CREATE TABLE dtmf_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        digit TEXT NOT NULL CHECK (length(digit) = 1),
        source TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dtmf_events_call ON dtmf_events(call_id, id);

      CREATE TABLE settings (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      ) STRICT;

      CREATE TABLE console_sessions (
        token_hash TEXT PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX console_sessions_agent ON console_sessions(agent_id);
    `);
  },
};
