import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorSession, MonitorSettingsView } from '../../../shared/contracts/monitor-client.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { newMonitorClaims, signMonitorToken, type MonitorClaims } from '../../../electron/core/monitor/monitor-token.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { DEFAULT_USERS, startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { describeSipp, runSipp } from '../../support/sipp.ts';

const SECRET = 'office-monitor-secret-for-tests-0123';
const live = (l: LineState) => l.state === 'talking';

/**
 * Peer monitoring through Kamailio with scripted consoles (signalling and the console's media
 * requests; the audio itself is proven in tests/e2e/supervisor-monitor.test.ts): Bob calls
 * Alice, Carol (supervisor) monitors, switches modes, takes over; Dave (an agent) may not; forged,
 * expired and non-supervisor monitor INVITEs from SIPp are refused with 403 and audited.
 */
describe('peer monitoring through Kamailio', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const consoles: Record<'alice' | 'bob' | 'carol' | 'dave' | 'root', ScriptedConsole> = {} as never;
  const ids: Record<string, number> = {};

  const api = async (path: string) => (await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
  const eventsOf = async (callId: number) => (await api(`/api/v1/calls/${callId}/events`)).events as { type: string; actor: string; data: Record<string, unknown> }[];
  const monitorEvents = async (callId: number) => (await eventsOf(callId)).filter((e) => e.type.startsWith('monitor.'));

  async function createAgent(user: string, role: 'agent' | 'supervisor' | 'admin', extension: string, sip = true): Promise<void> {
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: user[0]!.toUpperCase() + user.slice(1),
        extension,
        role,
        login: { username: user, password: `${user}-console-pw` },
        ...(sip ? { sip: { uri: `sip:${user}@127.0.0.1`, password: `${user}pw`, ws_url: pbx.wsUrl } } : {}),
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    ids[user] = ((await res.json()) as { id: number }).id;
  }

  /** Bob calls Alice, Alice answers: the call's record id and Alice's line. */
  async function bobCallsAlice(): Promise<{ callId: number; aliceLine: LineState; bobLine: LineState }> {
    const { alice, bob } = consoles;
    const dialled = await bob.call<LineState>('dial', { target: 'alice' });
    const incoming = await alice.waitForLine((l) => l.state === 'incoming' && !l.monitor);
    await alice.call('answer', { line_id: incoming.line_id });
    const aliceLine = await alice.waitForLine((l) => l.line_id === incoming.line_id && live(l));
    const bobLine = await bob.waitForLine((l) => l.line_id === dialled.line_id && live(l));
    const call = (await api(`/api/v1/calls/sid/${aliceLine.call_sid}`)) as { id: number };
    return { callId: call.id, aliceLine, bobLine };
  }

  const monitorRequests = (c: ScriptedConsole) => c.mediaLog.filter((r): r is Extract<MediaRequest, { op: 'monitor' }> => r.op === 'monitor');

  beforeAll(async () => {
    pbx = await startKamailio({ users: [...DEFAULT_USERS, { username: 'dave', password: 'davepw' }] });
    hub = await startHub();
    await createAgent('alice', 'agent', '101');
    await createAgent('bob', 'agent', '102');
    await createAgent('carol', 'supervisor', '103');
    await createAgent('dave', 'agent', '104');
    await createAgent('root', 'admin', '199', false);
    for (const user of ['alice', 'bob', 'carol', 'dave', 'root'] as const) consoles[user] = await openScriptedConsole(hub.url, user, `${user}-console-pw`);
    for (const user of ['alice', 'bob', 'carol', 'dave'] as const) await consoles[user].waitForSip('registered');
    const view = await consoles.root.call<MonitorSettingsView>('setMonitorSettings', { secret: SECRET });
    expect(view.secret_fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  afterAll(async () => {
    for (const c of Object.values(consoles)) c?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('monitors, switches modes by INFO (gains only), and the caller’s hang-up ends the monitor call', async () => {
    const { alice, bob, carol } = consoles;
    const { callId, aliceLine, bobLine } = await bobCallsAlice();

    const session = await carol.call<MonitorSession>('startMonitor', { call_id: callId, mode: 'listen' });
    expect(session).toMatchObject({ call_id: callId, call_sid: aliceLine.call_sid, mode: 'listen', via: 'peer' });
    const listener = await carol.waitForLine((l) => l.line_id === session.line_id && live(l));
    expect(listener.monitor).toEqual({ role: 'listener', mode: 'listen', via: 'peer', call_sid: aliceLine.call_sid, party: 'Alice' });

    // Alice's seat answered by itself (no ringing): a monitor leg, and her call says it is monitored.
    const leg = await alice.waitForLine((l) => l.monitor?.role === 'target' && live(l));
    expect(leg.monitor).toMatchObject({ mode: 'listen', call_sid: aliceLine.call_sid, party: 'Carol' });
    expect((await alice.waitForLine((l) => l.line_id === aliceLine.line_id && l.monitor !== undefined)).monitor).toMatchObject({ role: 'monitored', mode: 'listen' });
    // The console got the mix before the monitor call's SDP, so no raw audio ever went anywhere.
    const firstForLeg = alice.mediaLog.find((r) => r.line_id === leg.line_id);
    expect(firstForLeg).toMatchObject({ op: 'monitor', target_line_id: aliceLine.line_id, mode: 'listen' });

    for (const mode of ['whisper', 'barge', 'listen'] as const) {
      const before = alice.mediaLog.filter((r) => r.line_id === leg.line_id && r.op !== 'monitor').length;
      const changed = await carol.call<MonitorSession>('setMonitorMode', { call_id: callId, mode });
      expect(changed.mode).toBe(mode);
      expect(monitorRequests(alice).at(-1)).toMatchObject({ line_id: leg.line_id, target_line_id: aliceLine.line_id, mode });
      // No renegotiation: no new SDP request for the monitor leg.
      expect(alice.mediaLog.filter((r) => r.line_id === leg.line_id && r.op !== 'monitor').length).toBe(before);
      await alice.waitForLine((l) => l.line_id === aliceLine.line_id && l.monitor?.mode === mode);
      await carol.waitForLine((l) => l.line_id === session.line_id && l.monitor?.mode === mode);
    }

    const events = await monitorEvents(callId);
    expect(events.map((e) => [e.type, e.data.mode])).toEqual([
      ['monitor.started', 'listen'],
      ['monitor.mode', 'whisper'],
      ['monitor.mode', 'barge'],
      ['monitor.mode', 'listen'],
    ]);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([`agent:${ids.carol}`]));
    // The tenant's audit log has the same supervisor actions, named by call.
    const audited = ((await api('/api/v1/audit?action=monitor')) as { entries: { action: string; actor: string; call_sid: string; data: Record<string, unknown> }[] }).entries
      .filter((e) => e.call_sid === aliceLine.call_sid)
      .reverse();
    expect(audited.map((e) => [e.action, e.actor, e.data.mode])).toEqual(events.map((e) => [e.type, `agent:${ids.carol}`, e.data.mode]));
    // Monitor legs are no calls of their own: the only records are Bob's and Alice's call.
    const sids = ((await api('/api/v1/calls?limit=50')) as { calls: { sid: string }[] }).calls.map((c) => c.sid);
    expect(sids).toContain(aliceLine.call_sid);
    expect(sids).not.toContain(listener.call_sid);
    expect(sids).not.toContain(leg.call_sid);

    await bob.call('hangup', { line_id: bobLine.line_id });
    await alice.waitForLine((l) => l.line_id === leg.line_id && l.state === 'ended');
    await carol.waitForLine((l) => l.line_id === session.line_id && l.state === 'ended');
    await expect.poll(async () => (await monitorEvents(callId)).at(-1)?.type).toBe('monitor.ended');
  });

  it('takes over: the caller is connected to the supervisor, the agent is released', async () => {
    const { alice, bob, carol } = consoles;
    const { callId, aliceLine, bobLine } = await bobCallsAlice();
    // Straight to take-over: the core places the monitor call first.
    await carol.call('takeOver', { call_id: callId });

    const carolCall = await carol.waitForLine((l) => !l.monitor && l.direction === 'inbound' && live(l), 15_000);
    const bobNew = await bob.waitForLine((l) => l.line_id !== bobLine.line_id && l.state !== 'ended' && live(l), 15_000);
    expect(bobNew.remote.uri).toMatch(/carol/);
    expect(carolCall.remote.uri).toMatch(/bob/);
    const aliceEnded = await alice.waitForLine((l) => l.line_id === aliceLine.line_id && l.state === 'ended');
    expect(aliceEnded.end_reason).toBe('transferred');
    await bob.waitForLine((l) => l.line_id === bobLine.line_id && l.state === 'ended');
    // Alice keeps nothing live, and Carol's monitor leg made way for the real call.
    await expect.poll(() => [...alice.lines.values()].filter((l) => l.state !== 'ended').length).toBe(0);
    await expect.poll(() => [...carol.lines.values()].filter((l) => l.monitor && l.state !== 'ended').length).toBe(0);

    const types = (await eventsOf(callId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['monitor.started', 'monitor.take-over', 'line.transferred', 'call.completed']));
    await bob.call('hangup', { line_id: bobNew.line_id });
    await carol.waitForLine((l) => l.line_id === carolCall.line_id && l.state === 'ended');
  });

  it('refuses monitoring to agents (403) and monitoring of calls that are not a person’s live call (409)', async () => {
    const { bob, dave, carol, alice } = consoles;
    const { callId, bobLine, aliceLine } = await bobCallsAlice();
    await expect(dave.call('startMonitor', { call_id: callId, mode: 'listen' })).rejects.toMatchObject({ statusCode: 403 });
    await expect(dave.call('takeOver', { call_id: callId })).rejects.toMatchObject({ statusCode: 403 });
    await expect(carol.call('setMonitorMode', { call_id: callId, mode: 'barge' })).rejects.toMatchObject({ statusCode: 409 });
    await bob.call('hangup', { line_id: bobLine.line_id });
    await alice.waitForLine((l) => l.line_id === aliceLine.line_id && l.state === 'ended');
    await expect.poll(async () => ((await api(`/api/v1/calls/${callId}`)) as { status: string }).status).toBe('completed');
    await expect(carol.call('startMonitor', { call_id: callId, mode: 'listen' })).rejects.toMatchObject({ statusCode: 409 });
  });

  describe('monitor INVITEs that must be refused (SIPp as the caller)', () => {
    let callId: number;
    let sid: string;
    let bobLine: LineState;
    let port = 5095;

    const claims = (over: Partial<MonitorClaims> = {}, nowMs = Date.now()): MonitorClaims => ({
      ...newMonitorClaims(
        { tenant: 'default', sid, mode: 'listen', sup: ids.carol!, sup_role: 'supervisor', sup_aor: 'carol@127.0.0.1', sup_name: 'Carol', tgt: ids.alice!, tgt_aor: 'alice@127.0.0.1' },
        nowMs,
      ),
      ...over,
    });

    async function refused(fromUser: string, token: string): Promise<void> {
      const result = await runSipp({
        scenario: 'uac_monitor_refused.xml',
        remote: pbx.sipAddress,
        service: 'alice',
        localPort: port++,
        keys: { from_user: fromUser, sid, mode: 'listen', token },
        timeoutMs: 15_000,
      });
      expect(result.stats.successful, describeSipp(result)).toBe(1);
    }

    beforeAll(async () => {
      ({ callId, bobLine } = await bobCallsAlice());
      sid = ((await api(`/api/v1/calls/${callId}`)) as { sid: string }).sid;
    });

    afterAll(async () => {
      await consoles.bob.call('hangup', { line_id: bobLine.line_id });
      await consoles.alice.waitForLine((l) => l.call_sid === sid && l.state === 'ended');
    });

    it('a forged token (wrong secret) → 403, audited', async () => {
      await refused('carol', signMonitorToken('not-the-office-secret-at-all', claims()));
      const last = (await monitorEvents(callId)).at(-1);
      expect(last).toMatchObject({ type: 'monitor.refused', actor: 'system', data: { code: 403, reason: 'Monitor token signature invalid', from: 'carol@127.0.0.1' } });
    });

    it('a tampered token (claims changed after signing) → 403', async () => {
      const [payload, signature] = signMonitorToken(SECRET, claims()).split('.') as [string, string];
      const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sup_role: 'admin' })).toString('base64url');
      await refused('carol', `${tampered}.${signature}`);
      expect((await monitorEvents(callId)).at(-1)?.data.reason).toBe('Monitor token signature invalid');
    });

    it('an expired token → 403, audited with the supervisor it names', async () => {
      await refused('carol', signMonitorToken(SECRET, claims({}, Date.now() - 5 * 60_000)));
      expect((await monitorEvents(callId)).at(-1)).toMatchObject({ type: 'monitor.refused', data: { code: 403, reason: 'Monitor token expired' } });
    });

    it('a non-supervisor’s token (role agent, or a role the store does not give them) → 403', async () => {
      await refused('dave', signMonitorToken(SECRET, claims({ sup: ids.dave!, sup_role: 'agent', sup_aor: 'dave@127.0.0.1', sup_name: 'Dave' })));
      expect((await monitorEvents(callId)).at(-1)).toMatchObject({ type: 'monitor.refused', actor: `agent:${ids.dave}`, data: { reason: 'Not a supervisor' } });
      // Signed as a supervisor, but this core knows Dave as an agent.
      await refused('dave', signMonitorToken(SECRET, claims({ sup: ids.dave!, sup_role: 'supervisor', sup_aor: 'dave@127.0.0.1', sup_name: 'Dave' })));
      expect((await monitorEvents(callId)).at(-1)?.data.reason).toBe('Not a supervisor');
    });

    it('a token sent from another address than the one it names → 403', async () => {
      await refused('dave', signMonitorToken(SECRET, claims()));
      expect((await monitorEvents(callId)).at(-1)?.data.reason).toBe('Monitor token belongs to another caller');
    });

    it('the call stays untouched and unmonitored throughout', async () => {
      const aliceLines = [...consoles.alice.lines.values()].filter((l) => l.call_sid === sid);
      expect(aliceLines.map((l) => [l.state, l.monitor])).toEqual([['talking', undefined]]);
      expect([...consoles.alice.lines.values()].filter((l) => l.monitor?.role === 'target' && l.state !== 'ended')).toEqual([]);
    });
  });
});
