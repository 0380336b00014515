// Seed 002 (Customer Service Voice Agent) against a live hub with the OpenAI emulator: inbound,
// outbound and all active calls, transcripts, transfer of a live AI call to an agent, outbound
// calls that need a seat (503 naming what is missing), SIP trunks and dispatch rules, its rate
// classes, /ws/calls and /ws/transcripts/{session_id} with real clients, and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pollUntil } from '../../support/proc.ts';
import { startAiHub, waitForCall, type AiHub, type Json } from '../ai/ai-hub.ts';
import { makeTenant, raw, wsOutcome, type Tenant } from './dialect-fixtures.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const INBOUND_KEYS = ['call_sid', 'customer_id', 'duration_seconds', 'end_time', 'handled_by', 'room_name', 'sentiment', 'session_id', 'start_time', 'transfer_count'];
const OUTBOUND_KEYS = ['created_at', 'from_number', 'id', 'metadata', 'participant_id', 'room_name', 'sip_call_id', 'status', 'to_number', 'trunk_id'];

/** A real client of a seed 002 socket, collecting what arrives. */
async function listen(url: string, key: string): Promise<{ messages: Json[]; closed: Promise<number>; next(test: (m: Json) => boolean, what: string): Promise<Json>; close(): void }> {
  const messages: Json[] = [];
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    messages,
    closed,
    async next(test, what) {
      let found: Json;
      await pollUntil(() => (found = messages.find(test)) !== undefined, { timeoutMs: 10_000, what }).catch((err: Error) => {
        throw new Error(`${err.message}; got ${JSON.stringify(messages)}`);
      });
      return found;
    },
    close: () => ws.close(),
  };
}

