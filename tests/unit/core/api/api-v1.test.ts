import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startApiHarness, type ApiHarness } from '../../../support/api-harness.ts';

const ALICE = {
  name: 'Alice Agent',
  extension: '1001',
  role: 'agent',
  skills: ['billing'],
  login: { username: 'alice', password: 'alicepw123' },
  sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: 'ws://127.0.0.1:8088' },
};

describe('/api/v1', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApiHarness();
  });
  afterEach(() => h.close());

  it('creates, reads, changes and deletes agents; secrets never come back', async () => {
    const created = await h.req('POST', '/api/v1/agents', { body: ALICE });
    expect(created.statusCode).toBe(201);
    const agent = created.json();
    expect(agent).toMatchObject({ name: 'Alice Agent', extension: '1001', role: 'agent', login_username: 'alice', sip: { username: 'alice', has_password: true } });
    expect(created.body).not.toContain('alicepw');

    const list = await h.req('GET', '/api/v1/agents');
    expect(list.json()).toMatchObject({ total: 1, agents: [{ id: agent.id, agent_id: agent.id }] });

    const patched = await h.req('PATCH', `/api/v1/agents/${agent.id}`, { body: { skills: ['billing', 'support'], max_concurrent_calls: 3 } });
    expect(patched.json()).toMatchObject({ skills: ['billing', 'support'], max_concurrent_calls: 3, name: 'Alice Agent' });

    expect((await h.req('DELETE', `/api/v1/agents/${agent.id}`)).statusCode).toBe(204);
    expect((await h.req('GET', `/api/v1/agents/${agent.id}`)).statusCode).toBe(404);
  });

  it('accepts the login as login_username/login_password or username/password too', async () => {
    const a = await h.req('POST', '/api/v1/agents', { body: { name: 'B', login_username: 'bob', login_password: 'bobpw123' } });
    const c = await h.req('POST', '/api/v1/agents', { body: { name: 'C', username: 'carol', password: 'carolpw1' } });
    expect(a.json().login_username).toBe('bob');
    expect(c.json().login_username).toBe('carol');
  });

  it('stores the SIP password encrypted, openable only with the install key', async () => {
    const agent = (await h.req('POST', '/api/v1/agents', { body: ALICE })).json();
    const sealed = h.deps.store.agents.sealedSipPassword('default', agent.id);
    expect(sealed).toMatch(/^keyfile:v1\./);
    expect(sealed).not.toContain('alicepw');
  });

  it('records calls and their timeline, transcript and lookups by sid', async () => {
    const call = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '+81312345678', to_number: '1001', status: 'ringing' } })).json();
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    const answered = await h.req('PATCH', `/api/v1/calls/${call.id}`, { body: { status: 'in-progress', answered_at: '2026-11-22T10:00:00.000Z' } });
    expect(answered.json()).toMatchObject({ status: 'in-progress', answered_at: '2026-11-22T10:00:00.000Z' });
    await h.req('POST', `/api/v1/calls/${call.id}/transcripts`, { body: { speaker: 'caller', text: 'Hello, my card was declined', start_ms: 500, end_ms: 2100 } });
    await h.req('POST', `/api/v1/calls/${call.id}/transcripts`, { body: { speaker: 'agent', text: 'Let me check that for you', start_ms: 2300, end_ms: 3600 } });
    await h.req('POST', `/api/v1/calls/${call.id}/events`, { body: { type: 'note', data: { text: 'VIP' } } });

    const events = (await h.req('GET', `/api/v1/calls/${call.id}/events`)).json().events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['call.created', 'call.in-progress', 'note']);
    expect(events[2].actor).toMatch(/^key:/);

    const bySid = (await h.req('GET', `/api/v1/calls/sid/${call.sid}/transcripts?speaker=caller`)).json();
    expect(bySid).toMatchObject({ call_id: call.id, call_sid: call.sid, segments: [{ speaker: 'caller', text: 'Hello, my card was declined' }] });
    expect((await h.req('GET', `/api/v1/calls/${call.id}/transcripts`)).json().segments).toHaveLength(2);
    expect((await h.req('GET', `/api/v1/calls/sid/${call.sid}`)).json().id).toBe(call.id);
  });

  it('lists calls with filters and pagination', async () => {
    for (const status of ['completed', 'ringing', 'completed']) {
      await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '100', to_number: '200', status } });
    }
    const page = (await h.req('GET', '/api/v1/calls?limit=2&offset=0')).json();
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.calls).toHaveLength(2);
    expect((await h.req('GET', '/api/v1/calls?active=true')).json().total).toBe(1);
    expect((await h.req('GET', '/api/v1/calls?status=completed&skip=1')).json()).toMatchObject({ total: 2, offset: 1 });
  });

  it('answers bad input with a 4xx JSON message and keeps working', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/api/v1/agents', { name: 1 }, 400, /name must be string/],
      ['POST', '/api/v1/agents', { name: 'x', shoe_size: 44 }, 400, /additional properties/],
      ['POST', '/api/v1/agents', { name: 'x', sip: { uri: 'not a uri', ws_url: 'ws://x', password: 'p' } }, 400, /uri/],
      ['POST', '/api/v1/calls', { direction: 'sideways', from_number: 'a', to_number: 'b', status: 'ringing' }, 400, /direction/],
      ['GET', '/api/v1/calls?limit=abc', undefined, 400, /limit must be integer/],
      ['GET', '/api/v1/calls/abc', undefined, 400, /id must be integer/],
      ['GET', '/api/v1/calls/424242', undefined, 404, /call 424242 not found/],
      ['GET', '/api/v1/no-such-thing', undefined, 404, /no route for GET/],
      ['PATCH', '/api/v1/calls/1', {}, 400, /fewer than 1|minProperties|must NOT have fewer/],
    ];
    for (const [method, url, body, status, message] of cases) {
      const res = await h.req(method as 'GET', url, { body });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
      expect(res.json().message, `${method} ${url}`).toMatch(message);
      expect(res.json().statusCode).toBe(status);
    }
    const raw = await h.app.inject({
      method: 'POST',
      url: '/api/v1/agents',
      headers: { host: '127.0.0.1', authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().message).toMatch(/not valid JSON/);
    const dup = await h.req('POST', '/api/v1/agents', { body: { name: 'A', extension: '7' } });
    expect(dup.statusCode).toBe(201);
    const again = await h.req('POST', '/api/v1/agents', { body: { name: 'B', extension: '7' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/extension must be unique/);
    expect((await h.req('GET', '/health', { key: null })).statusCode).toBe(200);
  });

  it('serves health in the DENCO and Phony shapes without a key', async () => {
    const health = (await h.req('GET', '/health', { key: null })).json();
    expect(health).toMatchObject({ status: 'ok', service: 'earshot', database: 'connected' });
    expect(Date.parse(health.timestamp)).not.toBeNaN();
    await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'in-progress' } });
    const healthz = (await h.req('GET', '/healthz', { key: null })).json();
    expect(healthz).toMatchObject({ status: 'ok', activeCalls: 1 });
    expect(healthz.uptime).toBeGreaterThanOrEqual(0);
  });

  it('publishes an OpenAPI document at /docs', async () => {
    const doc = (await h.req('GET', '/docs/json', { key: null })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/agents', '/api/v1/calls', '/api/v1/calls/{id}/transcripts', '/health', '/healthz']));
    expect((await h.req('GET', '/docs/', { key: null })).statusCode).toBe(200);
  });
});
