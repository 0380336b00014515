// Seed 003 (Phony) against a live hub with the OpenAI emulator: /agents/ over our assistants,
// the supervisor overrides and /events/ws on live AI calls (real `ws` clients), the Twilio
// webhooks with X-Twilio-Signature, its error format, tenant isolation and bad input.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { twilioSignature } from '../../../electron/core/api/dialects/phony/twilio-signature.ts';
import { pollUntil } from '../../support/proc.ts';
import { startAiHub, waitForCall, type AiHub } from '../ai/ai-hub.ts';
import { expectClientError, makeTenant, MALFORMED_JSON_BODIES, raw, wsOutcome, type Tenant } from './dialect-fixtures.ts';

const TWILIO_TOKEN = randomBytes(16).toString('hex');
const TOKEN_B = randomBytes(16).toString('hex');
const OPENAI_SIP = 'sip:proj_earshot@sip.api.openai.com;transport=tls';
const newSid = () => `CA${randomBytes(16).toString('hex')}`;

/** Seed 003's "Create Agent" request. */
const CREATE_EXAMPLE = {
  name: 'Customer Service Bot',
  system_prompt: 'You are a helpful customer service representative',
  voice: 'alloy',
  model: 'gpt-4o-realtime-preview',
  greeting_message: 'Hello! How can I help you today?',
  phone_numbers: ['+15551234567'],
  is_active: true,
};

interface PhonyMessage {
  type: string;
  callSid: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** A real client of /events/ws, collecting what arrives. */
async function subscribe(h: AiHub, callSid: string, key: string): Promise<{ messages: PhonyMessage[]; closed: Promise<number>; next(type: string): Promise<PhonyMessage>; close(): void }> {
  const messages: PhonyMessage[] = [];
  const ws = new WebSocket(`${h.hub.url.replace(/^http/, 'ws')}/events/ws?callSid=${encodeURIComponent(callSid)}`, { headers: { authorization: `Bearer ${key}` } });
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as PhonyMessage));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    messages,
    closed,
    async next(type) {
      let found: PhonyMessage | undefined;
      await pollUntil(() => (found = messages.find((m) => m.type === type)) !== undefined, { timeoutMs: 10_000, what: `${type} on /events/ws` }).catch((err: Error) => {
        throw new Error(`${err.message}; got ${messages.map((m) => m.type).join(', ')}`);
      });
      return found!;
    },
    close: () => ws.close(),
  };
}

/** Posts a Twilio webhook the way Twilio does: form-encoded, signed over the URL and sorted params. */
async function twilioPost(h: AiHub, path: string, params: Record<string, string>, opts: { token?: string; signedUrl?: string; tamper?: (sig: string) => string; body?: string } = {}) {
  const url = opts.signedUrl ?? `${h.hub.url}${path}`;
  const signature = twilioSignature(opts.token ?? TWILIO_TOKEN, url, params);
  return raw(h, 'POST', path, {
    body: opts.body ?? new URLSearchParams(params).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'x-twilio-signature': opts.tamper ? opts.tamper(signature) : signature },
  });
}

