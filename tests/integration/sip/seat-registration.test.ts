import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CoreStatus } from '../../../shared/contracts/core-status.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { describeSipp, runSipp } from '../../support/sipp.ts';

interface ConsoleSocket {
  statuses: CoreStatus['sip'][];
  waitFor(state: string, timeoutMs?: number): Promise<CoreStatus['sip']>;
  close(): void;
}

/** A browser-like console: signs in over /console/rpc and follows /console/events. */
async function openConsole(hub: Hub, username: string, password: string): Promise<ConsoleSocket> {
  const res = await fetch(`${hub.url}/console/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/console/events`, { headers: { cookie } });
  const statuses: CoreStatus['sip'][] = [];
  const waiters: { state: string; resolve: (s: CoreStatus['sip']) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    const sip: CoreStatus['sip'] | undefined = m.type === 'hello' ? m.status.sip : m.event?.type === 'status.changed' ? m.event.status.sip : undefined;
    if (!sip) return;
    statuses.push(sip);
    for (const w of waiters.filter((w) => w.state === sip.state)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(sip);
    }
  });
  return {
    statuses,
    waitFor(state, timeoutMs = 10_000) {
      const seen = statuses.find((s, i) => s.state === state && i === statuses.length - 1);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SIP state never became '${state}'; saw ${JSON.stringify(statuses)}`)), timeoutMs);
        waiters.push({ state, resolve: (s) => (clearTimeout(timer), resolve(s)) });
      });
    },
    close: () => ws.close(),
  };
}

describe('seat registration through Kamailio', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const api = (path: string, body: unknown) =>
    fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    const agent = (name: string, login: string, sipUser: string, sipPassword: string) =>
      api('/api/v1/agents', {
        name,
        login: { username: login, password: `${login}-console-pw` },
        sip: { uri: `sip:${sipUser}@127.0.0.1`, password: sipPassword, ws_url: pbx.wsUrl },
      });
    expect((await agent('Alice Agent', 'alice', 'alice', 'alicepw')).status).toBe(201);
    expect((await agent('Bob Typo', 'bob', 'bob', 'not-bobs-password')).status).toBe(201);
  });

  afterAll(async () => {
    await hub?.dispose();
    await pbx?.stop();
  });

  it('registers the seat when its console attaches; with no console holding its audio, calls get 486 and are recorded', async () => {
    const alice = await openConsole(hub, 'alice', 'alice-console-pw');
    await alice.waitFor('registered');
    expect(alice.statuses.map((s) => s.state)).toEqual(['registering', 'registered']);
    // The seat stays registered for a grace period after its last console goes (a reload), but
    // nobody could hear a call then: the caller gets busy, never silence.
    alice.close();
    await new Promise((r) => setTimeout(r, 300));

    const sipp = await runSipp({ scenario: 'uac_expect_486.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5093 });
    expect(sipp.stats.successful, describeSipp(sipp)).toBe(1);
    const calls = await (await fetch(`${hub.url}/api/v1/calls`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
    expect(calls.calls[0]).toMatchObject({ direction: 'inbound', status: 'busy', sip_code: 486, from_number: '+15551230000', handled_by: 'human' });
  });

  it('reports a wrong SIP password as a failed registration with the reason', async () => {
    const bob = await openConsole(hub, 'bob', 'bob-console-pw');
    const failed = await bob.waitFor('failed');
    expect(failed.detail).toMatch(/the PBX refused the SIP credentials \(40[13]/);
    bob.close();
  });

  it('re-registers by itself after the PBX restarts', async () => {
    const alice = await openConsole(hub, 'alice', 'alice-console-pw');
    await alice.waitFor('registered');
    await pbx.stop();
    const lost = await alice.waitFor('failed');
    expect(lost.detail).toMatch(/connection to the PBX lost|cannot reach/);
    pbx = await startKamailio();
    await alice.waitFor('registered', 20_000);
    // Reachable again: a call rings the seat (180 from it) until the caller gives up.
    const sipp = await runSipp({ scenario: 'uac_cancel.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5094, callLengthMs: 300 });
    expect(sipp.stats.successful, describeSipp(sipp)).toBe(1);
    alice.close();
  });
});
