// Seed 002's outbound and transfer routes placing real calls: an agent's registered seat (a
// scripted console holding its media) dials through Kamailio, and real SIP peers answer — a
// customer's phone and the transfer target are seats the hub runs itself (headless media,
// answering by themselves), the batch's far end is a SIPp UAS. Each test checks what the far
// end received (its own call records, SIPp's counts) beside the API's answer and our records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/domain/call.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { pollUntil } from '../../support/proc.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { describeSipp, startSipp } from '../../support/sipp.ts';

/** The customer's phone number is its SIP user: dialling it reaches the seat registered as it. */
const CUSTOMER = '5550100';
const BOB_EXTENSION = '2002';
type Json = ReturnType<typeof JSON.parse>;

describe('seed 002 outbound and transfer routes place real calls from a registered seat', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let alice: ScriptedConsole;
  const ids = { alice: 0, bob: 0, customer: 0, seatless: 0 };

  const api = async (path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${hub.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };
  const agent = async (body: object): Promise<number> => {
    const r = await api('/api/v1/agents', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as number;
  };
  const callsOf = async (agentId: number): Promise<Call[]> => ((await api('/api/v1/calls?limit=100')).body.calls as Call[]).filter((c) => c.agent_id === agentId);
  /** Waits for a call of `agentId`'s seat that passes `test`. */
  const farEndCall = async (agentId: number, test: (c: Call) => boolean, what: string): Promise<Call> => {
    let found: Call | undefined;
    await pollUntil(async () => (found = (await callsOf(agentId)).find(test)) !== undefined, { timeoutMs: 15_000, intervalMs: 50, what }).catch(async (err: Error) => {
      throw new Error(`${err.message}; its calls: ${JSON.stringify(await callsOf(agentId))}`);
    });
    return found!;
  };
  const eventTypes = async (callId: number) => ((await api(`/api/v1/calls/${callId}/events`)).body.events as { type: string; data: Json }[]);
  /** Hangs a live seat call up through DENCO's end route, which hangs up the seat's line. */
  const hangUp = async (call: Call) => expect((await api(`/api/calls/${call.sid}/end`, {})).status).toBe(200);

  beforeAll(async () => {
    pbx = await startKamailio({
      users: [
        { username: 'alice', password: 'alicepw' },
        { username: BOB_EXTENSION, password: 'bobpw' },
        { username: CUSTOMER, password: 'customerpw' },
      ],
    });
    hub = await startHub({ renderer: false });
    ids.alice = await agent({
      name: 'Alice Agent',
      extension: '1001',
      max_concurrent_calls: 3,
      login: { username: 'alice', password: 'alice-console' },
      sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl },
    });
    ids.bob = await agent({ name: 'Bob Agent', extension: BOB_EXTENSION, max_concurrent_calls: 3, sip: { uri: `sip:${BOB_EXTENSION}@127.0.0.1`, password: 'bobpw', ws_url: pbx.wsUrl, media: 'headless' } });
    ids.customer = await agent({ name: 'Customer phone', max_concurrent_calls: 3, sip: { uri: `sip:${CUSTOMER}@127.0.0.1`, password: 'customerpw', ws_url: pbx.wsUrl, media: 'headless' } });
    ids.seatless = await agent({ name: 'Dora (no SIP account)', extension: '1009' });
    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    await alice.waitForSip('registered');
    // The hub registers the headless seats by itself, shortly after they are created: call each
    // once from Alice's console until it answers, so the tests below start with every phone up.
    for (const target of [CUSTOMER, BOB_EXTENSION]) {
      await pollUntil(
        async () => {
          const dialed = await alice.call<LineState>('dial', { target });
          const done = await alice.waitForLine((l) => l.line_id === dialed.line_id && (l.state === 'talking' || l.state === 'ended'), 10_000);
          if (done.state === 'talking') await alice.call('hangup', { line_id: dialed.line_id });
          await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'ended', 10_000);
          return done.state === 'talking';
        },
        { timeoutMs: 15_000, intervalMs: 200, what: `the headless seat of ${target} answering` },
      );
    }
  });

  afterAll(async () => {
    alice?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  let callback: Call;

  it('POST /calls/outbound/callback: the seat calls the customer, whose phone rings and answers; the record is the callback', async () => {
    const r = await api('/api/v1/calls/outbound/callback', { customer_phone: CUSTOMER, customer_id: 42, reason: 'Billing question', agent_id: ids.alice });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      success: true,
      sip_call_id: expect.any(String),
      call_id: expect.any(Number),
      participant_id: expect.any(String),
      room_name: expect.stringMatching(new RegExp(`^callback-${CUSTOMER}-\\d+$`)),
      to_number: CUSTOMER,
      from_number: '1001',
      status: 'initiating',
      message: `Callback initiated to ${CUSTOMER}`,
    });
    const line = await alice.waitForLine((l) => l.call_sid === r.body.sip_call_id && l.state === 'talking', 15_000);
    expect(line.line_id).toBe(r.body.participant_id);

    // The far end: the customer's phone received the INVITE from Alice's seat and answered it.
    const received = await farEndCall(ids.customer, (c) => c.direction === 'inbound' && c.status === 'in-progress', 'the customer’s phone answering');
    expect(received.from_number).toMatch(/alice|1001/);

    callback = (await api(`/api/v1/calls/${r.body.call_id}`)).body as Call;
    expect(callback).toMatchObject({ sid: r.body.sip_call_id, direction: 'outbound', status: 'in-progress', agent_id: ids.alice });
    expect(callback.to_number).toContain(CUSTOMER);
    expect(callback.metadata).toMatchObject({ callback: true, customer_id: 42, callback_reason: 'Billing question' });
    // Seed 002's own view of it: answered, in the room and with the number the answer named.
    const active = (await api('/api/v1/calls/outbound/active')).body;
    expect(active.calls).toEqual([
      expect.objectContaining({ id: callback.id, sip_call_id: callback.sid, status: 'answered', participant_id: line.line_id, room_name: r.body.room_name, to_number: CUSTOMER, from_number: expect.any(String) }),
    ]);
  });

  it('POST /calls/{session_id}/transfer cold: the seat REFERs the customer to the agent, whose seat then rings and answers', async () => {
    const r = await api(`/api/v1/calls/${callback.id}/transfer`, { agent_id: ids.bob, transfer_type: 'cold', reason: 'Billing specialist' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ success: true, message: `Call transferred to agent ${ids.bob}`, agent_id: ids.bob, transfer_type: 'cold' });

    // The customer's phone followed the REFER: it called Bob's extension, and Bob's seat answered.
    const atBob = await farEndCall(ids.bob, (c) => c.direction === 'inbound' && c.status === 'in-progress', 'Bob’s seat answering the transferred customer');
    expect(atBob.from_number).toBe(CUSTOMER);
    const followed = await farEndCall(ids.customer, (c) => c.direction === 'outbound' && c.metadata.transferred_from !== undefined, 'the customer’s phone calling the transfer target');
    expect(followed.to_number).toMatch(new RegExp(BOB_EXTENSION));

    // Alice's leg is released once the target answered; the record says it was transferred.
    const ended = await alice.waitForLine((l) => l.call_sid === callback.sid && l.state === 'ended', 15_000);
    expect(ended.end_reason).toBe('transferred');
    const record = (await api(`/api/v1/calls/${callback.id}`)).body as Call;
    expect(record).toMatchObject({ status: 'completed', transfer_count: 1 });
    expect((await eventTypes(callback.id)).find((e) => e.type === 'transfer.requested')?.data).toEqual({ agent_id: ids.bob, transfer_type: 'cold', reason: 'Billing specialist' });
    await hangUp(atBob);
    await farEndCall(ids.customer, (c) => c.id === followed.id && c.status === 'completed', 'the transferred call ending');
  });

  it('POST /calls/{session_id}/transfer warm: the seat holds the customer and consults the agent; joining them hands the customer over (REFER with Replaces)', async () => {
    const placed = await api('/api/v1/calls/outbound/callback', { customer_phone: CUSTOMER, agent_id: ids.alice });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const original = await alice.waitForLine((l) => l.call_sid === placed.body.sip_call_id && l.state === 'talking', 15_000);
    const bobCallsBefore = (await callsOf(ids.bob)).length;

    const r = await api(`/api/v1/calls/${placed.body.call_id}/transfer`, { agent_id: ids.bob, transfer_type: 'warm', reason: 'Needs a refund' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ success: true, agent_id: ids.bob, transfer_type: 'warm', message: expect.stringMatching(/attended transfer/) });

    // Alice's seat put the customer on hold and called Bob, who answered: the consultation.
    const consult = await alice.waitForLine((l) => l.consult_for === original.line_id && l.state === 'talking', 15_000);
    await alice.waitForLine((l) => l.line_id === original.line_id && l.state === 'on-hold', 15_000);
    const consulted = await farEndCall(ids.bob, (c) => c.direction === 'inbound' && c.status === 'in-progress', 'Bob’s seat answering the consultation');
    const events = await eventTypes(placed.body.call_id);
    expect(events.find((e) => e.type === 'transfer.requested')?.data).toEqual({ agent_id: ids.bob, transfer_type: 'warm', reason: 'Needs a refund', consult_call_sid: consult.call_sid });
    const consultRecord = (await api(`/api/v1/calls/sid/${consult.call_sid}`)).body as Call;
    expect(consultRecord.metadata).toMatchObject({ transfer_for: placed.body.sip_call_id, transfer_reason: 'Needs a refund' });

    // Alice joins the two calls: the customer's phone calls Bob with Replaces, Bob's seat takes it over.
    await alice.call<LineState>('completeTransfer', { line_id: original.line_id, consult_line_id: consult.line_id });
    const handedOver = await farEndCall(
      ids.bob,
      (c) => c.direction === 'inbound' && c.from_number === CUSTOMER && c.status === 'in-progress' && c.id !== consulted.id,
      'Bob’s seat talking to the customer',
    );
    expect((await callsOf(ids.bob)).length).toBe(bobCallsBefore + 2);
    await alice.waitForLine((l) => l.line_id === original.line_id && l.state === 'ended', 15_000);
    await alice.waitForLine((l) => l.line_id === consult.line_id && l.state === 'ended', 15_000);
    expect((await api(`/api/v1/calls/${placed.body.call_id}`)).body).toMatchObject({ status: 'completed', transfer_count: 1 });
    await hangUp(handedOver);
  });

  it('POST /calls/outbound/batch: calls placed delay_seconds apart reach the far end; results come per index', async () => {
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, calls: 2, timeoutMs: 60_000 });
    await uas.ready;
    const r = await api('/api/v1/calls/outbound/batch', {
      calls: [{ to_number: 'uas1', metadata: { list: 'renewals' } }, { to_number: 'uas2' }, { to_number: 'uas3', agent_id: ids.seatless }],
      agent_id: ids.alice,
      delay_seconds: 1,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      total: 3,
      successful: 2,
      failed: 1,
      results: [
        { success: true, index: 1, call_info: { sip_call_id: expect.any(String), call_id: expect.any(Number), to_number: 'uas1' } },
        { success: true, index: 2, call_info: { sip_call_id: expect.any(String), call_id: expect.any(Number), to_number: 'uas2' } },
        { success: false, index: 3, error: expect.stringMatching(/no SIP account/) },
      ],
    });
    const [first, second] = r.body.results.slice(0, 2).map((x: { call_info: { sip_call_id: string; call_id: number } }) => x.call_info);
    const lines = await Promise.all([first, second].map((c) => alice.waitForLine((l) => l.call_sid === c.sip_call_id && l.state === 'talking', 15_000)));

    const records = await Promise.all([first, second].map(async (c) => (await api(`/api/v1/calls/${c.call_id}`)).body as Call));
    expect(records.map((c) => c.metadata.batch_index)).toEqual([1, 2]);
    expect(records[0]!.metadata).toMatchObject({ list: 'renewals' });
    const active = (await api('/api/v1/calls/outbound/active')).body;
    const byId = [...active.calls].sort((a: { id: number }, b: { id: number }) => a.id - b.id);
    expect(byId.map((c: { id: number; to_number: string; status: string }) => [c.id, c.to_number, c.status])).toEqual([
      [first.call_id, 'uas1', 'answered'],
      [second.call_id, 'uas2', 'answered'],
    ]);
    expect(Date.parse(records[1]!.started_at) - Date.parse(records[0]!.started_at)).toBeGreaterThanOrEqual(1000);

    for (const line of lines) await alice.call('hangup', { line_id: line.line_id });
    // The far end received both INVITEs, answered both and saw both hang up.
    const result = await uas.done;
    expect(result.stats.successful, describeSipp(result)).toBe(2);
  });
});
