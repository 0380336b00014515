// Seed 003's rate limits by endpoint category: Agent Management 100/min and Supervisor Controls
// 500/min per API key, Webhook Endpoints 1000/min per sending address; each refusal is a 429 in
// Phony's error format with X-RateLimit-* (Reset as the Unix time) and Retry-After in seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../../../support/api-harness.ts';

type Reply = Awaited<ReturnType<ApiHarness['req']>>;

/** X-RateLimit-Reset is a Unix time within the next minute (rounded up to the second). */
function expectResetWithinAMinute(r: Reply, sentAtMs: number): void {
  const reset = Number(r.headers['x-ratelimit-reset']);
  expect(reset).toBeGreaterThanOrEqual(Math.floor(sentAtMs / 1000));
  expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
}

function expectRefused(r: Reply, limit: number, what: RegExp, sentAtMs: number): void {
  expect(r.statusCode).toBe(429);
  expect(r.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(what) } });
  expect(r.headers['x-ratelimit-limit']).toBe(String(limit));
  expect(r.headers['x-ratelimit-remaining']).toBe('0');
  expectResetWithinAMinute(r, sentAtMs);
  const retryAfter = Number(r.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('seed 003 (Phony) rate limits by endpoint category', () => {
  let h: ApiHarness;
  const saved = { token: process.env.TWILIO_AUTH_TOKEN, check: process.env.EARSHOT_TWILIO_SIGNATURE };
  const newKey = async (name: string) => {
    const res = await h.req('POST', '/api/v1/keys', { body: { name, scopes: ['read', 'write'], rate_limit_per_minute: 5000 } });
    expect(res.statusCode).toBe(201);
    return res.json().key as string;
  };

  beforeAll(async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    delete process.env.EARSHOT_TWILIO_SIGNATURE;
    h = await startApiHarness();
  });
  afterAll(async () => {
    await h.close();
    for (const [k, v] of [['TWILIO_AUTH_TOKEN', saved.token], ['EARSHOT_TWILIO_SIGNATURE', saved.check]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('Agent Management: 100 requests a minute per key across /agents/ routes, then 429; another key is unaffected', async () => {
    const key = await newKey('agents');
    const t0 = Date.now();
    for (let i = 1; i <= 100; i++) {
      const r = i % 2 === 0 ? await h.req('GET', '/agents/', { key }) : await h.req('GET', '/agents/agent_999999', { key });
      expect(r.statusCode).toBe(i % 2 === 0 ? 200 : 404);
      expect(r.headers['x-ratelimit-limit']).toBe('100');
      expect(r.headers['x-ratelimit-remaining']).toBe(String(100 - i));
      expectResetWithinAMinute(r, t0);
    }
    expectRefused(await h.req('GET', '/agents', { key }), 100, /^rate limit of 100 agent management requests per minute reached; retry in \d+ s$/, t0);
    expect((await h.req('POST', '/agents/', { key, body: { name: 'x' } })).statusCode).toBe(429);
    // Other categories of the same key keep their own allowance.
    expect((await h.req('POST', '/override/text', { key, body: { callSid: 'CA0', text: 'hi' } })).statusCode).toBe(404);
    expect((await h.req('GET', '/agents/', { key: await newKey('other') })).statusCode).toBe(200);
  });

  it('Supervisor Controls: 500 requests a minute per key across /override/*, then 429', async () => {
    const key = await newKey('supervisor');
    const t0 = Date.now();
    for (let i = 1; i <= 500; i++) {
      const url = i % 2 === 0 ? '/override/text' : '/override/transfer';
      const r = await h.req('POST', url, { key, body: i % 2 === 0 ? { callSid: 'CAnope', text: 'hello' } : { callSid: 'CAnope', target: '1001' } });
      expect(r.json().error.code).toBe('CALL_NOT_FOUND');
      expect(r.headers['x-ratelimit-remaining']).toBe(String(500 - i));
    }
    expectRefused(await h.req('POST', '/override/text', { key, body: { callSid: 'CAnope', text: 'hello' } }), 500, /^rate limit of 500 supervisor control requests per minute reached/, t0);
    expect((await h.req('GET', '/agents/', { key })).statusCode).toBe(200);
  });

  it('Webhook Endpoints: 1000 requests a minute per sending address across /receive_call and /start_call, then 429', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = 'CallSid=CA123456789&From=%2B15551234567&To=%2B15559876543';
    const t0 = Date.now();
    for (let i = 1; i <= 1000; i++) {
      const r = await h.req('POST', i % 2 === 0 ? '/receive_call' : '/start_call', { key: null, headers: form, body });
      // No Twilio auth token is configured: refused, but counted.
      expect(r.statusCode).toBe(503);
      if (i === 1 || i === 1000) {
        expect(r.headers['x-ratelimit-limit']).toBe('1000');
        expect(r.headers['x-ratelimit-remaining']).toBe(String(1000 - i));
        expectResetWithinAMinute(r, t0);
      }
    }
    expectRefused(await h.req('POST', '/receive_call', { key: null, headers: form, body }), 1000, /^rate limit of 1000 webhook requests per minute reached/, t0);
    // Another address has its own allowance.
    const elsewhere = await h.app.inject({ method: 'POST', url: '/start_call', remoteAddress: '127.0.0.2', headers: { host: '127.0.0.1:7300', ...form }, payload: body });
    expect(elsewhere.statusCode).toBe(503);
  });
});
