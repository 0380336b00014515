// The queue through its API and the console methods, over the real API server and store:
// seed 002 shapes, tenant isolation, and the life of an entry (offer, accept, decline,
// abandonment) with consoles signed in the way browsers sign in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleAgent, signInConsole, startApiHarness, type ApiHarness, type HarnessConsole } from '../../support/api-harness.ts';

type Console = HarnessConsole;

/** Waits for the queue's coalesced routing (a microtask) and debounced figures to run. */
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('queue API and console methods', () => {
  let h: ApiHarness;
  let alice: Console;
  let bob: Console;

  const createAgent = (name: string, username: string, extra: Record<string, unknown> = {}) => createConsoleAgent(h, name, username, extra);
  const signIn = (username: string, agentId: number) => signInConsole(h, username, agentId);

  const enqueue = async (body: Record<string, unknown>, key?: string) => {
    const res = await h.req('POST', '/api/v1/queue', { body, ...(key ? { key } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    await settle();
    return res.json();
  };
  const entry = async (id: number) => (await h.req('GET', `/api/v1/queue/${id}`)).json();
  const agentState = async (id: number) => (await h.req('GET', `/api/v1/agents/${id}/status`)).json();

  beforeEach(async () => {
    h = await startApiHarness();
    const aliceId = await createAgent('Alice Agent', 'alice', { skills: ['billing', 'japanese'] });
    const bobId = await createAgent('Bob Agent', 'bob', { skills: ['billing'] });
    alice = await signIn('alice', aliceId);
    await settle(5);
    bob = await signIn('bob', bobId);
  });

  afterEach(async () => {
    alice.close();
    bob.close();
    await h.close();
  });

  it('an API-ingested call waits with a call record, a position and an estimated wait (seed 002 shapes)', async () => {
    await alice.call('setAgentStatus', { status: 'away', reason: 'lunch' });
    await bob.call('setAgentStatus', { status: 'away', reason: 'break' });
    const first = await enqueue({ from_number: '+15551230001', to_number: '100', metadata: { crm: 'T-1' } });
    const urgent = await enqueue({ from_number: '+15551230002', to_number: '100', priority: 'urgent', required_skills: ['billing'] });
    expect(first).toMatchObject({ queue_id: first.id, kind: 'inbound', state: 'waiting', position: 1, priority: 5, metadata: { crm: 'T-1' } });
    expect(urgent).toMatchObject({ position: 1, priority: 9 });

    const call = (await h.req('GET', `/api/v1/calls/${first.call_id}`)).json();
    expect(call).toMatchObject({ direction: 'inbound', status: 'queued', handled_by: 'queue', from_number: '+15551230001' });
    const timeline = (await h.req('GET', `/api/v1/calls/${first.call_id}/events`)).json().events.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['call.created', 'queue.enqueued']);

    expect((await h.req('GET', `/api/v1/queue/${first.id}/position`)).json()).toEqual({
      queue_id: first.id,
      position: 2,
      // Nobody is at work (both away): no estimate.
      estimated_wait_minutes: null,
      estimated_wait_seconds: null,
      state: 'waiting',
    });
    const status = (await h.req('GET', '/api/v1/queue/status')).json();
    expect(status).toMatchObject({ waiting_count: 2, assigned_count: 0, avg_wait_time_seconds: 0, active_agents: 0, answered_today: 0, abandoned_today: 0, service_level: null, service_level_seconds: 20 });
    expect(typeof status.longest_wait_seconds).toBe('number');

    // Bob comes back but is on a call of his own: the estimate is half a typical call for the first caller behind him.
    await bob.call('setAgentStatus', { status: 'busy' });
    expect((await h.req('GET', `/api/v1/queue/${urgent.id}/position`)).json()).toMatchObject({ position: 1, estimated_wait_seconds: 90, estimated_wait_minutes: 2 });

    const agents = (await h.req('GET', '/api/v1/agents')).json();
    expect(agents.total).toBe(2);
    expect(agents.agents[0]).toMatchObject({ agent_id: alice.agentId, name: 'Alice Agent', status: 'away', status_reason: 'lunch', current_call_count: 0, max_concurrent_calls: 1, skills: ['billing', 'japanese'] });
    expect(agents.agents[0]).toHaveProperty('phone_number');
  });

  it('PUT /agents/{id}/status speaks seed 002 (online, away…) and keeps a history', async () => {
    const res = await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'away' } });
    expect(res.json()).toEqual({ success: true, agent_id: alice.agentId, status: 'away', message: 'Agent status updated successfully', earshot_status: 'away', reason: 'other' });
    expect((await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'lunch' } })).json()).toMatchObject({ status: 'lunch', earshot_status: 'away', reason: 'lunch' });
    expect((await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'online' } })).json()).toMatchObject({ status: 'online', earshot_status: 'available', reason: null });
    expect(await agentState(alice.agentId)).toMatchObject({ status: 'available', seed_status: 'online', presence: 'signed-in' });

    const bad = await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'dancing' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/status must be one of online, available/);
    expect((await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { body: { status: 'online', reason: 'lunch' } })).statusCode).toBe(400);
    expect((await h.req('PUT', '/api/v1/agents/999/status', { body: { status: 'online' } })).statusCode).toBe(404);

    const history = (await h.req('GET', `/api/v1/agents/${alice.agentId}/status/history`)).json();
    expect(history.changes.map((c: { status: string; reason: string | null }) => [c.status, c.reason])).toEqual([
      ['available', null],
      ['away', 'other'],
      ['away', 'lunch'],
      ['available', null],
    ]);
    expect(history.changes[1].actor).toMatch(/^key:/);
  });

  it('offers the call to the longest-idle agent, who accepts: assigned, busy, and wrap-up once the integrator ends it', async () => {
    await h.req('PATCH', '/api/v1/queue/settings', { body: { wrap_up_seconds: 60 } });
    const e = await enqueue({ from_number: '+15551230003', to_number: '100', required_skills: ['billing'] });
    const offered = await entry(e.id);
    expect(offered).toMatchObject({ state: 'offered', offered_agent_id: alice.agentId, position: 1 });
    expect(Date.parse(offered.offer_expires_at) - Date.parse(offered.offered_at)).toBe(15_000);
    // Alice's console heard of it.
    expect(alice.events.some((env) => env.event.type === 'queue.entry' && env.event.entry.id === e.id && env.event.entry.offered_agent_id === alice.agentId)).toBe(true);
    expect((await agentState(alice.agentId)).offered_entry_id).toBe(e.id);

    // Bob cannot take Alice's offer.
    await expect(bob.call('acceptOffer', { entry_id: e.id })).rejects.toMatchObject({ statusCode: 409 });

    const accepted = await alice.call('acceptOffer', { entry_id: e.id });
    expect(accepted).toMatchObject({ state: 'assigned', assigned_agent_id: alice.agentId, connect_mode: 'integrator' });
    await settle();
    expect(await agentState(alice.agentId)).toMatchObject({ status: 'busy', status_reason: 'on-call', active_calls: 1, offered_entry_id: null });
    expect((await h.req('GET', `/api/v1/calls/${e.call_id}`)).json()).toMatchObject({ agent_id: alice.agentId, handled_by: 'human' });
    expect((await h.req('GET', '/api/v1/queue/status')).json()).toMatchObject({ waiting_count: 0, assigned_count: 1, answered_today: 1 });

    // The integrator's system connected the caller, and later says the call is over.
    await h.req('PATCH', `/api/v1/calls/${e.call_id}`, { body: { status: 'in-progress', answered_at: new Date().toISOString() } });
    await h.req('PATCH', `/api/v1/calls/${e.call_id}`, { body: { status: 'completed', ended_at: new Date().toISOString(), duration_seconds: 42 } });
    await settle();
    expect(await entry(e.id)).toMatchObject({ state: 'completed', end_reason: 'call completed' });
    const wrapping = await agentState(alice.agentId);
    expect(wrapping).toMatchObject({ status: 'wrap-up', active_calls: 0 });
    expect(Date.parse(wrapping.wrap_up_until) - Date.parse(wrapping.status_since)).toBe(60_000);

    await settle(300);
    const stats = (await h.req('GET', '/api/v1/analytics/queue')).json();
    expect(stats).toMatchObject({ answered: 1, answered_within_threshold: 1, abandoned: 0, service_level: 1, human_calls: 1, avg_handle_seconds: 42 });
    // The wallboard heard the figures change.
    expect(bob.events.some((env) => env.event.type === 'queue.stats' && env.event.stats.answered === 1)).toBe(true);
  });

  it('a declined offer goes to the next agent with the skills', async () => {
    const e = await enqueue({ from_number: '+15551230004', to_number: '100', required_skills: ['billing'] });
    expect((await entry(e.id)).offered_agent_id).toBe(alice.agentId);
    await alice.call('declineOffer', { entry_id: e.id });
    await settle();
    const next = await entry(e.id);
    expect(next).toMatchObject({ state: 'offered', offered_agent_id: bob.agentId, passes: [{ agent_id: alice.agentId, reason: 'declined' }] });
    // A call for Japanese speakers goes to Alice only; Bob never sees it.
    const ja = await enqueue({ from_number: '+15551230005', to_number: '100', required_skills: ['japanese'] });
    expect(await entry(ja.id)).toMatchObject({ state: 'offered', offered_agent_id: alice.agentId });
    const timeline = (await h.req('GET', `/api/v1/calls/${e.call_id}/events`)).json().events.map((x: { type: string }) => x.type);
    expect(timeline).toContain('queue.declined');
  });

  it('a caller who hangs up while waiting (or while offered) is abandoned, and the offer disappears', async () => {
    await bob.call('setAgentStatus', { status: 'away', reason: 'training' });
    const e = await enqueue({ from_number: '+15551230006', to_number: '100' });
    expect((await entry(e.id)).offered_agent_id).toBe(alice.agentId);
    await h.req('PATCH', `/api/v1/calls/${e.call_id}`, { body: { status: 'canceled', ended_at: new Date().toISOString() } });
    await settle();
    expect(await entry(e.id)).toMatchObject({ state: 'abandoned', offered_agent_id: null });
    expect(await agentState(alice.agentId)).toMatchObject({ status: 'available', offered_entry_id: null });
    await expect(alice.call('acceptOffer', { entry_id: e.id })).rejects.toMatchObject({ statusCode: 409 });
    await settle(300);
    expect((await h.req('GET', '/api/v1/analytics/queue')).json()).toMatchObject({ answered: 0, abandoned: 1, service_level: 0 });
  });

  it('an agent going away or signing out mid-offer hands the call to the next agent', async () => {
    const e = await enqueue({ from_number: '+15551230007', to_number: '100' });
    expect((await entry(e.id)).offered_agent_id).toBe(alice.agentId);
    await alice.call('setAgentStatus', { status: 'away', reason: 'break' });
    await settle();
    expect(await entry(e.id)).toMatchObject({ offered_agent_id: bob.agentId, passes: [] });
    await bob.call('logout');
    await settle();
    expect(await entry(e.id)).toMatchObject({ state: 'waiting', offered_agent_id: null });
    expect(await agentState(bob.agentId)).toMatchObject({ status: 'offline' });
  });

  it('a call Earshot knows can be queued by id; twice is a conflict; an ended one cannot', async () => {
    const call = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '+15551230008', to_number: '100', status: 'in-progress', handled_by: 'ai_agent' } })).json();
    const e = await enqueue({ call_id: call.id, priority: 7 });
    expect(e).toMatchObject({ call_id: call.id, call_sid: call.sid, from_number: '+15551230008', priority: 7 });
    expect((await h.req('GET', `/api/v1/calls/${call.id}`)).json().handled_by).toBe('queue');
    expect((await h.req('POST', '/api/v1/queue', { body: { call_sid: call.sid } })).statusCode).toBe(409);
    const over = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'completed' } })).json();
    expect((await h.req('POST', '/api/v1/queue', { body: { call_id: over.id } })).statusCode).toBe(409);
    expect((await h.req('POST', '/api/v1/queue', { body: { call_id: 999_999 } })).statusCode).toBe(404);
    expect((await h.req('POST', '/api/v1/queue', { body: { to_number: '100' } })).statusCode).toBe(400);
    expect((await h.req('POST', '/api/v1/queue', { body: { from_number: '1', to_number: '2', priority: 11 } })).statusCode).toBe(400);
    expect((await h.req('POST', '/api/v1/queue', { body: { kind: 'callback' } })).statusCode).toBe(400);

    const removed = (await h.req('DELETE', `/api/v1/queue/${e.id}`)).json();
    expect(removed.state).toMatch(/removed|completed/);
    expect((await h.req('DELETE', `/api/v1/queue/${e.id}`)).statusCode).toBe(409);
  });

  it('keeps tenants apart: another tenant’s entries, agents and figures are invisible', async () => {
    await h.req('POST', '/api/v1/tenants', { body: { id: 'acme', name: 'Acme' } });
    const acmeKey = (await h.req('POST', '/api/v1/keys', { body: { scopes: ['read', 'write'], tenant_id: 'acme' } })).json().key as string;
    const theirs = await enqueue({ from_number: '+15559990000', to_number: '200' }, acmeKey);
    const ours = await enqueue({ from_number: '+15551230009', to_number: '100' });

    expect((await h.req('GET', `/api/v1/queue/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.req('GET', `/api/v1/queue/${theirs.id}/position`)).statusCode).toBe(404);
    expect((await h.req('DELETE', `/api/v1/queue/${theirs.id}`)).statusCode).toBe(404);
    expect((await h.req('GET', `/api/v1/queue/${ours.id}`, { key: acmeKey })).statusCode).toBe(404);
    expect((await h.req('PUT', `/api/v1/agents/${alice.agentId}/status`, { key: acmeKey, body: { status: 'online' } })).statusCode).toBe(404);
    expect((await h.req('GET', '/api/v1/queue/status', { key: acmeKey })).json()).toMatchObject({ waiting_count: 1, active_agents: 0 });
    expect((await h.req('GET', '/api/v1/queue', { key: acmeKey })).json().entries.map((x: { id: number }) => x.id)).toEqual([theirs.id]);
    // Nobody in acme is signed in: its call waits, ours is offered.
    expect((await h.req('GET', `/api/v1/queue/${theirs.id}`, { key: acmeKey })).json().state).toBe('waiting');
    expect(alice.events.some((env) => env.tenant_id === 'acme')).toBe(false);
    // A read-only key cannot enqueue, and only admins change the settings.
    const readKey = (await h.req('POST', '/api/v1/keys', { body: { scopes: ['read'] } })).json().key as string;
    expect((await h.req('POST', '/api/v1/queue', { key: readKey, body: { from_number: '1', to_number: '2' } })).statusCode).toBe(403);
    expect((await h.req('PATCH', '/api/v1/queue/settings', { key: acmeKey, body: { wrap_up_seconds: 5 } })).statusCode).toBe(403);
    await expect(alice.call('setQueueSettings', { wrap_up_seconds: 5 })).rejects.toMatchObject({ statusCode: 403 });
    await expect(alice.call('setAgentStatus', { status: 'away', agent_id: bob.agentId })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('analytics: realtime and call figures in seed 002 shapes', async () => {
    const now = new Date().toISOString();
    await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'in-progress' } });
    await h.req('POST', '/api/v1/calls', { body: { direction: 'outbound', from_number: '1', to_number: '3', status: 'completed', duration_seconds: 100, sentiment: 'negative', ended_at: now } });
    await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '4', status: 'completed', duration_seconds: 50, sentiment: 'positive', ended_at: now } });
    await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '5', status: 'failed', ended_at: now } });
    const rt = (await h.req('GET', '/api/v1/analytics/realtime')).json();
    expect(rt).toMatchObject({ active_calls: 1, inbound_active: 1, outbound_active: 0, queue_length: 0, avg_wait_time_seconds: 0, agents_online: 2, agents_busy: 0 });
    expect(Date.parse(rt.timestamp)).toBeGreaterThan(0);

    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const calls = (await h.req('GET', `/api/v1/analytics/calls?start_date=${day}&end_date=${day}`)).json();
    expect(calls).toMatchObject({
      total_calls: 4,
      inbound_calls: 3,
      outbound_calls: 1,
      avg_duration_seconds: 75,
      completion_rate: 0.667,
      transfer_rate: 0,
      sentiment_distribution: { positive: 1, neutral: 0, negative: 1 },
    });
    expect((await h.req('GET', '/api/v1/analytics/calls?start_date=2020-01-01&end_date=2020-01-31')).json().total_calls).toBe(0);
    expect((await h.req('GET', '/api/v1/analytics/calls?start_date=2020-02-30')).statusCode).toBe(400);
    expect((await h.req('GET', '/api/v1/analytics/calls?start_date=2021-01-02&end_date=2021-01-01')).statusCode).toBe(400);
    expect((await h.req('GET', '/api/v1/analytics/calls?start_date=yesterday')).statusCode).toBe(400);
  });

  it('documents every queue, agent-status and analytics route in the OpenAPI document', async () => {
    const doc = (await h.req('GET', '/docs/json', { key: null })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/queue',
        '/api/v1/queue/status',
        '/api/v1/queue/settings',
        '/api/v1/queue/{id}',
        '/api/v1/queue/{id}/position',
        '/api/v1/agents/{id}/status',
        '/api/v1/agents/{id}/status/history',
        '/api/v1/analytics/realtime',
        '/api/v1/analytics/calls',
        '/api/v1/analytics/queue',
      ]),
    );
    expect(doc.paths['/api/v1/queue'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('required_skills');
  });

  it('the wallboard snapshot has the open entries, every agent’s live state, the figures and the settings', async () => {
    const e = await enqueue({ from_number: '+15551230010', to_number: '100' });
    const snap = await bob.call('queueSnapshot');
    expect((snap.entries as { id: number }[]).map((x) => x.id)).toEqual([e.id]);
    expect(snap.agents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agent_id: alice.agentId, presence: 'signed-in', offered_entry_id: e.id }),
        expect.objectContaining({ agent_id: bob.agentId, status: 'available' }),
      ]),
    );
    expect(snap.settings).toMatchObject({ wrap_up_seconds: 30, offer_timeout_seconds: 15, service_level_seconds: 20 });
    expect(snap.stats).toMatchObject({ answered: 0, abandoned: 0 });
  });
});
