import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole } from '../../support/scripted-console.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';

/** An office PBX on wss:// with a certificate from its own CA. */
describe('seat over secure WebSocket to a self-signed PBX', () => {
  let ca: TestCa;
  let pbx: Kamailio;
  const hubs: Hub[] = [];

  beforeAll(async () => {
    ca = makeTestCa();
    pbx = await startKamailio({ tls: { certFile: ca.certFile, keyFile: ca.keyFile } });
  });

  afterAll(async () => {
    for (const h of hubs) await h.dispose();
    await pbx?.stop();
    rmSync(ca.dir, { recursive: true, force: true });
  });

  async function hubWithAlice(args: string[] = []): Promise<Hub> {
    const hub = await startHub({ args });
    hubs.push(hub);
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alice', login: { username: 'alice', password: 'alice-console' }, sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wssUrl } }),
    });
    expect(res.status).toBe(201);
    return hub;
  }

  it('registers over wss:// when the hub is given the office CA (--sip-ca-file)', async () => {
    const hub = await hubWithAlice(['--sip-ca-file', ca.caCertFile]);
    const alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    await alice.waitForSip('registered');
    alice.close();
  });

  it('refuses the PBX whose certificate it cannot verify, and says so', async () => {
    const hub = await hubWithAlice();
    const alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    await alice.waitForSip('failed');
    alice.close();
    expect(hub.logTail(20)).toMatch(/seat .*failed — cannot reach wss:\/\/127\.0\.0\.1:8443/);
  });
});
