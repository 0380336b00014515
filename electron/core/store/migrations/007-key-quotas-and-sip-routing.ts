import type { Migration } from '../migrate.ts';

/**
 * Seed 004 and 002 (issue 6):
 * - API keys may also be limited per hour and per day (NULL: no limit besides the per-minute one);
 * - SIP trunks (seed 002's inbound/outbound trunks with their numbers) and dispatch rules
 *   (which trunks' calls go where), kept per tenant with the seed's ids (`ST_…`, `SDR_…`).
 */
export const m007KeyQuotasAndSipRouting: Migration = {
  version: 7,
  name: 'key quotas and sip routing',
  up(db) {
    db.exec(`
      ALTER TABLE api_keys ADD COLUMN rate_limit_per_hour INTEGER CHECK (rate_limit_per_hour IS NULL OR rate_limit_per_hour >= 1);
      ALTER TABLE api_keys ADD COLUMN rate_limit_per_day INTEGER CHECK (rate_limit_per_day IS NULL OR rate_limit_per_day >= 1);

      CREATE TABLE sip_trunks (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        trunk_type TEXT NOT NULL CHECK (trunk_type IN ('inbound', 'outbound')),
        name TEXT NOT NULL,
        address TEXT,
        numbers TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sip_trunks_tenant ON sip_trunks(tenant_id, trunk_type, created_at);

      CREATE TABLE sip_dispatch_rules (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        trunk_ids TEXT NOT NULL DEFAULT '[]',
        room_pattern TEXT NOT NULL,
        hide_phone_number INTEGER NOT NULL DEFAULT 0 CHECK (hide_phone_number IN (0, 1)),
        pin_hash TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sip_dispatch_rules_tenant ON sip_dispatch_rules(tenant_id, created_at);
    `);
  },
};
