// The Twilio webhooks' two settings that a live-hub suite cannot flip per test: no auth token
// configured at all, and the explicit development switch that skips the signature check.
import { afterEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../../../support/api-harness.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BODY = 'CallSid=CA123456789&From=%2B15551234567&To=%2B15559876543';

describe('Twilio webhooks without a token, and with the check off for development', () => {
  let h: ApiHarness | null = null;
  const saved = { token: process.env.TWILIO_AUTH_TOKEN, check: process.env.EARSHOT_TWILIO_SIGNATURE };
  afterEach(async () => {
    await h?.close();
    h = null;
    for (const [k, v] of [['TWILIO_AUTH_TOKEN', saved.token], ['EARSHOT_TWILIO_SIGNATURE', saved.check]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('with no Twilio auth token anywhere a webhook is refused 503, naming what is missing — never accepted unchecked', async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    delete process.env.EARSHOT_TWILIO_SIGNATURE;
    h = await startApiHarness();
    const r = await h.req('POST', '/receive_call', { key: null, headers: FORM, body: BODY });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ error: { code: 'NOT_CONFIGURED', message: expect.stringMatching(/no Twilio auth token is configured \(TWILIO_AUTH_TOKEN/) } });
  });

  it('EARSHOT_TWILIO_SIGNATURE=off skips the check: unsigned webhooks land in tenant default', async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    process.env.EARSHOT_TWILIO_SIGNATURE = 'off';
    h = await startApiHarness();
    expect((await h.req('GET', '/api/v1/dialects/phony/settings')).json()).toMatchObject({ signature_check: 'off' });
    await h.req('PATCH', '/api/v1/dialects/phony/settings', { body: { sip_target: 'sip:ai@pbx.example.test' } });
    const r = await h.req('POST', '/start_call', { key: null, headers: FORM, body: BODY });
    expect(r.statusCode).toBe(200);
    // An answered outbound call: our number is From.
    expect(r.body).toContain('<Sip>sip:ai@pbx.example.test?X-Earshot-Call-Sid=CA123456789&amp;X-Earshot-Number=%2B15551234567</Sip>');
  });
});
