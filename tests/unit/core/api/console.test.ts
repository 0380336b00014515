import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../../../../electron/core/api/plugins/rate-limit.ts';
import { startApiHarness, type ApiHarness } from '../../../support/api-harness.ts';

/** Collects a socket's messages from its first moment (the server greets before injectWS resolves). */
function inbox() {
  const queued: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  return {
    onInit(ws: WebSocket) {
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as Record<string, unknown>;
        const w = waiting.shift();
        if (w) w(m);
        else queued.push(m);
      });
    },
    next: () => new Promise<Record<string, unknown>>((resolve) => (queued.length ? resolve(queued.shift()!) : waiting.push(resolve))),
    pending: () => queued.length,
  };
}

describe('console transport (/console)', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApiHarness();
    await h.req('POST', '/api/v1/agents', {
      body: { name: 'Alice Agent', extension: '1001', login: { username: 'alice', password: 'alicepw123' }, sip: { uri: 'sip:alice@127.0.0.1', password: 'pw', ws_url: 'ws://127.0.0.1:8088' } },
    });
  });
  afterEach(() => h.close());

  const rpc = (method: string, arg: unknown, cookie?: string) =>
    h.req('POST', `/console/rpc/${method}`, { key: null, body: arg ?? null, headers: { origin: 'http://127.0.0.1:7300', ...(cookie ? { cookie } : {}) } });

  const login = async () => {
    const res = await rpc('login', { username: 'alice', password: 'alicepw123' });
    expect(res.statusCode).toBe(200);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/earshot_session=/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    return set.split(';')[0]!;
  };

  it('signs in with the agent login and keeps the session in an HttpOnly cookie', async () => {
    expect((await rpc('session', null)).json()).toBeNull();
    const cookie = await login();
    const session = (await rpc('session', null, cookie)).json();
    expect(session).toMatchObject({ tenant_id: 'default', agent: { name: 'Alice Agent', login_username: 'alice' } });
    const status = (await rpc('status', null, cookie)).json();
    expect(status).toMatchObject({ sip: { state: 'unregistered' }, ai: { state: 'unconfigured' }, offline: false });
    expect((await rpc('logout', null, cookie)).json()).toEqual({ ok: true });
    expect((await rpc('session', null, cookie)).json()).toBeNull();
    expect((await rpc('listCalls', {}, cookie)).statusCode).toBe(401);
  });

  it('refuses a wrong password or unknown user the same way', async () => {
    for (const arg of [{ username: 'alice', password: 'nope' }, { username: 'mallory', password: 'x' }]) {
      const res = await rpc('login', arg);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toBe('wrong username or password');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('limits sign-in attempts per address, without limiting signed-in work', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) expect((await rpc('login', { username: 'alice', password: 'guess' })).statusCode).toBe(401);
    const blocked = await rpc('login', { username: 'alice', password: 'alicepw123' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/rate limit of 20 requests per minute/);
    expect(blocked.headers['x-ratelimit-remaining']).toBe('0');
    for (let i = 0; i < 30; i++) expect((await rpc('status', null)).statusCode).toBe(200);
  });

  it('validates method names and arguments', async () => {
    const cookie = await login();
    expect((await rpc('dropTables', null, cookie)).json()).toMatchObject({ statusCode: 404, message: "unknown console method 'dropTables'" });
    expect((await rpc('listCalls', { limit: 'all' }, cookie)).json()).toMatchObject({ statusCode: 400, message: /listCalls: \/limit must be integer/ });
    expect((await rpc('getCall', { id: 99 }, cookie)).json()).toMatchObject({ statusCode: 404, message: 'call 99 not found' });
    expect((await rpc('login', { username: 'alice' })).statusCode).toBe(400);
  });

  it('lists calls and agents of the signed-in tenant and shows a call with its timeline', async () => {
    const cookie = await login();
    const call = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '+15551230000', to_number: '1001', status: 'in-progress' } })).json();
    await h.req('POST', `/api/v1/calls/${call.id}/transcripts`, { body: { speaker: 'caller', text: 'Hi', start_ms: 0, end_ms: 400 } });
    const page = (await rpc('listCalls', { active: true }, cookie)).json();
    expect(page).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ sid: call.sid }] });
    const detail = (await rpc('getCall', { id: call.id }, cookie)).json();
    expect(detail.call.sid).toBe(call.sid);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['call.created']);
    expect(detail.transcript.map((s: { text: string }) => s.text)).toEqual(['Hi']);
    expect((await rpc('listAgents', null, cookie)).json().map((a: { name: string }) => a.name)).toEqual(['Alice Agent']);
  });

  it('streams the tenant’s domain events to a signed-in console socket', async () => {
    const cookie = await login();
    const box = inbox();
    const ws = await h.app.injectWS('/console/events', { headers: { cookie, host: '127.0.0.1:7300' } }, { onInit: box.onInit });
    expect(await box.next()).toMatchObject({ type: 'hello', status: { sip: { state: 'registering' } } });
    const created = box.next();
    const call = (await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' } })).json();
    expect(await created).toMatchObject({ tenant_id: 'default', event: { type: 'call.created', call: { id: call.id } } });
    ws.terminate();
  });

  it('closes a console socket once its session has ended (signed out elsewhere)', async () => {
    const cookie = await login();
    const box = inbox();
    const ws = await h.app.injectWS('/console/events', { headers: { cookie, host: '127.0.0.1:7300' } }, { onInit: box.onInit });
    await box.next();
    const closed = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    await rpc('logout', null, cookie);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      await h.req('POST', '/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' } });
    } finally {
      vi.useRealTimers();
    }
    expect(await closed).toBe(4401);
    expect(box.pending()).toBe(0);
  });

  it('closes the event socket of a console that has not signed in', async () => {
    const ws = await h.app.injectWS('/console/events', { headers: { host: '127.0.0.1:7300' } });
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });

  it('keeps other tenants’ events off a console socket and off /api/v1/events', async () => {
    await h.req('POST', '/api/v1/tenants', { body: { id: 'acme', name: 'Acme' } });
    const acmeKey = (await h.req('POST', '/api/v1/keys', { body: { scopes: ['read', 'write'], tenant_id: 'acme' } })).json().key;
    const cookie = await login();
    const consoleBox = inbox();
    const apiBox = inbox();
    const consoleWs = await h.app.injectWS('/console/events', { headers: { cookie, host: '127.0.0.1:7300' } }, { onInit: consoleBox.onInit });
    const apiWs = await h.app.injectWS('/api/v1/events', { headers: { authorization: `Bearer ${acmeKey}`, host: '127.0.0.1:7300' } }, { onInit: apiBox.onInit });
    expect(await consoleBox.next()).toMatchObject({ type: 'hello' });
    expect(await apiBox.next()).toMatchObject({ type: 'hello' });
    const acmeEvent = apiBox.next();
    await h.req('POST', '/api/v1/calls', { key: acmeKey, body: { direction: 'outbound', from_number: 'a', to_number: 'b', status: 'ringing' } });
    expect(await acmeEvent).toMatchObject({ tenant_id: 'acme', event: { type: 'call.created' } });
    expect(consoleBox.pending()).toBe(0);
    consoleWs.terminate();
    apiWs.terminate();
  });
});
