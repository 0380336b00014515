import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/core/store/migrate.ts';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index.ts';
import { Store } from '../../../../electron/core/store/store.ts';
import { KeyQuotas } from '../../../../electron/core/api/plugins/key-quotas.ts';

const m007 = MIGRATIONS.findIndex((m) => m.name === 'key quotas and sip routing');

describe('migration 007: key quotas and SIP routing', () => {
  it('keeps existing keys without hour/day limits and adds the trunk and rule tables', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, m007));
    db.prepare("INSERT INTO tenants VALUES ('t', 'T', 'x')").run();
    db.prepare("INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_at) VALUES ('k', 't', 'n', 'p', 'h', '[\"read\"]', 'x')").run();
    migrate(db, MIGRATIONS.slice(0, m007 + 1));
    expect(schemaVersion(db)).toBe(MIGRATIONS[m007]!.version);
    expect(db.prepare('SELECT rate_limit_per_minute, rate_limit_per_hour, rate_limit_per_day FROM api_keys').get()).toEqual({ rate_limit_per_minute: 600, rate_limit_per_hour: null, rate_limit_per_day: null });
    expect(() => db.prepare('UPDATE api_keys SET rate_limit_per_hour = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sip_trunks (id, tenant_id, trunk_type, name, created_at) VALUES ('ST_1', 't', 'sideways', 'x', 'x')").run()).toThrow(/CHECK/);
  });
});

describe('SipRoutingRepo', () => {
  it('stores trunks and rules per tenant; a PIN is kept only as a hash', () => {
    const store = Store.open(':memory:');
    store.tenants.ensure('a', 'A');
    store.tenants.ensure('b', 'B');
    const trunk = store.sipRouting.createTrunk('a', { id: 'ST_1', trunk_type: 'inbound', name: 'In', address: null, numbers: ['+15183171307'] });
    expect(trunk).toMatchObject({ trunk_id: 'ST_1', tenant_id: 'a', trunk_type: 'inbound', address: null, numbers: ['+15183171307'] });
    const rule = store.sipRouting.createRule('a', { id: 'SDR_1', name: 'R', trunk_ids: ['ST_1'], room_pattern: 'call-{call_id}', hide_phone_number: true, pin_hash: 'h', metadata: { k: 1 } });
    expect(rule).toMatchObject({ rule_id: 'SDR_1', trunk_ids: ['ST_1'], hide_phone_number: true, has_pin: true, metadata: { k: 1 } });
    expect(rule).not.toHaveProperty('pin_hash');
    expect(store.sipRouting.trunks('b')).toEqual([]);
    expect(store.sipRouting.rules('b')).toEqual([]);
    store.close();
  });
});

describe('KeyQuotas', () => {
  it('counts every limit of a hit, refuses without counting once one is used up, and opens a new window after it', () => {
    let now = 0;
    const quotas = new KeyQuotas(() => now);
    const hour = { key: 'k:hour', max: 2, windowMs: 3_600_000, per: 'requests per hour' };
    const day = { key: 'k:day', max: 3, windowMs: 86_400_000, per: 'requests per day' };
    expect(quotas.take([hour, day]).states.map((s) => s.remaining)).toEqual([1, 2]);
    expect(quotas.take([hour, day]).states.map((s) => s.remaining)).toEqual([0, 1]);
    const refused = quotas.take([hour, day]);
    expect(refused.exceeded).toMatchObject({ limit: hour, remaining: 0, resetMs: 3_600_000 });
    now = 3_600_000;
    expect(quotas.take([hour, day]).states.map((s) => s.remaining)).toEqual([1, 0]);
    expect(quotas.take([hour, day]).exceeded?.limit).toBe(day);
  });
});
