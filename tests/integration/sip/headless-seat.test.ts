import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { describeSipp, runSipp, type SippResult } from '../../support/sipp.ts';

/** A seat with headless media: registered by the hub itself, answers calls with no console. */
describe('headless seat', () => {
  let pbx: Kamailio;
  let hub: Hub;

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.dispose();
    await pbx?.stop();
  });

  it('registers without any console and answers an inbound call by itself; the call is recorded', async () => {
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Carol Bot', extension: '3001', sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl, media: 'headless' } }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).sip.media).toBe('headless');

    // Registration takes a moment after the agent exists; the first call may find it not there yet.
    let result: SippResult | null = null;
    for (let attempt = 0; attempt < 10 && result?.stats.successful !== 1; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
      result = await runSipp({ scenario: 'uac_rr.xml', remote: '127.0.0.1:5060', service: 'carol', localPort: 5095, callLengthMs: 500, timeoutMs: 10_000 });
    }
    expect(result!.stats.successful, describeSipp(result!)).toBe(1);

    const calls = await (await fetch(`${hub.url}/api/v1/calls?direction=inbound&status=completed`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
    expect(calls.calls[0]).toMatchObject({ direction: 'inbound', status: 'completed', to_number: '3001' });
    expect(calls.calls[0].duration_seconds).toBeGreaterThan(0.3);
  });
});
