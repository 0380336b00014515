import type { Migration } from '../migrate.ts';

/**
 * The queue and agent states (issue 5):
 * - an agent's status gets its reason (away: break, lunch…), since when, and when wrap-up ends;
 * - every status change is kept in `agent_status_history` for reporting (append-only);
 * - calls waiting for a person are `queue_entries`, so the queue survives a restart; one open
 *   entry per call at most.
 */
export const m005QueueAndAgentStates: Migration = {
  version: 5,
  name: 'queue and agent states',
  up(db) {
    db.exec(`
      ALTER TABLE agents ADD COLUMN status_reason TEXT;
      ALTER TABLE agents ADD COLUMN status_since TEXT NOT NULL DEFAULT '';
      ALTER TABLE agents ADD COLUMN wrap_up_until TEXT;
      UPDATE agents SET status_since = updated_at;

      CREATE TABLE agent_status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL,
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('offline', 'available', 'busy', 'wrap-up', 'away')),
        reason TEXT,
        previous_status TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agent_status_history_agent ON agent_status_history(tenant_id, agent_id, id);
      CREATE INDEX agent_status_history_at ON agent_status_history(tenant_id, at);
      CREATE TRIGGER agent_status_history_append_only BEFORE UPDATE ON agent_status_history
      BEGIN SELECT RAISE(ABORT, 'agent_status_history is append-only'); END;

      CREATE TABLE queue_entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('inbound', 'ai_handoff', 'callback')),
        state TEXT NOT NULL CHECK (state IN ('waiting', 'offered', 'assigned', 'completed', 'abandoned', 'removed')),
        call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),
        required_skills TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',
        enqueued_at TEXT NOT NULL,
        offered_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
        offered_at TEXT,
        offer_expires_at TEXT,
        passes TEXT NOT NULL DEFAULT '[]',
        assigned_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
        assigned_at TEXT,
        connect_mode TEXT CHECK (connect_mode IN ('refer', 'ai-refer', 'dial', 'integrator')),
        ended_at TEXT,
        end_reason TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX queue_entries_open ON queue_entries(tenant_id, state) WHERE state IN ('waiting', 'offered', 'assigned');
      CREATE INDEX queue_entries_enqueued ON queue_entries(tenant_id, enqueued_at);
      CREATE UNIQUE INDEX queue_entries_open_call ON queue_entries(call_id)
        WHERE call_id IS NOT NULL AND state IN ('waiting', 'offered', 'assigned');
    `);
  },
};
