import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../../support/api-harness.ts';

describe('API security', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApiHarness();
  });
  afterEach(() => h.close());

  const newKey = async (scopes: string[], extra: Record<string, unknown> = {}) => {
    const res = await h.req('POST', '/api/v1/keys', { body: { name: scopes.join('+'), scopes, ...extra } });
    expect(res.statusCode).toBe(201);
    return res.json().key as string;
  };

  it('rejects a missing, malformed, unknown or revoked key with 401', async () => {
    expect((await h.req('GET', '/api/v1/calls', { key: null })).json()).toMatchObject({ statusCode: 401, message: /missing API key/ });
    expect((await h.req('GET', '/api/v1/calls', { key: null, headers: { authorization: 'Basic Zm9vOmJhcg==' } })).json().message).toMatch(/Bearer/);
    expect((await h.req('GET', '/api/v1/calls', { key: 'esk_nope' })).statusCode).toBe(401);
    const key = await newKey(['read']);
    const id = (await h.req('GET', '/api/v1/keys')).json().keys.find((k: { name: string }) => k.name === 'read').id;
    expect((await h.req('GET', '/api/v1/calls', { key })).statusCode).toBe(200);
    expect((await h.req('DELETE', `/api/v1/keys/${id}`)).statusCode).toBe(204);
    expect((await h.req('GET', '/api/v1/calls', { key })).json()).toMatchObject({ statusCode: 401, message: /invalid or revoked/ });
  });

  it('enforces scopes: read reads, write writes, admin manages', async () => {
    const read = await newKey(['read']);
    const write = await newKey(['write']);
    const call = { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' };
    expect((await h.req('POST', '/api/v1/calls', { key: read, body: call })).json()).toMatchObject({ statusCode: 403, message: /lacks the 'write' scope/ });
    expect((await h.req('POST', '/api/v1/calls', { key: write, body: call })).statusCode).toBe(201);
    expect((await h.req('GET', '/api/v1/calls', { key: write })).statusCode).toBe(200);
    expect((await h.req('POST', '/api/v1/agents', { key: write, body: { name: 'x' } })).statusCode).toBe(403);
    expect((await h.req('GET', '/api/v1/keys', { key: write })).statusCode).toBe(403);
    expect((await h.req('POST', '/api/v1/keys', { key: read, body: { scopes: ['admin'] } })).statusCode).toBe(403);
    const listed = (await h.req('GET', '/api/v1/keys')).json().keys;
    expect(JSON.stringify(listed)).not.toContain(read);
  });

  it("never shows or changes another tenant's objects", async () => {
    expect((await h.req('POST', '/api/v1/tenants', { body: { id: 'acme', name: 'Acme' } })).statusCode).toBe(201);
    const acme = await newKey(['read', 'write', 'admin'], { tenant_id: 'acme' });
    const agent = (await h.req('POST', '/api/v1/agents', { body: { name: 'Alice', login: { username: 'alice', password: 'alicepw123' } } })).json();
    const call = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' } })).json();
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/agents/${agent.id}`],
      ['PATCH', `/api/v1/agents/${agent.id}`, { name: 'Mallory' }],
      ['DELETE', `/api/v1/agents/${agent.id}`],
      ['GET', `/api/v1/calls/${call.id}`],
      ['GET', `/api/v1/calls/sid/${call.sid}`],
      ['PATCH', `/api/v1/calls/${call.id}`, { status: 'failed' }],
      ['GET', `/api/v1/calls/${call.id}/events`],
      ['POST', `/api/v1/calls/${call.id}/events`, { type: 'note' }],
      ['GET', `/api/v1/calls/${call.id}/transcripts`],
      ['GET', `/api/v1/calls/sid/${call.sid}/transcripts`],
      ['POST', `/api/v1/calls/${call.id}/transcripts`, { speaker: 'caller', text: 'x', start_ms: 0, end_ms: 1 }],
      ['GET', '/api/v1/tenants/default'],
    ];
    for (const [method, url, body] of probes) {
      expect((await h.req(method as 'GET', url, { key: acme, body })).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await h.req('GET', '/api/v1/agents', { key: acme })).json()).toEqual({ agents: [], total: 0 });
    expect((await h.req('GET', '/api/v1/calls', { key: acme })).json().total).toBe(0);
    expect((await h.req('GET', '/api/v1/tenants', { key: acme })).json().tenants.map((t: { id: string }) => t.id)).toEqual(['acme']);
    // Attaching another tenant's agent to one's own call is refused too.
    const own = await h.req('POST', '/api/v1/calls', { key: acme, body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing', agent_id: agent.id } });
    expect(own.statusCode).toBe(400);
    // Only the office operator creates tenants or keys elsewhere.
    expect((await h.req('POST', '/api/v1/tenants', { key: acme, body: { name: 'Evil' } })).statusCode).toBe(403);
    expect((await h.req('POST', '/api/v1/keys', { key: acme, body: { scopes: ['admin'], tenant_id: 'default' } })).statusCode).toBe(403);
    expect((await h.req('GET', `/api/v1/agents/${agent.id}`)).json().name).toBe('Alice');
    expect((await h.req('GET', `/api/v1/calls/${call.id}`)).json().status).toBe('ringing');
  });

  it('refuses foreign Host headers (DNS rebinding) on every route', async () => {
    for (const url of ['/health', '/api/v1/calls', '/console/rpc/status', '/']) {
      const res = await h.req('GET', url, { headers: { host: 'attacker.example:7300' } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().message).toMatch(/Host 'attacker.example:7300' is not allowed/);
    }
    expect((await h.req('GET', '/health', { headers: { host: 'localhost:7300' } })).statusCode).toBe(200);
    expect((await h.req('GET', '/health', { headers: { host: '[::1]:7300' } })).statusCode).toBe(200);
  });

  it('refuses cross-origin state changes and socket upgrades, allows same-origin', async () => {
    const body = { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' };
    const evil = await h.req('POST', '/api/v1/calls', { body, headers: { origin: 'http://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().message).toMatch(/Origin 'http:\/\/evil.example' is not allowed/);
    const otherPort = await h.req('POST', '/console/rpc/status', { key: null, body: null, headers: { origin: 'http://127.0.0.1:3000' } });
    expect(otherPort.statusCode).toBe(403);
    expect((await h.req('POST', '/api/v1/calls', { body, headers: { origin: 'http://127.0.0.1:7300' } })).statusCode).toBe(201);
    const upgrade = await h.req('GET', '/console/events', { key: null, headers: { origin: 'http://evil.example', upgrade: 'websocket', connection: 'Upgrade' } });
    expect(upgrade.statusCode).toBe(403);
  });

  it('rate-limits per key with X-RateLimit headers', async () => {
    const key = await newKey(['read'], { rate_limit_per_minute: 3 });
    const sentAt = Date.now();
    const first = await h.req('GET', '/api/v1/calls', { key });
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    // Seed 002: X-RateLimit-Reset is the Unix time (seconds) the minute's window resets.
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) + 59);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
    await h.req('GET', '/api/v1/calls', { key });
    await h.req('GET', '/api/v1/calls', { key });
    const limited = await h.req('GET', '/api/v1/calls', { key });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/rate limit of 3 requests per minute/);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(Math.abs(Number(limited.headers['x-ratelimit-reset']) - reset)).toBeLessThanOrEqual(1);
    // Retry-After stays a number of seconds.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other keys have their own budget.
    expect((await h.req('GET', '/api/v1/calls')).statusCode).toBe(200);
  });
});
