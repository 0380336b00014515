// Seed 004 (Diwaar) calls API against a live hub: list filters (skip, limit, status, assistant_id),
// by id and sid, transcripts with the speaker filter, recordings, count and stats with the
// documented shapes; its `{detail, type}` errors, key permissions, per-hour and per-day key
// limits, and tenant isolation on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAiHub, type AiHub, type Json } from '../ai/ai-hub.ts';
import { makeTenant, raw, type Tenant } from './dialect-fixtures.ts';

const STATS_KEYS = ['average_duration_seconds', 'completed_calls', 'failed_calls', 'ongoing_calls', 'success_rate', 'total_calls', 'total_duration_seconds'];

describe('seed 004 (Diwaar) calls API', () => {
  let h: AiHub;
  let A: Tenant;
  let B: Tenant;
  let assistantId = 0;
  /** Tenant A's calls by what they are. */
  const ids: Record<string, number> = {};
  const sids: Record<string, string> = {};
  const get = (path: string, key: string) => h.api(path, { key });

  beforeAll(async () => {
    h = await startAiHub();
    A = await makeTenant(h, 'acme');
    B = await makeTenant(h, 'tenant-b');
    const assistant = await h.api('/api/v1/assistants/', { key: A.admin, body: { name: 'Customer Service Bot', phone_numbers: ['+1234567890'] } });
    expect(assistant.status, JSON.stringify(assistant.body)).toBe(201);
    assistantId = assistant.body.id;
    const base = { direction: 'inbound', from_number: '+15550001111', to_number: '+1234567890' };
    const calls: Record<string, Json> = {
      done1: { ...base, status: 'completed', assistant_id: assistantId, handled_by: 'ai_agent', duration_seconds: 100, ended_at: new Date().toISOString() },
      done2: { ...base, status: 'completed', duration_seconds: 200, ended_at: new Date().toISOString() },
      failed: { ...base, status: 'failed', assistant_id: assistantId },
      busy: { ...base, status: 'busy' },
      live: { ...base, status: 'in-progress', assistant_id: assistantId, handled_by: 'ai_agent' },
    };
    for (const [name, body] of Object.entries(calls)) {
      const r = await h.api('/api/v1/calls', { key: A.admin, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[name] = r.body.id;
      sids[name] = r.body.sid;
    }
    for (const s of [
      { speaker: 'caller', text: 'Hello, I need help with my account', start_ms: 1000, end_ms: 2500 },
      { speaker: 'ai', text: 'Of course. What seems to be the issue?', start_ms: 3000, end_ms: 5000 },
      { speaker: 'agent', text: 'This is Dana from billing.', start_ms: 9000, end_ms: 10_000 },
    ]) {
      expect((await h.api(`/api/v1/calls/${ids.done1}/transcripts`, { key: A.admin, body: s })).status).toBe(201);
    }
    expect((await h.api('/api/v1/calls', { key: B.admin, body: { ...base, status: 'completed', duration_seconds: 5 } })).status).toBe(201);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('GET /api/v1/calls/?status=completed&limit=50: the completed calls of the organisation only', async () => {
    const r = await get('/api/v1/calls/?status=completed&limit=50', A.read);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(r.body.calls.map((c: { id: number }) => c.id).sort()).toEqual([ids.done1, ids.done2].sort());
    expect(r.body.calls[0]).toMatchObject({ id: expect.any(Number), sid: expect.any(String), status: 'completed', tenant_id: 'acme' });
  });

  it('status ongoing / failed map onto ours; assistant_id, skip and limit filter and page', async () => {
    const ongoing = await get('/api/v1/calls/?status=ongoing', A.read);
    expect(ongoing.body.calls.map((c: { id: number }) => c.id)).toEqual([ids.live]);
    const failed = await get('/api/v1/calls/?status=failed', A.read);
    expect(failed.body.calls.map((c: { id: number }) => c.id).sort()).toEqual([ids.failed, ids.busy].sort());
    const byAssistant = await get(`/api/v1/calls/?assistant_id=${assistantId}`, A.read);
    expect(byAssistant.body.calls.map((c: { id: number }) => c.id).sort()).toEqual([ids.done1, ids.failed, ids.live].sort());
    const all = (await get('/api/v1/calls/?limit=1000', A.read)).body;
    expect(all.total).toBe(5);
    const page = await get('/api/v1/calls/?skip=1&limit=2', A.read);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.body.calls.map((c: { id: number }) => c.id)).toEqual(all.calls.slice(1, 3).map((c: { id: number }) => c.id));
    // The native path without the slash answers the same.
    expect((await get('/api/v1/calls?status=ongoing', A.read)).body.calls.map((c: { id: number }) => c.id)).toEqual([ids.live]);
  });

  it('limit above 1000 and unknown statuses are 400 with {detail, type}', async () => {
    for (const q of ['limit=1001', 'status=lost', 'assistant_id=abc', 'skip=-1']) {
      const r = await get(`/api/v1/calls/?${q}`, A.read);
      expect(r.status, q).toBe(400);
      expect(r.body, q).toMatchObject({ detail: expect.any(String), type: 'validation_failed', message: r.body.detail });
    }
  });

  it('GET /api/v1/calls/{call_id} and /calls/sid/{call_sid}', async () => {
    const byId = await get(`/api/v1/calls/${ids.done1}`, A.read);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: ids.done1, sid: sids.done1, status: 'completed', assistant_id: assistantId, duration_seconds: 100 });
    const bySid = await get(`/api/v1/calls/sid/${sids.done1}`, A.read);
    expect(bySid.status).toBe(200);
    expect(bySid.body).toEqual(byId.body);
    const missing = await get('/api/v1/calls/sid/CA1234567890abcdef', A.read);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ detail: expect.stringMatching(/not found/), type: 'not_found' });
  });

  it('transcripts by id and sid, with speaker=user (the caller) or assistant (AI and agent)', async () => {
    const all = await get(`/api/v1/calls/${ids.done1}/transcripts`, A.read);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ call_id: ids.done1, call_sid: sids.done1 });
    expect(all.body.segments.map((s: { speaker: string }) => s.speaker)).toEqual(['caller', 'ai', 'agent']);
    const user = await get(`/api/v1/calls/${ids.done1}/transcripts?speaker=user`, A.read);
    expect(user.body.segments.map((s: { text: string }) => s.text)).toEqual(['Hello, I need help with my account']);
    const assistant = await get(`/api/v1/calls/sid/${sids.done1}/transcripts?speaker=assistant`, A.read);
    expect(assistant.status).toBe(200);
    expect(assistant.body.segments.map((s: { speaker: string }) => s.speaker)).toEqual(['ai', 'agent']);
    expect((await get(`/api/v1/calls/sid/${sids.done1}/transcripts`, A.read)).body).toEqual(all.body);
    expect((await get(`/api/v1/calls/${ids.done1}/transcripts?speaker=ai`, A.read)).body.segments).toHaveLength(1);
    expect((await get(`/api/v1/calls/${ids.done1}/transcripts?speaker=robot`, A.read)).status).toBe(400);
  });

  it('recordings by id and sid: the hub keeps none yet, so an empty list — a real call still, an unknown one 404s', async () => {
    const byId = await get(`/api/v1/calls/${ids.done1}/recordings`, A.read);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ call_id: ids.done1, call_sid: sids.done1, recordings: [] });
    const bySid = await get(`/api/v1/calls/sid/${sids.done1}/recordings?recording_type=full`, A.read);
    expect(bySid.body).toEqual(byId.body);
    expect((await get('/api/v1/calls/999999/recordings', A.read)).status).toBe(404);
    expect((await get('/api/v1/calls/sid/CAnope/recordings', A.read)).status).toBe(404);
  });

  it('GET /api/v1/calls/count?status=completed answers {"count": n}', async () => {
    expect((await get('/api/v1/calls/count?status=completed', A.read)).body).toEqual({ count: 2 });
    expect((await get('/api/v1/calls/count', A.read)).body).toEqual({ count: 5 });
    expect((await get('/api/v1/calls/count?status=ongoing', A.read)).body).toEqual({ count: 1 });
    expect((await get('/api/v1/calls/count?status=failed', A.read)).body).toEqual({ count: 2 });
    expect((await get('/api/v1/calls/count?status=busy', A.read)).status).toBe(400);
  });

  it('GET /api/v1/calls/stats answers the documented fields, computed as the example does', async () => {
    const r = await get('/api/v1/calls/stats', A.read);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(STATS_KEYS);
    expect(r.body).toEqual({
      total_calls: 5,
      ongoing_calls: 1,
      completed_calls: 2,
      failed_calls: 2,
      total_duration_seconds: 300,
      average_duration_seconds: 150,
      success_rate: 40,
    });
  });

  it('permissions: read reads, write writes, DELETE needs admin; 401/403 carry detail and type', async () => {
    const write = (await h.api('/api/v1/keys', { key: A.admin, body: { name: 'writer', scopes: ['write'] } })).body.key as string;
    const anon = await raw(h, 'GET', '/api/v1/calls/');
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ detail: expect.any(String), type: 'unauthorized' });
    const readPost = await h.api('/api/v1/calls', { key: A.read, body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'ringing' } });
    expect(readPost.status).toBe(403);
    expect(readPost.body).toMatchObject({ detail: "this API key lacks the 'write' scope", type: 'forbidden' });
    expect((await get('/api/v1/calls/stats', write)).status).toBe(200);
    const created = await h.api('/api/v1/assistants/', { key: write, body: { name: 'Temp' } });
    expect(created.status).toBe(201);
    expect((await h.api(`/api/v1/assistants/${created.body.id}`, { method: 'DELETE', key: write })).status).toBe(403);
    expect((await h.api(`/api/v1/assistants/${created.body.id}`, { method: 'DELETE', key: A.admin })).status).toBe(200);
  });

  describe('per-key limits per hour and per day', () => {
    const keyWith = async (limits: Record<string, number>) => {
      const r = await h.api('/api/v1/keys', { key: A.admin, body: { name: 'limited', scopes: ['read'], ...limits } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.api_key).toMatchObject({ rate_limit_per_hour: limits.rate_limit_per_hour ?? null, rate_limit_per_day: limits.rate_limit_per_day ?? null });
      return r.body.key as string;
    };
    /** X-RateLimit-Limit, -Remaining, and the seconds until -Reset (the Unix time of the reset, as seed 002 sends it). */
    const headers = (r: { headers: Headers }) => {
      const [limit, remaining, reset] = ['limit', 'remaining', 'reset'].map((k) => Number(r.headers.get(`x-ratelimit-${k}`)));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      return [limit, remaining, reset! - Math.ceil(Date.now() / 1000)];
    };

    it('an hourly limit: X-RateLimit-* report it once it is the tightest, then 429 with detail', async () => {
      const key = await keyWith({ rate_limit_per_minute: 100, rate_limit_per_hour: 3 });
      for (const left of [2, 1, 0]) {
        const r = await get('/api/v1/calls/count', key);
        expect(r.status).toBe(200);
        const [limit, remaining, untilReset] = headers(r);
        expect({ limit, remaining }).toEqual({ limit: 3, remaining: left });
        expect(untilReset).toBeGreaterThan(3000);
        expect(untilReset).toBeLessThanOrEqual(3600);
      }
      const over = await get('/api/v1/calls/count', key);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ type: 'rate_limited', detail: expect.stringMatching(/^rate limit of 3 requests per hour reached; retry in \d+ s$/) });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3000);
      // The hour is the key's, whichever dialect it calls.
      expect((await raw(h, 'GET', '/agents/', { bearer: key })).status).toBe(429);
    });

    it('a daily limit below the hourly one is the one reported and enforced', async () => {
      const key = await keyWith({ rate_limit_per_hour: 5, rate_limit_per_day: 2 });
      const first = await get('/api/v1/calls/stats', key);
      expect(headers(first).slice(0, 2)).toEqual([2, 1]);
      expect(headers(first)[2]).toBeGreaterThan(3600);
      expect((await get('/api/v1/calls/stats', key)).status).toBe(200);
      const over = await get('/api/v1/calls/stats', key);
      expect(over.status).toBe(429);
      expect(over.body.detail).toMatch(/^rate limit of 2 requests per day reached/);
    });

    it('when the minute is tighter, the headers stay the minute’s; keys without hour/day limits have none', async () => {
      const key = await keyWith({ rate_limit_per_minute: 2, rate_limit_per_hour: 50 });
      expect(headers(await get('/api/v1/calls/count', key)).slice(0, 2)).toEqual([2, 1]);
      expect(headers(await get('/api/v1/calls/count', A.read)).slice(0, 1)).toEqual([600]);
      expect((await h.api('/api/v1/keys', { key: A.admin, body: { scopes: ['read'], rate_limit_per_hour: 0 } })).status).toBe(400);
    });
  });

  it("tenant isolation: B's keys see none of A's calls on any route, and B's count and stats are B's", async () => {
    for (const path of [
      `/api/v1/calls/${ids.done1}`,
      `/api/v1/calls/sid/${sids.done1}`,
      `/api/v1/calls/${ids.done1}/transcripts`,
      `/api/v1/calls/${ids.done1}/transcripts?speaker=user`,
      `/api/v1/calls/sid/${sids.done1}/transcripts`,
      `/api/v1/calls/${ids.done1}/recordings`,
      `/api/v1/calls/sid/${sids.done1}/recordings`,
    ]) {
      const r = await get(path, B.admin);
      expect(r.status, path).toBe(404);
      // The answer names only what was asked for: nothing of the call itself.
      expect(JSON.stringify(r.body), path).not.toMatch(/acme|\+15550001111|account/);
    }
    const list = await get(`/api/v1/calls/?assistant_id=${assistantId}`, B.admin);
    expect(list.body).toMatchObject({ total: 0, calls: [] });
    expect((await get('/api/v1/calls/count', B.read)).body).toEqual({ count: 1 });
    expect((await get('/api/v1/calls/stats', B.read)).body).toMatchObject({ total_calls: 1, completed_calls: 1, total_duration_seconds: 5, success_rate: 100 });
  });
});
