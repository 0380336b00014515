import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index.ts';
import { Store } from '../../../../electron/core/store/store.ts';
import type { AgentColumns } from '../../../../electron/core/store/repos/agents.repo.ts';

const agentColumns = (over: Partial<AgentColumns> = {}): AgentColumns => ({
  name: 'Alice',
  extension: '1001',
  role: 'agent',
  skills: ['billing'],
  max_concurrent_calls: 2,
  status: 'offline',
  login_username: 'alice',
  login_password_hash: 'scrypt$hash',
  sip_uri: 'sip:alice@pbx.lan',
  sip_username: 'alice',
  sip_password_sealed: 'keyfile:v1.sealed',
  sip_ws_url: 'wss://pbx.lan:8089/ws',
  sip_ice_servers: [],
  sip_media: 'renderer',
  sip_send_audio: true,
  ...over,
});

describe('repositories', () => {
  let store: Store;
  beforeEach(() => {
    store = Store.open(':memory:');
    store.tenants.create({ id: 'a', name: 'A' });
    store.tenants.create({ id: 'b', name: 'B' });
  });

  it('agents: round-trip, never expose secrets, scoped by tenant', () => {
    const alice = store.agents.create('a', agentColumns());
    expect(alice).toMatchObject({ tenant_id: 'a', name: 'Alice', skills: ['billing'], sip: { uri: 'sip:alice@pbx.lan', has_password: true } });
    expect(JSON.stringify(alice)).not.toContain('sealed');
    expect(JSON.stringify(alice)).not.toContain('scrypt');
    expect(store.agents.get('b', alice.id)).toBeNull();
    expect(store.agents.update('b', alice.id, { name: 'Mallory' })).toBeNull();
    expect(store.agents.delete('b', alice.id)).toBe(false);
    expect(store.agents.get('a', alice.id)?.name).toBe('Alice');
    expect(store.agents.findLogin('a', 'alice')?.passwordHash).toBe('scrypt$hash');
    expect(store.agents.findLogin('b', 'alice')).toBeNull();
    expect(store.agents.sealedSipPassword('a', alice.id)).toBe('keyfile:v1.sealed');
  });

  it('agents: login and extension are unique within a tenant, not across tenants', () => {
    store.agents.create('a', agentColumns());
    expect(() => store.agents.create('a', agentColumns({ extension: '1002' }))).toThrow(/UNIQUE/);
    expect(() => store.agents.create('a', agentColumns({ login_username: 'other' }))).toThrow(/UNIQUE/);
    expect(store.agents.create('b', agentColumns()).tenant_id).toBe('b');
  });

  it('calls: list filters, pagination, active flag and counts', () => {
    const mk = (status: 'ringing' | 'completed', direction: 'inbound' | 'outbound', started_at: string, tenant = 'a') =>
      store.calls.create(tenant, { sid: `CA${started_at}${tenant}`, direction, from_number: '+15550001', to_number: '1001', status, started_at });
    mk('completed', 'inbound', '2026-01-01T10:00:00.000Z');
    mk('ringing', 'inbound', '2026-01-01T11:00:00.000Z');
    mk('completed', 'outbound', '2026-01-01T12:00:00.000Z');
    mk('ringing', 'inbound', '2026-01-01T13:00:00.000Z', 'b');

    const all = store.calls.list('a', {});
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.started_at)).toEqual(['2026-01-01T12:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T10:00:00.000Z']);
    expect(store.calls.list('a', { limit: 1, offset: 1 }).items[0]?.started_at).toBe('2026-01-01T11:00:00.000Z');
    expect(store.calls.list('a', { active: true }).items.map((c) => c.status)).toEqual(['ringing']);
    expect(store.calls.list('a', { direction: 'outbound' }).total).toBe(1);
    expect(store.calls.list('a', { since: '2026-01-01T11:00:00.000Z', until: '2026-01-01T12:00:00.000Z' }).total).toBe(1);
    expect(store.calls.countActive()).toBe(2);
  });

  it('calls: update, metadata JSON and sid lookup stay inside the tenant', () => {
    const call = store.calls.create('a', { sid: 'CA1', direction: 'inbound', from_number: 'x', to_number: 'y', status: 'ringing', metadata: { queue: 'billing' } });
    expect(call.metadata).toEqual({ queue: 'billing' });
    const done = store.calls.update('a', call.id, { status: 'completed', duration_seconds: 42.5, metadata: { queue: 'billing', wrap: 'ok' } });
    expect(done).toMatchObject({ status: 'completed', duration_seconds: 42.5, metadata: { wrap: 'ok' } });
    expect(store.calls.getBySid('a', 'CA1')?.id).toBe(call.id);
    expect(store.calls.getBySid('b', 'CA1')).toBeNull();
    expect(store.calls.update('b', call.id, { status: 'failed' })).toBeNull();
    expect(store.calls.get('a', call.id)?.status).toBe('completed');
  });

  it('call events, transcript segments and DTMF belong to their call and tenant', () => {
    const call = store.calls.create('a', { sid: 'CA2', direction: 'inbound', from_number: 'x', to_number: 'y', status: 'ringing' });
    store.callEvents.append('a', call.id, 'call.answered', 'agent:1', { by: 'alice' });
    store.transcripts.add('a', call.id, { speaker: 'agent', text: 'Second', start_ms: 2000, end_ms: 2500, source: 'api' });
    store.transcripts.add('a', call.id, { speaker: 'caller', text: 'First', start_ms: 100, end_ms: 900, source: 'api', confidence: 0.9 });
    store.dtmf.add('a', call.id, '5', 'rfc4733');
    expect(store.callEvents.list('a', call.id).map((e) => [e.type, e.data])).toEqual([['call.answered', { by: 'alice' }]]);
    expect(store.transcripts.list('a', call.id).map((s) => s.text)).toEqual(['First', 'Second']);
    expect(store.transcripts.list('a', call.id, { speaker: 'caller' })).toHaveLength(1);
    expect(store.transcripts.list('a', call.id)[0]).toMatchObject({ is_final: true, confidence: 0.9 });
    expect(store.dtmf.list('a', call.id).map((d) => d.digit)).toEqual(['5']);
    expect(store.callEvents.list('b', call.id)).toEqual([]);
    expect(store.transcripts.list('b', call.id)).toEqual([]);
    expect(store.dtmf.list('b', call.id)).toEqual([]);
  });

  it('api keys: found by hash while live, not after revoke', () => {
    store.apiKeys.create({ id: 'k1', tenant_id: 'a', name: 'ci', prefix: 'esk_ab', key_hash: 'h1', scopes: ['read'], rate_limit_per_minute: 100 });
    expect(store.apiKeys.findActiveByHash('h1')).toMatchObject({ id: 'k1', tenant_id: 'a', scopes: ['read'] });
    expect(store.apiKeys.revoke('b', 'k1')).toBeNull();
    expect(store.apiKeys.revoke('a', 'k1')?.revoked_at).not.toBeNull();
    expect(store.apiKeys.findActiveByHash('h1')).toBeNull();
  });

  it('settings and console sessions', () => {
    store.settings.set('a', 'theme', { mode: 'dark' });
    store.settings.set('a', 'theme', { mode: 'light' });
    expect(store.settings.get('a', 'theme')).toEqual({ mode: 'light' });
    expect(store.settings.all('b')).toEqual({});
    const agent = store.agents.create('a', agentColumns());
    store.consoleSessions.create({ token_hash: 'live', agent_id: agent.id, tenant_id: 'a', expires_at: '2999-01-01T00:00:00.000Z' });
    store.consoleSessions.create({ token_hash: 'old', agent_id: agent.id, tenant_id: 'a', expires_at: '2000-01-01T00:00:00.000Z' });
    expect(store.consoleSessions.findLive('live')?.agent_id).toBe(agent.id);
    expect(store.consoleSessions.findLive('old')).toBeNull();
    expect(store.consoleSessions.purgeExpired()).toBe(1);
    store.agents.delete('a', agent.id);
    expect(store.consoleSessions.findLive('live')).toBeNull();
  });

  it('a transaction lands whole or not at all', () => {
    expect(() =>
      store.transaction(() => {
        store.calls.create('a', { sid: 'CA3', direction: 'inbound', from_number: 'x', to_number: 'y', status: 'ringing' });
        store.calls.create('a', { sid: 'CA3', direction: 'inbound', from_number: 'x', to_number: 'y', status: 'ringing' });
      }),
    ).toThrow(/UNIQUE/);
    expect(store.calls.getBySid('a', 'CA3')).toBeNull();
  });

  it('health reports integrity and schema version', () => {
    expect(store.health()).toEqual({ ok: true, schemaVersion: MIGRATIONS.length, integrity: 'ok' });
  });
});