describe('seed 003 (Phony) dialect', () => {
  let h: AiHub;
  let B: Tenant;

  beforeAll(async () => {
    h = await startAiHub({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
    B = await makeTenant(h, 'tenant-b');
    h.ai.setRealtimeReply(({ response }) => {
      const instructions = typeof response.instructions === 'string' ? response.instructions : '';
      return /: (.*)$/s.exec(instructions)?.[1] ?? (instructions || undefined);
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('GET /healthz answers the documented shape', async () => {
    const r = await raw(h, 'GET', '/healthz');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['activeCalls', 'status', 'uptime']);
    expect(r.body).toMatchObject({ status: 'ok', uptime: expect.any(Number), activeCalls: expect.any(Number) });
  });

  describe('/agents/', () => {
    let id = '';

    it('POST /agents/: the documented request creates the agent, which is one of our assistants', async () => {
      const r = await h.api('/agents/', { body: CREATE_EXAMPLE });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        id: expect.stringMatching(/^agent_\d+$/),
        tenant_id: 'default',
        ...CREATE_EXAMPLE,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      id = r.body.id;
      const assistant = await h.api(`/api/v1/assistants/${id.slice('agent_'.length)}`);
      expect(assistant.body).toMatchObject({ name: 'Customer Service Bot', instructions: CREATE_EXAMPLE.system_prompt, greeting: CREATE_EXAMPLE.greeting_message, voice: 'alloy', phone_numbers: ['+15551234567'] });
    });

    it('the Python example (no model, no is_active) takes the defaults; the advanced fields are kept', async () => {
      const r = await h.api('/agents/', {
        body: { name: 'Support Bot', system_prompt: 'You are a technical support agent', voice: 'echo', phone_numbers: ['+15557654321'], temperature: 0.7, max_tokens: 150 },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ name: 'Support Bot', voice: 'echo', model: 'gpt-realtime', is_active: true, greeting_message: null, temperature: 0.7, max_tokens: 150 });
    });

    it('the documented validation error: an invalid phone number is 422 naming the field and value', async () => {
      const r = await h.api('/agents/', { body: { ...CREATE_EXAMPLE, phone_numbers: ['invalid-number'] } });
      expect(r.status).toBe(422);
      expect(r.body).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Invalid phone number format', details: { field: 'phone_numbers', value: 'invalid-number' } } });
      const typed = await h.api('/agents/', { body: { name: 'X', voice: 5 } });
      expect(typed.status).toBe(422);
      expect(typed.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'voice', value: 5 } });
      const dup = await h.api('/agents/', { body: { name: 'Dup', phone_numbers: ['+1 555 123 4567'] } });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('CONFLICT');
    });

    it('GET /agents/ lists with limit, offset and is_active as documented', async () => {
      await h.api('/agents/', { body: { name: 'Night line', is_active: false } });
      const r = await h.api('/agents/?limit=10&offset=0&is_active=true');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 2, limit: 10, offset: 0 });
      expect(r.body.agents[0]).toMatchObject({ id, name: 'Customer Service Bot', system_prompt: CREATE_EXAMPLE.system_prompt, voice: 'alloy', phone_numbers: ['+15551234567'], is_active: true, created_at: expect.any(String) });
      const inactive = await h.api('/agents/?is_active=false');
      expect(inactive.body.agents.map((a: { name: string }) => a.name)).toEqual(['Night line']);
      const page = await h.api('/agents?limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.agents).toHaveLength(1);
    });

    it('GET, PATCH, PUT and DELETE /agents/{id}; a deleted agent is AGENT_NOT_FOUND', async () => {
      expect((await h.api(`/agents/${id}`)).body.name).toBe('Customer Service Bot');
      const patched = await h.api(`/agents/${id}`, { method: 'PATCH', body: { greeting_message: 'Welcome!', temperature: 0.2 } });
      expect(patched.body).toMatchObject({ greeting_message: 'Welcome!', temperature: 0.2, system_prompt: CREATE_EXAMPLE.system_prompt });
      const put = await h.api(`/agents/${id.slice('agent_'.length)}`, { method: 'PUT', body: { system_prompt: 'Be brief.' } });
      expect(put.body).toMatchObject({ system_prompt: 'Be brief.', greeting_message: 'Welcome!', temperature: 0.2 });
      const created = await h.api('/agents/', { body: { name: 'Temporary' } });
      expect((await h.api(`/agents/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
      const gone = await h.api(`/agents/${created.body.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ error: { code: 'AGENT_NOT_FOUND', message: `agent ${created.body.id} not found`, details: { agent_id: created.body.id } } });
      expect((await h.api('/agents/not-an-id')).body.error.code).toBe('AGENT_NOT_FOUND');
    });

    it('auth: no key 401, a read-only key cannot create (403), in the Phony error format', async () => {
      const none = await raw(h, 'GET', '/agents/');
      expect(none.status).toBe(401);
      expect(none.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.any(String) });
      const readOnly = await h.api('/agents/', { key: B.read, body: { name: 'x' } });
      expect(readOnly.status).toBe(403);
      expect(readOnly.body.error.code).toBe('FORBIDDEN');
    });

    it("tenant isolation: tenant B never sees or changes tenant A's agents", async () => {
      expect((await h.api(`/agents/${id}`, { key: B.admin })).status).toBe(404);
      expect((await h.api(`/agents/${id}`, { key: B.admin, method: 'PATCH', body: { name: 'stolen' } })).status).toBe(404);
      expect((await h.api(`/agents/${id}`, { key: B.admin, method: 'DELETE' })).status).toBe(404);
      expect((await h.api('/agents/', { key: B.admin })).body).toMatchObject({ agents: [], total: 0 });
      // B may use the same number: numbers are unique per tenant.
      expect((await h.api('/agents/', { key: B.admin, body: { name: 'B bot', phone_numbers: ['+15551234567'] } })).status).toBe(201);
      expect((await h.api(`/agents/${id}`)).body.name).toBe('Customer Service Bot');
    });
  });

  describe('live AI calls: /override/* and /events/ws', () => {
    const twilioSid = newSid();
    let callId = '';
    let id = 0;
    let sid = '';

    beforeAll(async () => {
      const created = await h.api('/api/v1/assistants/', { body: { name: 'Reception', phone_numbers: ['+81312345678'], transcription_model: 'whisper-1' } });
      expect(created.status).toBe(201);
    });

    it('events arrive with the documented shapes as the call starts, is spoken on, overridden and ends', async () => {
      // Subscribed by the Twilio CallSid before the call exists; the AI call is bridged from it.
      const events = await subscribe(h, twilioSid, h.hub.apiKey);
      const intruder = await subscribe(h, twilioSid, B.admin);
      const rung = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+818012345678', to: '+81312345678', extraHeaders: [{ name: 'X-Earshot-Call-Sid', value: twilioSid }] });
      callId = rung.callId;
      id = JSON.parse(rung.delivery.body).call_id;
      await h.ai.waitForSideband(callId);
      sid = (await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered')).sid;

      const started = await events.next('call.started');
      expect(started).toEqual({ type: 'call.started', callSid: twilioSid, timestamp: expect.any(String), data: { callSid: twilioSid, from: '08012345678', to: '0312345678', timestamp: started.timestamp } });

      await h.ai.callerSays(callId, 'もしもし、予約をお願いします');
      const speech = await events.next('speech.detected');
      expect(speech).toMatchObject({ callSid: twilioSid, data: { text: 'もしもし、予約をお願いします', speaker: 'caller' } });
      expect(speech.data).toHaveProperty('confidence');

      await h.ai.aiSays(callId, 'かしこまりました。');
      expect((await events.next('ai.response')).data).toEqual({ text: 'かしこまりました。', audio_url: null, model: expect.any(String) });

      // /override/text by the Twilio CallSid makes the AI speak it now.
      const text = await h.api('/override/text', { body: { callSid: twilioSid, text: "I'm going to transfer you to a human agent" } });
      expect(text.status).toBe(200);
      expect(text.body).toEqual({ success: true, message: 'Text sent successfully' });
      const create = await h.ai.waitForClientEvent(callId, 'response.create');
      expect(JSON.stringify(create)).toContain("I'm going to transfer you to a human agent");
      expect((await events.next('supervisor.override')).data).toEqual({ action: 'text', value: "I'm going to transfer you to a human agent", actor: expect.stringMatching(/^key:/) });

      const whisper = await h.api('/override/text', { body: { callSid: sid, text: 'Offer the Tuesday slot', mode: 'whisper' } });
      expect(whisper.status).toBe(200);
      await h.ai.waitForClientEvent(callId, 'conversation.item.create', (e) => JSON.stringify(e).includes('Offer the Tuesday slot'));

      // An integrator's failure on the call's timeline is an error event.
      expect((await h.api(`/api/v1/calls/${id}/events`, { body: { type: 'pbx.transfer.failed', data: { error: 'trunk down', code: 503 } } })).status).toBe(201);
      expect((await events.next('error.occurred')).data).toEqual({ error_type: 'pbx.transfer.failed', message: 'trunk down', code: 503 });

      // A late subscriber by our own call sid first learns that the call is under way.
      const late = await subscribe(h, sid, h.hub.apiKey);
      expect((await late.next('call.started')).callSid).toBe(sid);

      const transfer = await h.api('/override/transfer', { body: { callSid: twilioSid, target: '+15551234567' } });
      expect(transfer.status).toBe(200);
      expect(transfer.body).toEqual({ success: true, message: 'Call transferred successfully' });
      expect(h.ai.call(callId).referrals).toEqual(['tel:+15551234567']);

      await h.ai.endCall(callId);
      const ended = await events.next('call.ended');
      expect(ended).toMatchObject({ callSid: twilioSid, data: { callSid: twilioSid, duration: expect.any(Number), reason: expect.any(String) } });
      expect(await events.closed).toBe(1000);
      expect(await late.closed).toBe(1000);
      const types = events.messages.map((m) => m.type);
      expect(types[0]).toBe('call.started');
      expect(types.at(-1)).toBe('call.ended');
      expect(types.filter((t) => t === 'supervisor.override')).toHaveLength(3);
      // The AI spoke the supervisor's text: it is on the stream as the AI's response.
      expect(events.messages.filter((m) => m.type === 'ai.response').map((m) => m.data.text)).toEqual(['かしこまりました。', "I'm going to transfer you to a human agent"]);

      // Tenant B subscribed to the same CallSid and saw nothing.
      expect(intruder.messages).toEqual([]);
      intruder.close();
      expect(h.ai.problems).toEqual([]);
    });

    it('a call that is unknown, not an AI call, or over has no session: 404 CALL_NOT_FOUND', async () => {
      const unknown = await h.api('/override/text', { body: { callSid: 'CA123456789', text: 'hello' } });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: { code: 'CALL_NOT_FOUND', message: 'no call CA123456789', details: { callSid: 'CA123456789' } } });

      const human = await h.api('/api/v1/calls', { body: { direction: 'inbound', from_number: '0311112222', to_number: '1001', status: 'in-progress' } });
      const notAi = await h.api('/override/transfer', { body: { callSid: human.body.sid, target: '1002' } });
      expect(notAi.status).toBe(404);
      expect(notAi.body.error).toMatchObject({ code: 'CALL_NOT_FOUND', details: { callSid: human.body.sid, reason: 'not_ai_call' } });

      const over = await h.api('/override/text', { body: { callSid: sid, text: 'anyone there?' } });
      expect(over.status).toBe(404);
      expect(over.body.error.details).toMatchObject({ reason: 'call_not_live' });
    });

    it("tenant B cannot act on tenant A's live AI call", async () => {
      const { callId: other, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+818099998888', to: '+81312345678' });
      const otherId = JSON.parse(delivery.body).call_id as number;
      await h.ai.waitForSideband(other);
      const otherSid = (await waitForCall(h, otherId, (c) => c.status === 'in-progress', 'answered')).sid;
      const owner = await subscribe(h, otherSid, h.hub.apiKey);
      const intruder = await subscribe(h, otherSid, B.admin);
      expect((await h.api('/override/text', { key: B.admin, body: { callSid: otherSid, text: 'hijack' } })).status).toBe(404);
      expect((await h.api('/override/transfer', { key: B.admin, body: { callSid: otherSid, target: '+15550000000' } })).status).toBe(404);
      expect(h.ai.call(other).referrals).toEqual([]);
      expect(h.ai.call(other).clientEvents.map((e) => JSON.stringify(e.event)).join()).not.toContain('hijack');
      await h.ai.endCall(other);
      await owner.next('call.ended');
      expect(await owner.closed).toBe(1000);
      // Everything the owner saw has been published; the other tenant's socket got none of it.
      expect(intruder.messages).toEqual([]);
      intruder.close();
    });

    it('/events/ws: callSid is required (422), credentials too (401); browsers may pass ?api_key=', async () => {
      const base = `${h.hub.url.replace(/^http/, 'ws')}/events/ws`;
      expect((await wsOutcome(base, { authorization: `Bearer ${h.hub.apiKey}` })).status).toBe(422);
      expect((await wsOutcome(`${base}?callSid=${sid}`)).status).toBe(401);
      const byQuery = await wsOutcome(`${base}?callSid=${sid}&api_key=${h.hub.apiKey}`);
      expect(byQuery.status).toBe(101);
      expect(byQuery.messages.map((m) => JSON.parse(m).type)).toEqual(['call.started', 'call.ended']);
    });
  });

  describe('Twilio webhooks', () => {
    const inbound = { CallSid: 'CA123456789', From: '+15551234567', To: '+15559876543' };
    const outbound = { CallSid: 'CA123456789', From: '+15559876543', To: '+15551234567' };

    it('a correctly signed call with no SIP target configured is a 503 naming it', async () => {
      const r = await twilioPost(h, '/receive_call', inbound);
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringMatching(/sip_target/) });
    });

    it('POST /receive_call (the documented request) answers TwiML bridging to the AI voice agents with the CallSid', async () => {
      const set = await h.api('/api/v1/dialects/phony/settings', { method: 'PATCH', body: { sip_target: OPENAI_SIP } });
      expect(set.body).toEqual({ twilio_auth_token: { configured: true, source: 'env' }, sip_target: OPENAI_SIP, public_base_url: null, signature_check: 'on' });
      const r = await twilioPost(h, '/receive_call', inbound);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(r.text).toBe(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Dial answerOnBridge="true"><Sip>${OPENAI_SIP}?X-Earshot-Call-Sid=CA123456789&amp;X-Earshot-Number=%2B15559876543</Sip></Dial></Response>`,
      );
    });

    it('POST /start_call (the documented request) bridges the answered outbound call the same way', async () => {
      const r = await twilioPost(h, '/start_call', outbound);
      expect(r.status).toBe(200);
      expect(r.text).toContain(`<Sip>${OPENAI_SIP}?X-Earshot-Call-Sid=CA123456789&amp;X-Earshot-Number=%2B15559876543</Sip>`);
    });

    it('a one-byte change anywhere fails the signature: 403 INVALID_SIGNATURE', async () => {
      const flip = (s: string) => `${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
      const badSig = await twilioPost(h, '/receive_call', inbound, { tamper: flip });
      expect(badSig.status).toBe(403);
      expect(badSig.body.error.code).toBe('INVALID_SIGNATURE');
      const badBody = await twilioPost(h, '/receive_call', inbound, { body: new URLSearchParams({ ...inbound, From: '+15551234568' }).toString() });
      expect(badBody.status).toBe(403);
      const otherPath = await twilioPost(h, '/receive_call', inbound, { signedUrl: `${h.hub.url}/start_call` });
      expect(otherPath.status).toBe(403);
      const unsigned = await raw(h, 'POST', '/receive_call', { body: new URLSearchParams(inbound).toString(), contentType: 'application/x-www-form-urlencoded' });
      expect(unsigned.status).toBe(403);
      expect(unsigned.body.error.message).toMatch(/missing/);
    });

    it('the signing token picks the tenant; behind a proxy the public URL is what was signed; the token is sealed at rest', async () => {
      const b = await h.api('/api/v1/dialects/phony/settings', {
        method: 'PATCH',
        key: B.admin,
        body: { twilio_auth_token: TOKEN_B, sip_target: 'sip:ai@pbx-b.example.com', public_base_url: 'https://phony-b.example.com/' },
      });
      expect(b.body).toMatchObject({ twilio_auth_token: { configured: true, source: 'settings' }, public_base_url: 'https://phony-b.example.com' });
      const r = await twilioPost(h, '/receive_call', inbound, { token: TOKEN_B, signedUrl: 'https://phony-b.example.com/receive_call' });
      expect(r.status).toBe(200);
      expect(r.text).toContain('<Sip>sip:ai@pbx-b.example.com?X-Earshot-Call-Sid=CA123456789');
      // B's token over the URL as seen here is not what Twilio signed for B.
      expect((await twilioPost(h, '/receive_call', inbound, { token: TOKEN_B })).status).toBe(403);
      for (const file of ['earshot.db', 'earshot.db-wal'].filter((f) => existsSync(join(h.hub.dataDir, f)))) {
        expect(readFileSync(join(h.hub.dataDir, file)).includes(Buffer.from(TOKEN_B)), file).toBe(false);
      }
      expect(JSON.stringify(b.body)).not.toContain(TOKEN_B);
    });

    it('bad webhook input: 422 without a CallSid, 415 for JSON, never 5xx', async () => {
      const noSid = await twilioPost(h, '/receive_call', { From: '+15551234567' });
      expect(noSid.status).toBe(422);
      expect(noSid.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'CallSid' } });
      const json = await raw(h, 'POST', '/receive_call', { body: JSON.stringify(inbound), contentType: 'application/json', headers: { 'x-twilio-signature': 'x' } });
      expect(json.status).toBe(415);
      expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      for (const m of MALFORMED_JSON_BODIES) expectClientError(await raw(h, 'POST', '/start_call', { body: m.body, contentType: m.contentType, headers: { 'x-twilio-signature': 'bad' } }), `/start_call ${m.what}`);
    });
  });

  it('malformed bodies on every Phony route: 4xx in the Phony error format, never 5xx', async () => {
    const agent = (await h.api('/agents/', { body: { name: 'Fuzz target' } })).body.id as string;
    for (const [method, path] of [['POST', '/agents/'], ['PATCH', `/agents/${agent}`], ['PUT', `/agents/${agent}`], ['POST', '/override/text'], ['POST', '/override/transfer']] as const) {
      for (const m of MALFORMED_JSON_BODIES) {
        const r = await raw(h, method, path, { bearer: h.hub.apiKey, body: m.body, contentType: m.contentType });
        expectClientError(r, `${method} ${path} ${m.what}`);
        expect(r.body.error, `${method} ${path} ${m.what}: ${r.text}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    for (const path of ['/agents/?limit=abc', '/agents/?offset=-5', '/agents/?is_active=maybe', '/agents/%E0%A4%A']) expectClientError(await raw(h, 'GET', path, { bearer: h.hub.apiKey }), path);
  });
});
