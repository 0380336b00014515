// The audit card's pure parts: who an actor is, what an entry concerns, the details worth
// showing (secrets by name only); and the store's paging and filtering over a client.
import { describe, expect, it } from 'vitest';
import type { CoreArg, CoreClient } from '../../../shared/contracts/core-client.ts';
import type { AuditEntry } from '../../../shared/domain/audit.ts';
import { auditActor, auditDetails, auditSubjectAgent } from '../../../renderer/src/features/audit/audit-entry.ts';
import { createAuditStore } from '../../../renderer/src/state/audit.store.ts';

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  tenant_id: 'default',
  at: '2026-11-23T09:00:00.000Z',
  actor: 'agent:3',
  action: 'monitor.started',
  call_sid: 'CA1',
  subject: null,
  data: { mode: 'listen' },
  ...over,
});

describe('audit entries for people', () => {
  it('names console users, API keys and the system', () => {
    const names = (id: number) => (id === 3 ? 'Carol' : null);
    expect(auditActor('agent:3', names)).toEqual({ kind: 'agent', id: 3, name: 'Carol' });
    expect(auditActor('agent:9', names)).toEqual({ kind: 'agent', id: 9, name: null });
    expect(auditActor('key:17', names)).toEqual({ kind: 'key', id: '17' });
    expect(auditActor('system', names)).toEqual({ kind: 'system' });
  });

  it('finds the agent a status change concerns', () => {
    expect(auditSubjectAgent({ subject: 'agent:5' })).toBe(5);
    expect(auditSubjectAgent({ subject: 'queue' })).toBeNull();
    expect(auditSubjectAgent({ subject: null })).toBeNull();
  });

  it('shows the mode, the refusal, the status and what settings changed, never a secret', () => {
    expect(auditDetails(entry(1, { action: 'monitor.mode', data: { from: 'listen', mode: 'barge' } }))).toEqual([
      ['from', 'listen'],
      ['mode', 'barge'],
    ]);
    expect(auditDetails(entry(2, { action: 'monitor.refused', data: { code: 403, reason: 'Monitor token expired', from: 'carol@pbx' } }))).toEqual([
      ['code', '403'],
      ['reason', 'Monitor token expired'],
      ['from', 'carol@pbx'],
    ]);
    expect(auditDetails(entry(3, { action: 'agent.status', data: { status: 'away', reason: null } }))).toEqual([['status', 'away']]);
    expect(auditDetails(entry(4, { action: 'ai.settings', data: { changed: { base_url: 'http://ai.lan/v1' }, secrets_changed: ['api_key'] } }))).toEqual([
      ['base_url', 'http://ai.lan/v1'],
      ['api_key', '••••'],
    ]);
    expect(auditDetails(entry(5, { action: 'monitor.settings', data: { changed: { pbx_codes: { listen: '*222' } } } }))).toEqual([['pbx_codes', '{"listen":"*222"}']]);
  });
});

describe('audit store', () => {
  const fakeClient = (all: AuditEntry[], calls: CoreArg<'auditLog'>[]): CoreClient =>
    ({
      async call(method: string, arg: CoreArg<'auditLog'>) {
        if (method !== 'auditLog') throw new Error(`unexpected ${method}`);
        calls.push(arg);
        const matching = all.filter((e) => (arg.action ? e.action.startsWith(`${arg.action}.`) || e.action === arg.action : true) && (arg.before === undefined || e.id < arg.before));
        const page = matching.slice(0, arg.limit ?? 50);
        return { entries: page, next_before: matching.length > page.length ? page.at(-1)!.id : null };
      },
    }) as unknown as CoreClient;

  it('loads the newest page, pages back, filters by family and starts over on a new filter', async () => {
    const all = Array.from({ length: 60 }, (_, i) => entry(60 - i, { action: i % 2 === 0 ? 'monitor.started' : 'agent.status' }));
    const calls: CoreArg<'auditLog'>[] = [];
    const store = createAuditStore(fakeClient(all, calls));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ more: true, loading: false, error: null });
    expect(store.getState().entries).toHaveLength(50);
    await store.getState().loadMore();
    expect(store.getState().entries.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(store.getState().more).toBe(false);
    expect(calls[1]).toMatchObject({ before: 11 });

    await store.getState().load('agent');
    expect(store.getState().family).toBe('agent');
    expect(store.getState().entries.every((e) => e.action === 'agent.status')).toBe(true);
    expect(store.getState().entries).toHaveLength(30);
    expect(calls.at(-1)).toEqual({ limit: 50, action: 'agent' });
  });

  it('keeps the error for the card when the core refuses', async () => {
    const store = createAuditStore({ call: async () => Promise.reject(Object.assign(new Error('reading the audit log needs the admin role'), { statusCode: 403 })) } as unknown as CoreClient);
    await store.getState().load();
    expect(store.getState().error).toMatchObject({ message: 'reading the audit log needs the admin role' });
    expect(store.getState().entries).toEqual([]);
  });
});
