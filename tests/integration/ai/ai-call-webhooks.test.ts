// The webhook receiver (seed 001): only deliveries signed with a tenant's webhook secret, within
// 300 s, and never twice, make anything happen; refused calls are still recorded, with why.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/domain/call.ts';
import { signWebhook } from '../../support/openai-emulator/index.ts';
import { callEvents, consoleAs, startAiHub, waitForCall, type AiHub } from './ai-hub.ts';

describe('OpenAI webhook receiver', () => {
  let h: AiHub;

  beforeAll(async () => {
    h = await startAiHub({ DEFAULT_PHONE_NUMBER: '+81 80-0000-0000' });
    const created = await h.api('/api/v1/assistants', { body: { name: 'Front desk', phone_numbers: ['0312345678'], instructions: 'Be brief.' } });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await h?.dispose();
  });
  afterEach(() => expect(h.ai.problems).toEqual([]));

  const calls = async (key?: string) => (await h.api('/api/v1/calls?limit=1000', { key })).body as { calls: Call[]; total: number };
  const realtimeRequests = () => h.ai.requests.filter((r) => r.path.startsWith('/v1/realtime/calls/'));

  it('refuses a bad signature, a stale or future timestamp and unsigned posts, and does nothing for them', async () => {
    const before = (await calls()).total;
    const requestsBefore = realtimeRequests().length;
    for (const [opts, code] of [
      [{ badSignature: true }, 'invalid_signature'],
      [{ ageSeconds: 600 }, 'stale_webhook'],
      [{ ageSeconds: -600 }, 'stale_webhook'],
    ] as const) {
      const callId = h.ai.incomingCall();
      const d = await h.ai.sendWebhook(h.webhookUrl, h.ai.call(callId).incomingEvent, opts);
      expect([d.status, JSON.parse(d.body).code], JSON.stringify(opts)).toEqual([400, code]);
    }
    const unsigned = await fetch(`${h.hub.url}/webhooks/openai`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"realtime.call.incoming"}' });
    expect(unsigned.status).toBe(400);
    expect((await unsigned.json()).code).toBe('missing_webhook_headers');
    expect((await calls()).total).toBe(before);
    expect(realtimeRequests()).toHaveLength(requestsBefore);
  });

  it('acts once on a replayed delivery and once per call id, on both paths', async () => {
    const { callId, delivery } = await h.ai.deliverIncomingCall(`${h.hub.url}/webhooks/openai`, { to: '+81312345678' });
    expect(JSON.parse(delivery.body)).toMatchObject({ ok: true, outcome: 'accepted' });
    const replay = await h.ai.replayWebhook(delivery, h.webhookUrl);
    expect([replay.status, JSON.parse(replay.body)]).toEqual([200, { ok: true, outcome: 'duplicate' }]);
    // The same call announced again under a new webhook id.
    const again = await h.ai.sendWebhook(h.webhookUrl, h.ai.call(callId).incomingEvent);
    expect(JSON.parse(again.body)).toMatchObject({ ok: true, outcome: 'duplicate' });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/accept`)).toHaveLength(1);
    expect((await calls()).calls.filter((c) => c.realtime_call_id === callId)).toHaveLength(1);

    // Remembered across a restart of the hub.
    await h.hub.restart();
    const late = await h.ai.replayWebhook(delivery);
    expect(JSON.parse(late.body)).toMatchObject({ outcome: 'duplicate' });
    await h.ai.waitForSideband(callId);
    await h.ai.endCall(callId);
    await waitForCall(h, JSON.parse(delivery.body).call_id, (c) => c.status === 'completed', 'completed');
  });

  it('answers other event types 200 without acting', async () => {
    const d = await h.ai.sendWebhook(h.webhookUrl, { object: 'event', id: 'evt_1', type: 'response.completed', created_at: 1, data: { id: 'resp_1' } });
    expect([d.status, JSON.parse(d.body)]).toEqual([200, { ok: true, outcome: 'ignored' }]);
  });

  it('rejects a call no assistant answers with SIP 404 and records it', async () => {
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81399999999', from: 'sip:anonymous@anonymous.invalid' });
    const answer = JSON.parse(delivery.body);
    expect(answer).toMatchObject({ ok: true, outcome: 'rejected' });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/reject`)[0]!.body).toEqual({ status_code: 404 });
    expect(h.ai.call(callId).status).toBe('rejected');
    const call = (await h.api(`/api/v1/calls/${answer.call_id}`)).body as Call;
    // No number in From: seed 001's fallback, the configured default number.
    expect(call).toMatchObject({ status: 'failed', sip_code: 404, end_reason: 'no-assistant', handled_by: 'ai_agent', to_number: '0399999999', from_number: '08000000000', assistant_id: null });
    expect((await callEvents(h, call.id)).find((e) => e.type === 'ai.rejected')).toMatchObject({ data: { status_code: 404, reason: 'no-assistant' } });
  });

  it('rejects a call over the tenant’s concurrent AI call limit with SIP 486 and records it', async () => {
    expect((await h.api('/api/v1/ai/call-settings', { method: 'PATCH', body: { max_concurrent_ai_calls: 1 } })).body).toMatchObject({ max_concurrent_ai_calls: 1 });
    const first = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81312345678' });
    expect(JSON.parse(first.delivery.body).outcome).toBe('accepted');
    const second = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81312345678' });
    const answer = JSON.parse(second.delivery.body);
    expect(answer.outcome).toBe('rejected');
    expect(h.ai.requestsTo(`/v1/realtime/calls/${second.callId}/reject`)[0]!.body).toEqual({ status_code: 486 });
    expect((await h.api(`/api/v1/calls/${answer.call_id}`)).body).toMatchObject({ status: 'busy', sip_code: 486, end_reason: 'ai-call-limit' });

    await h.ai.waitForSideband(first.callId);
    await h.ai.endCall(first.callId);
    await waitForCall(h, JSON.parse(first.delivery.body).call_id, (c) => c.status === 'completed', 'completed');
    const third = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81312345678' });
    expect(JSON.parse(third.delivery.body).outcome).toBe('accepted');
    await h.ai.waitForSideband(third.callId);
    await h.ai.endCall(third.callId);
    await h.api('/api/v1/ai/call-settings', { method: 'PATCH', body: { max_concurrent_ai_calls: null } });
  });

  it('records a call whose accept fails as failed, with the reason', async () => {
    h.ai.failNext(1, 500, '/v1/realtime/calls/');
    const { delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81312345678' });
    const answer = JSON.parse(delivery.body);
    expect(answer).toMatchObject({ ok: true, outcome: 'failed' });
    const call = (await h.api(`/api/v1/calls/${answer.call_id}`)).body as Call;
    expect(call.status).toBe('failed');
    expect(call.end_reason).toMatch(/^accept-failed: 500/);
  });

  it('gives the call to the tenant whose secret signed it; the environment secret is the default tenant’s only', async () => {
    const tenant = await h.api('/api/v1/tenants', { body: { id: `acme-${randomBytes(3).toString('hex')}`, name: 'Acme' } });
    const key = (await h.api('/api/v1/keys', { body: { name: 'acme admin', scopes: ['admin'], tenant_id: tenant.body.id } })).body.key as string;
    const admin = await consoleAs(h, 'admin', { key, tenant: tenant.body.id });
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    await admin.call('setAiSettings', { webhook_secret: secret });
    expect((await h.api('/api/v1/assistants', { key, body: { name: 'Acme bot', phone_number: '+81312345678' } })).status).toBe(201);

    const callId = h.ai.incomingCall({ to: '+81312345678' });
    const payload = JSON.stringify(h.ai.call(callId).incomingEvent);
    const id = `wh_${randomBytes(8).toString('hex')}`;
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, payload) },
      body: payload,
    });
    const answer = await res.json();
    expect(answer).toMatchObject({ ok: true, outcome: 'accepted' });
    const theirs = await h.api(`/api/v1/calls/${answer.call_id}`, { key });
    expect(theirs.body).toMatchObject({ tenant_id: tenant.body.id, realtime_call_id: callId });
    expect((await h.api(`/api/v1/calls/${answer.call_id}`)).status).toBe(404);
    await h.ai.waitForSideband(callId);
    await h.ai.endCall(callId);

    // Signed with the environment's secret: the default tenant's, even though Acme has the same number.
    const ours = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+81312345678' });
    expect((await h.api(`/api/v1/calls/${JSON.parse(ours.delivery.body).call_id}`)).body.tenant_id).toBe('default');
    await h.ai.waitForSideband(ours.callId);
    await h.ai.endCall(ours.callId);
  });

  it('keeps JSON parsing of the other routes as it was', async () => {
    const created = await h.api('/api/v1/calls', { body: { direction: 'inbound', from_number: '1', to_number: '2', status: 'completed' } });
    expect(created.status).toBe(201);
    const wrong = await fetch(`${h.hub.url}/api/v1/calls`, { method: 'POST', headers: { authorization: `Bearer ${h.hub.apiKey}`, 'content-type': 'application/json' }, body: '{"direction": 1' });
    expect(wrong.status).toBe(400);
    const big = await fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"pad":"${'x'.repeat(300 * 1024)}"}` });
    expect(big.status).toBe(413);
  });
});
