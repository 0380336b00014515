// A Twilio call bridged by Phony's webhooks (seed 003) to the AI voice agents over OpenAI
// Realtime SIP (seed 001): the TwiML carries the number the caller dialled in X-Earshot-Number,
// OpenAI forwards it among the INVITE's headers, and that number — not the INVITE's `To`, which
// is only the project's SIP address — picks the assistant that answers. Live hub, OpenAI emulator.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../../electron/core/api/dialects/phony/twilio-signature.ts';
import { startAiHub, waitForCall, type AiHub } from '../ai/ai-hub.ts';
import { raw } from './dialect-fixtures.ts';

const TWILIO_TOKEN = randomBytes(16).toString('hex');
const PROJECT_SIP = 'sip:proj_earshot@sip.api.openai.com';
const SIP_TARGET = `${PROJECT_SIP};transport=tls`;
const SALES = '+15559876543';
const SUPPORT = '+15551112222';

/** Twilio posts the webhook; the answer is TwiML whose <Sip> URI carries the headers of the INVITE Twilio then sends. */
async function bridge(h: AiHub, path: '/receive_call' | '/start_call', params: Record<string, string>): Promise<{ name: string; value: string }[]> {
  const r = await raw(h, 'POST', path, {
    body: new URLSearchParams(params).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${h.hub.url}${path}`, params) },
  });
  expect(r.status, r.text).toBe(200);
  const uri = /<Sip>([^<]*)<\/Sip>/.exec(r.text)![1]!.replaceAll('&amp;', '&');
  expect(uri.startsWith(`${SIP_TARGET}?`)).toBe(true);
  // Twilio turns the URI's ?X-…= parameters into SIP headers, unescaped.
  return [...new URLSearchParams(uri.slice(uri.indexOf('?') + 1))].map(([name, value]) => ({ name, value }));
}

describe('Phony → OpenAI Realtime SIP: the bridged call is answered by the assistant of the number dialled on Twilio', () => {
  let h: AiHub;
  let sales = 0;
  let support = 0;

  beforeAll(async () => {
    h = await startAiHub({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
    expect((await h.api('/api/v1/dialects/phony/settings', { method: 'PATCH', body: { sip_target: SIP_TARGET } })).status).toBe(200);
    // Two numbered assistants and no default: the project's SIP address alone picks neither.
    const make = async (name: string, number: string) => {
      const r = await h.api('/api/v1/assistants/', { body: { name, instructions: `You are the ${name} desk.`, phone_numbers: [number] } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    sales = await make('Sales', SALES);
    support = await make('Support', SUPPORT);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('POST /receive_call: the number the caller dialled (To) picks the assistant; the call is found by its CallSid', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const headers = await bridge(h, '/receive_call', { CallSid: callSid, From: '+15550001111', To: SUPPORT });
    expect(headers).toEqual([
      { name: 'X-Earshot-Call-Sid', value: callSid },
      { name: 'X-Earshot-Number', value: SUPPORT },
    ]);

    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+15550001111', to: PROJECT_SIP, extraHeaders: headers });
    expect(delivery.status).toBe(200);
    await h.ai.waitForSideband(callId);
    expect(h.ai.call(callId).accepted?.instructions).toBe('You are the Support desk.');

    const id = JSON.parse(delivery.body).call_id as number;
    const call = await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered');
    expect(call).toMatchObject({ assistant_id: support, to_number: SUPPORT, from_number: '+15550001111', handled_by: 'ai_agent' });

    // Phony's supervisor controls reach it by the Twilio CallSid.
    const say = await h.api('/override/text', { body: { callSid, text: 'One moment please' } });
    expect(say.body).toEqual({ success: true, message: 'Text sent successfully' });
    await h.ai.endCall(callId);
    await waitForCall(h, id, (c) => c.status === 'completed', 'ended');
    expect(h.ai.problems).toEqual([]);
  });

  it('POST /start_call: an answered outbound Twilio call is answered by the assistant of our number (From)', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const headers = await bridge(h, '/start_call', { CallSid: callSid, From: SALES, To: '+15550002222' });
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+15550002222', to: PROJECT_SIP, extraHeaders: headers });
    await h.ai.waitForSideband(callId);
    expect(h.ai.call(callId).accepted?.instructions).toBe('You are the Sales desk.');
    const id = JSON.parse(delivery.body).call_id as number;
    expect(await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered')).toMatchObject({ assistant_id: sales, to_number: SALES });
    await h.ai.endCall(callId);
  });

  it('without X-Earshot-Number the SIP address names no assistant: the call is refused (404), not answered by a guess', async () => {
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { to: PROJECT_SIP });
    expect(delivery.status).toBe(200);
    const id = JSON.parse(delivery.body).call_id as number;
    expect(await waitForCall(h, id, (c) => c.status === 'failed', 'refused')).toMatchObject({ assistant_id: null, to_number: 'proj_earshot', sip_code: 404 });
    expect(h.ai.call(callId).status).toBe('rejected');
  });
});
