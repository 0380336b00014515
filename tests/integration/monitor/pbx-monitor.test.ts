import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorSession, MonitorSettingsView } from '../../../shared/contracts/monitor-client.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { describeSipp, runSipp, startSipp } from '../../support/sipp.ts';

/**
 * PBX-mode monitoring (Asterisk/FreePBX ChanSpy) without an Asterisk: a SIPp UAS registered as
 * the feature-code AOR stands in for ChanSpy (tests/fixtures/sipp/uas_chanspy.xml) and checks
 * what the supervisor's seat sends: the dial string (code + extension) and the DTMF mode switches.
 */
describe('PBX-mode monitoring: ChanSpy feature codes and DTMF', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let carol: ScriptedConsole;
  let root: ScriptedConsole;
  let alice: ScriptedConsole;
  let bob: ScriptedConsole;
  let callId: number;

  const api = async (path: string, init?: RequestInit) =>
    (await fetch(`${hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json', ...init?.headers } })).json();

  async function createAgent(body: Record<string, unknown>): Promise<number> {
    const agent = (await api('/api/v1/agents', { method: 'POST', body: JSON.stringify(body) })) as { id: number };
    expect(agent.id).toBeGreaterThan(0);
    return agent.id;
  }

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    // ChanSpy needs only Alice's extension; her seat here is for the take-over.
    const aliceId = await createAgent({
      name: 'Alice',
      extension: '101',
      login: { username: 'alice', password: 'alice-console-pw' },
      sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl },
    });
    await createAgent({
      name: 'Bob',
      extension: '102',
      login: { username: 'bob', password: 'bob-console-pw' },
      sip: { uri: 'sip:bob@127.0.0.1', password: 'bobpw', ws_url: pbx.wsUrl },
    });
    await createAgent({
      name: 'Carol',
      extension: '103',
      role: 'supervisor',
      login: { username: 'carol', password: 'carol-console-pw' },
      sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl },
    });
    await createAgent({ name: 'Root', role: 'admin', login: { username: 'root', password: 'root-console-pw' } });
    const call = (await api('/api/v1/calls', {
      method: 'POST',
      body: JSON.stringify({ direction: 'inbound', from_number: '+15551230000', to_number: '101', status: 'in-progress', handled_by: 'human', agent_id: aliceId }),
    })) as { id: number };
    callId = call.id;
    carol = await openScriptedConsole(hub.url, 'carol', 'carol-console-pw', { dtmfUnsupported: true });
    root = await openScriptedConsole(hub.url, 'root', 'root-console-pw');
    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console-pw');
    bob = await openScriptedConsole(hub.url, 'bob', 'bob-console-pw');
    for (const c of [carol, alice, bob]) await c.waitForSip('registered');
  });

  afterAll(async () => {
    for (const c of [carol, root, alice, bob]) c?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('admins choose PBX mode with their own codes; bad codes are refused', async () => {
    await expect(root.call('setMonitorSettings', { pbx_codes: { listen: '*7a' } })).rejects.toMatchObject({ statusCode: 400 });
    await expect(root.call('setMonitorSettings', { pbx_dtmf: { whisper: '4' } })).rejects.toMatchObject({ statusCode: 400 });
    await expect(carol.call('setMonitorSettings', { via: 'pbx' })).rejects.toMatchObject({ statusCode: 403 });
    const view = await root.call<MonitorSettingsView>('setMonitorSettings', {
      via: 'pbx',
      pbx_codes: { listen: '*71', whisper: '*72', barge: '*73' },
      pbx_dtmf: { listen: '7', whisper: '8', barge: '9' },
    });
    expect(view).toMatchObject({ via: 'pbx', pbx_codes: { listen: '*71', whisper: '*72', barge: '*73' }, pbx_dtmf: { listen: '7', whisper: '8', barge: '9' } });
    expect(await carol.call('monitorSettings')).toEqual(view);
  });

  it('dials code + extension, switches modes with DTMF, hangs up; all audited', async () => {
    // The ChanSpy stand-in answers calls for the AOR *71101.
    const reg = await runSipp({
      scenario: 'register_aor.xml',
      remote: pbx.sipAddress,
      service: 'bob',
      auth: { username: 'bob', password: 'bobpw' },
      localPort: 5093,
      keys: { aor: '*71101', contact_port: UAS_PORT },
    });
    expect(reg.stats.successful, describeSipp(reg)).toBe(1);
    const spy = startSipp({ scenario: 'uas_chanspy.xml', localPort: UAS_PORT, timeoutMs: 30_000 });
    await spy.ready;

    const session = await carol.call<MonitorSession>('startMonitor', { call_id: callId, mode: 'listen' });
    expect(session).toMatchObject({ call_id: callId, mode: 'listen', via: 'pbx' });
    const line = await carol.waitForLine((l: LineState) => l.line_id === session.line_id && l.state === 'talking');
    expect(line.remote.uri).toMatch(/^sip:\*71101@/);
    expect(line.monitor).toMatchObject({ role: 'listener', via: 'pbx', mode: 'listen' });

    expect(await carol.call<MonitorSession>('setMonitorMode', { call_id: callId, mode: 'whisper' })).toMatchObject({ mode: 'whisper' });
    expect(await carol.call<MonitorSession>('setMonitorMode', { call_id: callId, mode: 'barge' })).toMatchObject({ mode: 'barge' });
    await carol.call('stopMonitor', { call_id: callId });
    await carol.waitForLine((l) => l.line_id === session.line_id && l.state === 'ended');

    const result = await spy.done;
    expect(result.stats.successful, describeSipp(result)).toBe(1);
    const events = ((await api(`/api/v1/calls/${callId}/events`)) as { events: { type: string; data: Record<string, unknown> }[] }).events.filter((e) => e.type.startsWith('monitor.'));
    expect(events.map((e) => [e.type, e.data.mode])).toEqual([
      ['monitor.started', 'listen'],
      ['monitor.mode', 'whisper'],
      ['monitor.mode', 'barge'],
      ['monitor.ended', 'barge'],
    ]);
    expect(events[0]?.data).toMatchObject({ via: 'pbx', dialled: '*71101' });
    // The spy call is no call record of its own.
    const sids = ((await api('/api/v1/calls?limit=50')) as { calls: { sid: string }[] }).calls.map((c) => c.sid);
    expect(sids).not.toContain(line.call_sid);
  });

  it('takes over in PBX mode by having the agent’s seat (in this core) transfer the caller to the supervisor', async () => {
    const dialled = await bob.call<LineState>('dial', { target: 'alice' });
    const incoming = await alice.waitForLine((l) => l.state === 'incoming');
    await alice.call('answer', { line_id: incoming.line_id });
    const aliceLine = await alice.waitForLine((l) => l.line_id === incoming.line_id && l.state === 'talking');
    const call = (await api(`/api/v1/calls/sid/${aliceLine.call_sid}`)) as { id: number };

    await carol.call('takeOver', { call_id: call.id });
    // ChanSpy has no hand-over: the caller comes to Carol's phone as a transfer, and rings there.
    const ringing = await carol.waitForLine((l) => l.state === 'incoming' && !l.monitor);
    await carol.call('answer', { line_id: ringing.line_id });
    await carol.waitForLine((l) => l.line_id === ringing.line_id && l.state === 'talking');
    expect((await alice.waitForLine((l) => l.line_id === aliceLine.line_id && l.state === 'ended')).end_reason).toBe('transferred');
    const bobNew = await bob.waitForLine((l) => l.line_id !== dialled.line_id && l.state === 'talking');
    expect(bobNew.remote.uri).toMatch(/carol/);
    const events = ((await api(`/api/v1/calls/${call.id}/events`)) as { events: { type: string; data: Record<string, unknown> }[] }).events;
    expect(events.find((e) => e.type === 'monitor.take-over')?.data).toMatchObject({ via: 'pbx', to: 'carol@127.0.0.1' });
    await bob.call('hangup', { line_id: bobNew.line_id });
    await carol.waitForLine((l) => l.line_id === ringing.line_id && l.state === 'ended');
  });
});
