// Queue calls that need the agent's seat, through Kamailio: a caller parked on a headless "queue
// seat" is REFERred to the agent who accepts (busy, then wrap-up); a callback is dialled from
// the accepting agent's seat, and that call is the entry's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { hubApi } from '../../support/hub-api.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';

describe('queue calls that need the agent’s seat: a parked call (REFER), a callback (dial)', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let alice: ScriptedConsole;
  let bob: ScriptedConsole;
  let queueSeatId: number;
  let aliceId: number;
  let bobId: number;

  const api = hubApi(() => hub);
  const agent = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/v1/agents', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as number;
  };

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub({ renderer: false });
    queueSeatId = await agent({ name: 'Queue seat', extension: '3000', sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl, media: 'headless' } });
    aliceId = await agent({ name: 'Alice Agent', extension: '1001', login: { username: 'alice', password: 'alice-console' }, sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl } });
    bobId = await agent({ name: 'Bob Caller', extension: '1002', login: { username: 'bob', password: 'bob-console' }, sip: { uri: 'sip:bob@127.0.0.1', password: 'bobpw', ws_url: pbx.wsUrl } });
    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    bob = await openScriptedConsole(hub.url, 'bob', 'bob-console');
    await alice.waitForSip('registered');
    await bob.waitForSip('registered');
    await api('PATCH', '/api/v1/queue/settings', { wrap_up_seconds: 2 });
  });

  afterAll(async () => {
    alice?.close();
    bob?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('queues the parked call, offers it to the ready agent, REFERs the caller to her on accept', async () => {
    // Bob calls the queue seat, which answers by itself (it may need a moment to register first).
    let parked: LineState | null = null;
    for (let attempt = 0; attempt < 20 && !parked; attempt++) {
      const dialed = await bob.call<LineState>('dial', { target: 'carol' });
      const settled = await bob.waitForLine((l) => l.line_id === dialed.line_id && (l.state === 'talking' || l.state === 'ended'), 10_000);
      if (settled.state === 'talking') parked = settled;
      else await new Promise((r) => setTimeout(r, 300));
    }
    expect(parked, 'the queue seat never answered').not.toBeNull();
    const seatCalls = (await api('GET', `/api/v1/calls?agent_id=${queueSeatId}&active=true`)).json.calls as { id: number; sid: string; status: string }[];
    expect(seatCalls).toHaveLength(1);

    const queued = await api('POST', '/api/v1/queue', { call_sid: seatCalls[0]!.sid, required_skills: [] });
    expect(queued.status, JSON.stringify(queued.json)).toBe(201);
    const entryId = queued.json.id as number;
    // Bob is on his call (busy, at his limit of one): Alice is the one offered.
    await expect.poll(async () => (await api('GET', `/api/v1/queue/${entryId}`)).json, { timeout: 5000 }).toMatchObject({ state: 'offered', offered_agent_id: aliceId });

    const accepted = await alice.call<{ state: string; connect_mode: string }>('acceptOffer', { entry_id: entryId });
    expect(accepted).toMatchObject({ state: 'assigned', connect_mode: 'refer' });

    // The queue seat REFERs Bob to Alice: Alice's seat rings with Bob's call, she answers.
    const ringing = await alice.waitForLine((l) => l.direction === 'inbound' && l.state === 'incoming', 15_000);
    expect(ringing.remote.uri).toContain('bob');
    await alice.call('answer', { line_id: ringing.line_id });
    await alice.waitForLine((l) => l.line_id === ringing.line_id && l.state === 'talking');
    // Bob's leg to the queue seat is over (transferred); his new call talks to Alice.
    await bob.waitForLine((l) => l.line_id === parked!.line_id && l.state === 'ended');
    await bob.waitForLine((l) => l.direction === 'outbound' && l.line_id !== parked!.line_id && l.state === 'talking');

    await expect.poll(async () => (await api('GET', `/api/v1/queue/${entryId}`)).json, { timeout: 5000 }).toMatchObject({ state: 'completed' });
    expect((await api('GET', `/api/v1/agents/${aliceId}/status`)).json).toMatchObject({ status: 'busy', active_calls: 1, presence: 'ready' });
    const seatTimeline = (await api('GET', `/api/v1/calls/${seatCalls[0]!.id}/events`)).json.events.map((e: { type: string }) => e.type);
    expect(seatTimeline).toEqual(expect.arrayContaining(['queue.enqueued', 'queue.assigned', 'line.transferred', 'call.completed']));

    // Alice hangs up: wrap-up (2 s here), then available again.
    await alice.call('hangup', { line_id: ringing.line_id });
    await expect.poll(async () => (await api('GET', `/api/v1/agents/${aliceId}/status`)).json.status, { timeout: 5000 }).toBe('wrap-up');
    await expect.poll(async () => (await api('GET', `/api/v1/agents/${aliceId}/status`)).json.status, { timeout: 6000 }).toBe('available');
    const stats = (await api('GET', '/api/v1/analytics/queue')).json;
    expect(stats).toMatchObject({ answered: 1, abandoned: 0, service_level: 1 });
  });

  it('a callback: the agent who accepts it calls the customer from her seat; that call is the entry’s', async () => {
    // Bob plays the customer: away for the queue, but his phone still rings.
    expect((await api('PUT', `/api/v1/agents/${bobId}/status`, { status: 'away', reason: 'training' })).status).toBe(200);
    const queued = await api('POST', '/api/v1/queue', { kind: 'callback', to_number: 'bob', from_number: '+15550001111', metadata: { reason: 'asked for a callback' } });
    expect(queued.status, JSON.stringify(queued.json)).toBe(201);
    expect(queued.json).toMatchObject({ kind: 'callback', call_id: null });
    const entryId = queued.json.id as number;
    await expect.poll(async () => (await api('GET', `/api/v1/queue/${entryId}`)).json, { timeout: 5000 }).toMatchObject({ state: 'offered', offered_agent_id: aliceId });

    const accepted = await alice.call<{ state: string; connect_mode: string; call_id: number }>('acceptOffer', { entry_id: entryId });
    expect(accepted).toMatchObject({ state: 'assigned', connect_mode: 'dial' });
    const dialed = await alice.waitForLine((l) => l.direction === 'outbound' && l.state !== 'ended' && l.remote.uri.includes('bob'));
    const ringing = await bob.waitForLine((l) => l.direction === 'inbound' && l.state === 'incoming', 10_000);
    await bob.call('answer', { line_id: ringing.line_id });
    await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'talking');
    const call = (await api('GET', `/api/v1/calls/sid/${dialed.call_sid}`)).json;
    expect(accepted.call_id).toBe(call.id);
    expect(call).toMatchObject({ direction: 'outbound', agent_id: aliceId, metadata: { queue_entry_id: entryId } });
    expect((await api('GET', `/api/v1/agents/${aliceId}/status`)).json).toMatchObject({ status: 'busy', active_calls: 1 });

    await bob.call('hangup', { line_id: ringing.line_id });
    await expect.poll(async () => (await api('GET', `/api/v1/queue/${entryId}`)).json.state, { timeout: 5000 }).toBe('completed');
    await expect.poll(async () => (await api('GET', `/api/v1/agents/${aliceId}/status`)).json.status, { timeout: 5000 }).toBe('wrap-up');
  });
});
