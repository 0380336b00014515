// The audit log of supervisor and admin actions (GET /api/v1/audit, console `auditLog`): what
// lands in it (another agent's status from a console or the API, queue / AI / supervision
// settings with secrets named but never written), what does not (an agent's own status), who
// may read it (admin keys and admin consoles only), paging, filters, tenant isolation, and that
// a written entry cannot be changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit.ts';
import { createConsoleAgent, signInConsole, startApiHarness, type ApiHarness, type HarnessConsole } from '../../support/api-harness.ts';

type Console = HarnessConsole;

describe('audit log', () => {
  let h: ApiHarness;
  let alice: Console;
  let sue: Console;
  let ada: Console;

  const signIn = async (name: string, username: string, role: 'agent' | 'supervisor' | 'admin') => signInConsole(h, username, await createConsoleAgent(h, name, username, { role }));
  const audit = async (query = ''): Promise<{ entries: AuditEntry[]; next_before: number | null }> => {
    const res = await h.req('GET', `/api/v1/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeEach(async () => {
    h = await startApiHarness();
    alice = await signIn('Alice Agent', 'alice', 'agent');
    sue = await signIn('Sue Supervisor', 'sue', 'supervisor');
    ada = await signIn('Ada Admin', 'ada', 'admin');
  });

  afterEach(async () => {
    await h.close();
  });

  it("records another agent's status set from a console or the API, not an agent's own choice", async () => {
    await alice.call('setAgentStatus', { status: 'away', reason: 'break' });
    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'away', reason: 'training' });
    expect((await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'online' } })).statusCode).toBe(200);

    const { entries } = await audit();
    expect(entries.map((e) => [e.action, e.actor, e.subject, e.data])).toEqual([
      ['agent.status', expect.stringMatching(/^key:/), `agent:${alice.agentId}`, { status: 'available', reason: null }],
      ['agent.status', `agent:${sue.agentId}`, `agent:${alice.agentId}`, { status: 'away', reason: 'training' }],
    ]);
  });

  it('records settings changes with their values, and names secrets without writing them', async () => {
    await sue.call('setQueueSettings', { wrap_up_seconds: 45 });
    expect((await h.req('PATCH', '/api/v1/queue/settings', { body: { offer_timeout_seconds: 20 } })).statusCode).toBe(200);
    await ada.call('setAiSettings', { base_url: 'http://127.0.0.1:9/v1', api_key: 'sk-very-secret-value' });
    await ada.call('setMonitorSettings', { secret: 'office-monitor-secret-1234567890' });

    const { entries } = await audit();
    expect(entries.map((e) => [e.action, e.subject, e.data])).toEqual([
      ['monitor.settings', 'monitor', { changed: {}, secrets_changed: ['secret'] }],
      ['ai.settings', 'ai', { changed: { base_url: 'http://127.0.0.1:9/v1' }, secrets_changed: ['api_key'] }],
      ['queue.settings', 'queue', { changed: { offer_timeout_seconds: 20 } }],
      ['queue.settings', 'queue', { changed: { wrap_up_seconds: 45 } }],
    ]);
    const raw = JSON.stringify(h.deps.store.auditLog.list('default', { limit: 100 }));
    expect(raw).not.toContain('sk-very-secret-value');
    expect(raw).not.toContain('office-monitor-secret');
  });

  it('a refused change is not recorded', async () => {
    await expect(sue.call('setQueueSettings', { wrap_up_seconds: 99_999 })).rejects.toThrow(/wrap_up_seconds/);
    expect((await audit()).entries).toEqual([]);
  });

  it('pages newest first and filters by action or family', async () => {
    for (const wrap of [10, 20, 30]) await sue.call('setQueueSettings', { wrap_up_seconds: wrap });
    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'away' });

    const first = await audit('?limit=2');
    expect(first.entries.map((e) => e.action)).toEqual(['agent.status', 'queue.settings']);
    expect(first.next_before).toBe(first.entries[1]!.id);
    const rest = await audit(`?limit=2&before=${first.next_before}`);
    expect(rest.entries.map((e) => e.data)).toEqual([{ changed: { wrap_up_seconds: 20 } }, { changed: { wrap_up_seconds: 10 } }]);
    expect(rest.next_before).toBeNull();

    expect((await audit('?action=queue')).entries).toHaveLength(3);
    expect((await audit('?action=agent.status')).entries).toHaveLength(1);
    expect((await h.req('GET', '/api/v1/audit?action=everything')).statusCode).toBe(400);
  });

  it('is for admins: admin keys and admin consoles read it, others get 403', async () => {
    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'away' });
    const reader = (await h.req('POST', '/api/v1/keys', { body: { name: 'reader', scopes: ['read'] } })).json().key as string;
    expect((await h.req('GET', '/api/v1/audit', { key: reader })).statusCode).toBe(403);
    await expect(sue.call('auditLog', {})).rejects.toMatchObject({ statusCode: 403 });
    await expect(alice.call('auditLog', {})).rejects.toMatchObject({ statusCode: 403 });
    const page = (await ada.call('auditLog', { action: 'agent' })) as { entries: AuditEntry[] };
    expect(page.entries.map((e) => e.action)).toEqual(['agent.status']);
  });

  it("keeps tenants apart, and a written entry cannot be changed", async () => {
    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'away' });
    expect((await h.req('POST', '/api/v1/tenants', { body: { id: 'other', name: 'Other' } })).statusCode).toBe(201);
    const otherAdmin = (await h.req('POST', '/api/v1/keys', { body: { name: 'other admin', scopes: ['read', 'write', 'admin'], tenant_id: 'other' } })).json().key as string;
    const theirs = await h.req('GET', '/api/v1/audit', { key: otherAdmin });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().entries).toEqual([]);

    const [entry] = h.deps.store.auditLog.list('default', { limit: 1 });
    const db = (h.deps.store as unknown as { db: { prepare(sql: string): { run(...a: unknown[]): unknown } } }).db;
    expect(() => db.prepare('UPDATE audit_log SET actor = ? WHERE id = ?').run('someone-else', entry!.id)).toThrow(/append-only/);
  });
});