describe('seed 002 (Customer Service Voice Agent) dialect', () => {
  let h: AiHub;
  let B: Tenant;
  let ws = '';
  let agentId = 0;
  let inbound: Json;
  let outbound: Json;

  const newCall = async (body: Json, key = h.hub.apiKey) => {
    const r = await h.api('/api/v1/calls', { key, body: { from_number: '+15550001111', to_number: '+15183171307', ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    h = await startAiHub();
    ws = h.hub.url.replace(/^http/, 'ws');
    B = await makeTenant(h, 'tenant-b');
    // The transfer target: an agent with an extension and a SIP account (its softphone is not connected here).
    const agent = await h.api('/api/v1/agents', {
      body: { name: 'Billing Specialist', extension: '1005', role: 'agent', skills: ['billing'], sip: { uri: 'sip:1005@127.0.0.1', password: 'pw1005', ws_url: 'ws://127.0.0.1:9' } },
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    agentId = agent.body.id;
    expect((await h.api('/api/v1/assistants/', { body: { name: 'Reception', phone_numbers: ['+81312345678'] } })).status).toBe(201);
    inbound = await newCall({ direction: 'inbound', status: 'in-progress', answered_at: new Date().toISOString(), handled_by: 'ai_agent', sentiment: 'positive', metadata: { customer_id: 456 } });
    outbound = await newCall({ direction: 'outbound', from_number: '+15183171307', to_number: '+1234567890', status: 'in-progress', answered_at: new Date().toISOString(), metadata: { trunk_id: 'ST_SXWwu7ArVEYE' } });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  describe('calls', () => {
    it('GET /calls/inbound/active?page=1&page_size=50: the documented session fields', async () => {
      const r = await h.api('/api/v1/calls/inbound/active?page=1&page_size=50');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 1, page: 1, page_size: 50 });
      expect(Object.keys(r.body.calls[0]).sort()).toEqual(INBOUND_KEYS);
      expect(r.body.calls[0]).toEqual({
        session_id: inbound.id,
        customer_id: 456,
        room_name: `call-${inbound.sid}`,
        start_time: expect.stringMatching(ISO),
        end_time: null,
        duration_seconds: expect.any(Number),
        handled_by: 'ai_agent',
        sentiment: 'positive',
        transfer_count: 0,
        call_sid: inbound.sid,
      });
      expect((await h.api('/api/v1/calls/inbound/active?page=2&page_size=50')).body).toMatchObject({ calls: [], total: 1, page: 2 });
      expect((await h.api('/api/v1/calls/inbound/active?page_size=0')).status).toBe(400);
    });

    it('GET /calls/inbound/{session_id}: one session; an outbound or unknown one is 404 "Call session not found"', async () => {
      const r = await h.api(`/api/v1/calls/inbound/${inbound.id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ session_id: inbound.id, customer_id: 456, handled_by: 'ai_agent', end_time: null });
      for (const id of [outbound.id, 999999]) {
        const missing = await h.api(`/api/v1/calls/inbound/${id}`);
        expect(missing.status).toBe(404);
        expect(missing.body.detail).toBe('Call session not found');
      }
    });

    it('GET /calls/outbound/active and /calls/all/active', async () => {
      const out = await h.api('/api/v1/calls/outbound/active');
      expect(out.status).toBe(200);
      expect(out.body.total).toBe(1);
      expect(Object.keys(out.body.calls[0]).sort()).toEqual(OUTBOUND_KEYS);
      expect(out.body.calls[0]).toEqual({
        id: outbound.id,
        sip_call_id: outbound.sid,
        participant_id: null,
        room_name: expect.stringMatching(/^outbound-1234567890-\d{14}$/),
        to_number: '+1234567890',
        from_number: '+15183171307',
        trunk_id: 'ST_SXWwu7ArVEYE',
        status: 'answered',
        metadata: { trunk_id: 'ST_SXWwu7ArVEYE' },
        created_at: expect.stringMatching(ISO),
      });
      const all = await h.api('/api/v1/calls/all/active');
      expect(all.status).toBe(200);
      expect(Object.keys(all.body).sort()).toEqual(['inbound_calls', 'inbound_count', 'outbound_calls', 'outbound_count', 'total']);
      expect(all.body).toMatchObject({ total: 2, inbound_count: 1, outbound_count: 1 });
      expect(all.body.inbound_calls[0].session_id).toBe(inbound.id);
      expect(all.body.outbound_calls[0].sip_call_id).toBe(outbound.sid);
    });

    it('GET /calls/{session_id}/transcript: entries with the seed’s speakers and wall-clock timestamps', async () => {
      for (const s of [
        { speaker: 'caller', text: 'Hello, I need help with my account', start_ms: 5000, end_ms: 6000, confidence: 0.95 },
        { speaker: 'ai', text: "Hello! I'd be happy to help you with your account.", start_ms: 8000, end_ms: 9000, confidence: 1 },
      ]) {
        expect((await h.api(`/api/v1/calls/${inbound.id}/transcripts`, { body: s })).status).toBe(201);
      }
      const r = await h.api(`/api/v1/calls/${inbound.id}/transcript`);
      expect(r.status).toBe(200);
      const start = Date.parse(inbound.started_at);
      expect(r.body).toEqual([
        { id: expect.any(Number), session_id: inbound.id, speaker: 'customer', text: 'Hello, I need help with my account', timestamp: new Date(start + 5000).toISOString(), confidence: 0.95 },
        { id: expect.any(Number), session_id: inbound.id, speaker: 'ai_agent', text: "Hello! I'd be happy to help you with your account.", timestamp: new Date(start + 8000).toISOString(), confidence: 1 },
      ]);
      expect((await h.api('/api/v1/calls/999999/transcript')).body).toMatchObject({ detail: 'Call session not found' });
    });
  });

  describe('outbound calls need a seat', () => {
    it('create, callback and batch from a seat that is not connected: 503 naming what is missing, never a fake success', async () => {
      const create = await h.api('/api/v1/calls/outbound/create', { body: { to_number: '+1234567890', from_number: '1005', customer_id: 123, metadata: { purpose: 'follow_up' }, play_ringtone: true } });
      expect(create.status).toBe(503);
      expect(create.body).toMatchObject({ type: 'seat_not_running', detail: expect.stringMatching(/softphone is not connected/) });

      const callback = await h.api('/api/v1/calls/outbound/callback', {
        body: { customer_phone: '+1234567890', customer_id: 123, reason: 'scheduled_callback_from_support', from_number: '1005', metadata: { original_session_id: 456 } },
      });
      expect(callback.status).toBe(503);
      expect(callback.body.detail).toMatch(/softphone is not connected/);
      const unnamed = await h.api('/api/v1/calls/outbound/callback', { body: { customer_phone: '+1234567890', from_number: '+15183171307' } });
      expect(unnamed.status).toBe(404);
      expect(unnamed.body.detail).toBe('agent with extension +15183171307 not found');

      const batch = await h.api('/api/v1/calls/outbound/batch', {
        body: {
          calls: [
            { to_number: '+1234567890', metadata: { name: 'John Doe', account: 'ACC001' } },
            { to_number: '+0987654321', metadata: { name: 'Jane Smith', account: 'ACC002' } },
          ],
          from_number: '1005',
          trunk_id: 'ST_SXWwu7ArVEYE',
          delay_seconds: 0.2,
        },
      });
      expect(batch.status).toBe(200);
      expect(batch.body).toEqual({
        total: 2,
        successful: 0,
        failed: 2,
        results: [
          { success: false, index: 1, error: expect.stringMatching(/softphone is not connected/) },
          { success: false, index: 2, error: expect.stringMatching(/softphone is not connected/) },
        ],
      });
      const tooLong = await h.api('/api/v1/calls/outbound/batch', { body: { calls: [{ to_number: '1' }, { to_number: '2' }, { to_number: '3' }], from_number: '1005', delay_seconds: 61 } });
      expect(tooLong.status).toBe(400);
      const span = await h.api('/api/v1/calls/outbound/batch', { body: { calls: Array.from({ length: 5 }, () => ({ to_number: '1' })), from_number: '1005', delay_seconds: 60 } });
      expect(span.status).toBe(400);
      expect(span.body.detail).toMatch(/at most 120 s/);
      // Nothing was placed.
      expect((await h.api('/api/v1/calls/outbound/active')).body.total).toBe(1);
    });

    it('rate classes: batch 10 a minute, outbound calls 30 a minute, with X-RateLimit-*', async () => {
      const key = (await h.api('/api/v1/keys', { body: { name: 'dialer', scopes: ['write'] } })).body.key as string;
      const batch = () => h.api('/api/v1/calls/outbound/batch', { key, body: { calls: [{ to_number: '+1234567890' }], from_number: '1005' } });
      const sentAt = Date.now();
      for (let i = 1; i <= 10; i++) {
        const r = await batch();
        expect(r.status).toBe(200);
        expect(Number(r.headers.get('x-ratelimit-limit'))).toBe(10);
        expect(Number(r.headers.get('x-ratelimit-remaining'))).toBe(10 - i);
        // The seed's X-RateLimit-Reset: the Unix time (seconds) the window resets, within the minute.
        const reset = Number(r.headers.get('x-ratelimit-reset'));
        expect(reset).toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) + 59);
        expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
      }
      const over = await batch();
      expect(over.status).toBe(429);
      expect(over.body.detail).toMatch(/^rate limit of 10 batch requests per minute reached/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);

      // The batch calls counted as outbound calls too: 20 more this minute, then the 31st is refused.
      const create = () => h.api('/api/v1/calls/outbound/create', { key, body: { to_number: '+1234567890', from_number: '1005' } });
      for (let i = 1; i <= 20; i++) expect((await create()).status).toBe(503);
      const refused = await create();
      expect(refused.status).toBe(429);
      expect(refused.body.detail).toMatch(/^rate limit of 30 outbound call requests per minute reached/);
      // Another key has its own allowance.
      expect((await h.api('/api/v1/calls/outbound/create', { body: { to_number: '+1234567890', from_number: '1005' } })).status).toBe(503);
    });
  });

  describe('SIP trunks and dispatch rules', () => {
    let inboundTrunk = '';

    it('POST /sip/trunks stores trunks; GET /sip/trunks lists them by direction', async () => {
      const a = await h.api('/api/v1/sip/trunks', { body: { trunk_type: 'inbound', name: 'My inbound trunk AgnoX', numbers: ['+15183171307'] } });
      expect(a.status).toBe(201);
      expect(a.body).toEqual({ trunk_id: expect.stringMatching(/^ST_[A-Za-z0-9]{12}$/), trunk_type: 'inbound', name: 'My inbound trunk AgnoX', numbers: ['+15183171307'] });
      inboundTrunk = a.body.trunk_id;
      const b = await h.api('/api/v1/sip/trunks', { body: { trunk_type: 'outbound', name: 'My outbound trunk AgnoX', address: '5njkgqf8llp.sip.livekit.cloud', numbers: ['+15183171307'] } });
      expect(b.status).toBe(201);
      const list = await h.api('/api/v1/sip/trunks');
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        inbound: [{ trunk_id: inboundTrunk, trunk_type: 'inbound', name: 'My inbound trunk AgnoX', numbers: ['+15183171307'] }],
        outbound: [{ trunk_id: b.body.trunk_id, trunk_type: 'outbound', name: 'My outbound trunk AgnoX', address: '5njkgqf8llp.sip.livekit.cloud', numbers: ['+15183171307'] }],
        total_inbound: 1,
        total_outbound: 1,
      });
      expect((await h.api('/api/v1/sip/trunks', { body: { trunk_type: 'sideways', name: 'x', numbers: [] } })).status).toBe(400);
      expect((await h.api('/api/v1/sip/trunks', { body: { trunk_type: 'inbound', name: 'x', numbers: ['call me'] } })).status).toBe(400);
    });

    it('POST /sip/dispatch-rules with the documented request; GET lists them', async () => {
      const r = await h.api('/api/v1/sip/dispatch-rules', {
        body: { name: 'VIP Customer Service', trunk_ids: [inboundTrunk], room_name_pattern: 'vip-call-{call_id}', metadata: { priority: 'high', department: 'vip_support' }, hide_phone_number: false },
      });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        rule_id: expect.stringMatching(/^SDR_[A-Za-z0-9]{12}$/),
        name: 'VIP Customer Service',
        trunk_ids: [inboundTrunk],
        room_pattern: 'vip-call-{call_id}',
        hide_phone_number: false,
        has_pin: false,
        metadata: { priority: 'high', department: 'vip_support' },
      });
      const pinned = await h.api('/api/v1/sip/dispatch-rules', { body: { name: 'Default Customer Service Rule', trunk_ids: [inboundTrunk], pin: '1234' } });
      expect(pinned.body).toMatchObject({ room_pattern: 'call-{call_id}', has_pin: true, metadata: {} });
      expect(JSON.stringify(pinned.body)).not.toContain('1234');
      const list = await h.api('/api/v1/sip/dispatch-rules');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([r.body, pinned.body]);
      const unknown = await h.api('/api/v1/sip/dispatch-rules', { body: { name: 'x', trunk_ids: ['ST_nothere'] } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.detail).toBe('unknown trunk_ids: ST_nothere');
    });

    it("tenant B sees none of A's trunks or rules and cannot use A's trunks", async () => {
      expect((await h.api('/api/v1/sip/trunks', { key: B.read })).body).toEqual({ inbound: [], outbound: [], total_inbound: 0, total_outbound: 0 });
      expect((await h.api('/api/v1/sip/dispatch-rules', { key: B.read })).body).toEqual([]);
      expect((await h.api('/api/v1/sip/dispatch-rules', { key: B.admin, body: { name: 'steal', trunk_ids: [inboundTrunk] } })).status).toBe(400);
    });
  });

  describe('WebSockets', () => {
    it('WS /ws/calls: started, answered and ended with the documented fields; another tenant hears nothing', async () => {
      const calls = await listen(`${ws}/ws/calls`, h.hub.apiKey);
      const intruder = await listen(`${ws}/ws/calls`, B.admin);
      const call = await newCall({ direction: 'inbound', status: 'ringing' });
      const started = await calls.next((m) => m.event === 'call_started' && m.session_id === call.id, 'call_started');
      expect(started).toEqual({
        event: 'call_started',
        call_id: call.sid,
        session_id: call.id,
        room_name: `call-${call.sid}`,
        direction: 'inbound',
        status: 'ringing',
        from_number: '+15550001111',
        to_number: '+15183171307',
        timestamp: expect.stringMatching(ISO),
      });
      await h.api(`/api/v1/calls/${call.id}`, { method: 'PATCH', body: { status: 'in-progress', answered_at: new Date().toISOString() } });
      await calls.next((m) => m.event === 'call_answered' && m.session_id === call.id, 'call_answered');
      await h.api(`/api/v1/calls/${call.id}`, { method: 'PATCH', body: { status: 'completed', ended_at: new Date().toISOString() } });
      await calls.next((m) => m.event === 'call_ended' && m.session_id === call.id, 'call_ended');
      expect(calls.messages.filter((m) => m.session_id === call.id).map((m) => m.event)).toEqual(['call_started', 'call_answered', 'call_ended']);
      expect(intruder.messages).toEqual([]);
      calls.close();
      intruder.close();
    });

    it('WS /ws/transcripts/{session_id}: transcript_update as segments are written, closed (1000) when the call ends', async () => {
      const call = await newCall({ direction: 'inbound', status: 'in-progress' });
      const transcript = await listen(`${ws}/ws/transcripts/${call.id}`, h.hub.apiKey);
      await h.api(`/api/v1/calls/${call.id}/transcripts`, { body: { speaker: 'caller', text: 'Hello, I need help', start_ms: 5000, end_ms: 6000, confidence: 0.9 } });
      const update = await transcript.next((m) => m.event === 'transcript_update', 'transcript_update');
      expect(update).toEqual({ event: 'transcript_update', session_id: call.id, speaker: 'customer', text: 'Hello, I need help', timestamp: new Date(Date.parse(call.started_at) + 5000).toISOString(), confidence: 0.9 });
      await h.api(`/api/v1/calls/${call.id}`, { method: 'PATCH', body: { status: 'completed', ended_at: new Date().toISOString() } });
      expect(await transcript.closed).toBe(1000);
    });

    it('sockets: 401 without a key (or with ?api_key=), 404 for an unknown or another tenant’s session', async () => {
      expect((await wsOutcome(`${ws}/ws/calls`)).status).toBe(401);
      expect((await wsOutcome(`${ws}/ws/transcripts/${inbound.id}`)).status).toBe(401);
      expect((await wsOutcome(`${ws}/ws/transcripts/999999`, { authorization: `Bearer ${h.hub.apiKey}` })).status).toBe(404);
      expect((await wsOutcome(`${ws}/ws/transcripts/${inbound.id}`, { authorization: `Bearer ${B.admin}` })).status).toBe(404);
      expect((await wsOutcome(`${ws}/ws/transcripts/abc`, { authorization: `Bearer ${h.hub.apiKey}` })).status).toBe(400);
      // A browser passes the key in the query.
      const browser = new WebSocket(`${ws}/ws/calls?api_key=${encodeURIComponent(h.hub.apiKey)}`);
      await new Promise<void>((resolve, reject) => {
        browser.once('open', () => resolve());
        browser.once('error', reject);
      });
      browser.close();
    });
  });

  describe('transfer', () => {
    it('POST /calls/{session_id}/transfer on a live AI call hands the caller to the agent (REFER)', async () => {
      const rung = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+818012345678', to: '+81312345678' });
      const id = JSON.parse(rung.delivery.body).call_id as number;
      await h.ai.waitForSideband(rung.callId);
      await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered');
      expect((await h.api(`/api/v1/calls/${id}/transfer`, { key: B.admin, body: { agent_id: agentId, transfer_type: 'warm' } })).status).toBe(404);

      const r = await h.api(`/api/v1/calls/${id}/transfer`, { body: { agent_id: agentId, transfer_type: 'warm', reason: 'Customer requests billing specialist' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ success: true, message: `Call transferred to agent ${agentId}`, agent_id: agentId, transfer_type: 'warm' });
      expect(h.ai.call(rung.callId).referrals).toEqual([expect.stringMatching(/^sip:1005@127\.0\.0\.1/)]);
      const events = (await h.api(`/api/v1/calls/${id}/events`)).body.events as { type: string; data: Json }[];
      expect(events.find((e) => e.type === 'transfer.requested')?.data).toEqual({ agent_id: agentId, transfer_type: 'warm', reason: 'Customer requests billing specialist' });
      await h.ai.endCall(rung.callId);
    });

    it('unknown agent 404, ended call 409, a human call with no connected seat 503, bad type 400', async () => {
      expect((await h.api(`/api/v1/calls/${inbound.id}/transfer`, { body: { agent_id: 999999, transfer_type: 'cold' } })).body).toMatchObject({ detail: 'agent 999999 not found' });
      const ended = await newCall({ direction: 'inbound', status: 'completed' });
      expect((await h.api(`/api/v1/calls/${ended.id}/transfer`, { body: { agent_id: agentId } })).status).toBe(409);
      const seatless = await h.api(`/api/v1/calls/${inbound.id}/transfer`, { body: { agent_id: agentId, transfer_type: 'cold' } });
      expect(seatless.status).toBe(503);
      expect(seatless.body.detail).toMatch(/not on a connected seat or an AI call/);
      expect((await h.api(`/api/v1/calls/${inbound.id}/transfer`, { body: { agent_id: agentId, transfer_type: 'lukewarm' } })).status).toBe(400);
    });
  });

  it("tenant isolation: B's keys reach none of A's sessions on any route", async () => {
    for (const path of [`/api/v1/calls/inbound/${inbound.id}`, `/api/v1/calls/${inbound.id}/transcript`]) {
      const r = await h.api(path, { key: B.admin });
      expect(r.status, path).toBe(404);
      expect(r.body.detail, path).toBe('Call session not found');
    }
    expect((await h.api(`/api/v1/calls/${inbound.id}/transfer`, { key: B.admin, body: { agent_id: agentId } })).status).toBe(404);
    expect((await h.api('/api/v1/calls/inbound/active', { key: B.read })).body).toMatchObject({ calls: [], total: 0 });
    expect((await h.api('/api/v1/calls/outbound/active', { key: B.read })).body).toEqual({ total: 0, calls: [] });
    expect((await h.api('/api/v1/calls/all/active', { key: B.read })).body).toEqual({ total: 0, inbound_count: 0, outbound_count: 0, inbound_calls: [], outbound_calls: [] });
    // A's agent is not B's to dial from.
    expect((await h.api('/api/v1/calls/outbound/callback', { key: B.admin, body: { customer_phone: '+1234567890', agent_id: agentId } })).status).toBe(404);
    const anon = await raw(h, 'GET', '/api/v1/calls/all/active');
    expect(anon.status).toBe(401);
    expect(anon.body.detail).toMatch(/missing API key/);
  });
});
