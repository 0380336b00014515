import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { describeSipp, runSipp, startSipp } from '../../support/sipp.ts';

/** Calls of one seat through Kamailio against SIPp peers, signalling checked end to end. */
describe('seat calls through Kamailio', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let alice: ScriptedConsole;

  const api = async (path: string) => (await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
  const callBySid = (sid: string) => api(`/api/v1/calls/sid/${sid}`);
  const eventsOf = async (sid: string) => ((await api(`/api/v1/calls/${(await callBySid(sid)).id}/events`)).events as { type: string }[]).map((e) => e.type);

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alice Agent', extension: '1001', login: { username: 'alice', password: 'alice-console' }, sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl } }),
    });
    expect(res.status).toBe(201);
    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console', { dtmfUnsupported: true });
    await alice.waitForSip('registered');
  });

  afterAll(async () => {
    alice?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('places a call to a SIPp UAS, holds, resumes, sends DTMF, hangs up; the record follows', async () => {
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 30_000 });
    await uas.ready;
    const dialed = await alice.call<LineState>('dial', { target: 'uas' });
    expect(dialed.state).toBe('dialing');
    const talking = await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'talking');
    expect(talking.answered_at).not.toBeNull();

    await alice.call('hold', { line_id: dialed.line_id, on: true });
    await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'on-hold' && l.pending === null);
    expect(alice.mediaLog.some((r) => r.op === 'local' && r.line_id === dialed.line_id && r.hold)).toBe(true);
    await alice.call('hold', { line_id: dialed.line_id, on: false });
    await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'talking' && l.pending === null);

    await alice.call('sendDtmf', { line_id: dialed.line_id, digits: '12#' });
    await alice.call('hangup', { line_id: dialed.line_id });
    const ended = await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'ended');
    expect(ended.end_reason).toBe('local-hangup');
    const result = await uas.done;
    expect(result.stats.successful, describeSipp(result)).toBe(1);

    const record = await callBySid(dialed.call_sid);
    expect(record).toMatchObject({ direction: 'outbound', status: 'completed', handled_by: 'human', from_number: '1001' });
    expect(record.duration_seconds).toBeGreaterThan(0);
    expect(await eventsOf(dialed.call_sid)).toEqual(expect.arrayContaining(['call.created', 'call.in-progress', 'call.on-hold', 'line.dtmf', 'call.completed']));
    const digits = await api(`/api/v1/calls/${record.id}/events`);
    expect(digits.events.find((e: { type: string }) => e.type === 'line.dtmf').data).toEqual({ digits: '12#', source: 'sip-info' });
    expect(alice.mediaLog.some((r) => r.op === 'close' && r.line_id === dialed.line_id)).toBe(true);
  });

  it('answers an inbound call from a SIPp UAC and sees the caller hang up', async () => {
    const uac = startSipp({ scenario: 'uac_rr.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5091, callLengthMs: 500 });
    const incoming = await alice.waitForLine((l) => l.direction === 'inbound' && l.state === 'incoming');
    await alice.call('answer', { line_id: incoming.line_id });
    await alice.waitForLine((l) => l.line_id === incoming.line_id && l.state === 'talking');
    const ended = await alice.waitForLine((l) => l.line_id === incoming.line_id && l.state === 'ended');
    expect(ended.end_reason).toBe('remote-hangup');
    const result = await uac.done;
    expect(result.stats.successful, describeSipp(result)).toBe(1);
    expect(await callBySid(incoming.call_sid)).toMatchObject({ direction: 'inbound', status: 'completed' });
  });

  it('shows a caller who gives up while it rings as canceled', async () => {
    const uac = startSipp({ scenario: 'uac_cancel.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5094, callLengthMs: 500 });
    const incoming = await alice.waitForLine((l) => l.direction === 'inbound' && l.state === 'incoming');
    const ended = await alice.waitForLine((l) => l.line_id === incoming.line_id && l.state === 'ended');
    expect(ended.end_reason).toBe('canceled');
    expect((await uac.done).stats.successful).toBe(1);
    expect((await callBySid(incoming.call_sid)).status).toBe('canceled');
  });

  it('declines an inbound call with 486 and the caller hears busy', async () => {
    const uac = startSipp({ scenario: 'uac_expect_486.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5093 });
    const incoming = await alice.waitForLine((l) => l.direction === 'inbound' && l.state === 'incoming');
    await alice.call('decline', { line_id: incoming.line_id });
    expect((await uac.done).stats.successful).toBe(1);
    expect(await callBySid(incoming.call_sid)).toMatchObject({ status: 'busy', sip_code: 486 });
  });

  it('surfaces a number that does not exist (404) as not-found', async () => {
    const dialed = await alice.call<LineState>('dial', { target: 'nobody' });
    const ended = await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'ended');
    expect(ended).toMatchObject({ end_reason: 'not-found', sip_code: 404 });
    expect((await callBySid(dialed.call_sid)).status).toBe('failed');
  });

  it('refuses dial strings with injection characters before any SIP is sent', async () => {
    await expect(alice.call('dial', { target: '1001\r\nBye: x' })).rejects.toMatchObject({ statusCode: 400 });
    await expect(alice.call('dial', { target: 'sip:a@b?Subject=x' })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('transfers a call blind with REFER and ends the line when the target answers', async () => {
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 30_000 });
    await uas.ready;
    const dialed = await alice.call<LineState>('dial', { target: 'uas' });
    await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'talking');
    await alice.call('transfer', { line_id: dialed.line_id, target: '2002' });
    const ended = await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'ended');
    expect(ended.end_reason).toBe('transferred');
    expect((await uas.done).stats.successful).toBe(1);
    expect(await callBySid(dialed.call_sid)).toMatchObject({ status: 'completed', transfer_count: 1 });
  });

  it('places a call from the seat when an integrator posts /api/v1/calls/outbound/create', async () => {
    const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 30_000 });
    await uas.ready;
    const post = (body: unknown, key = hub.apiKey) =>
      fetch(`${hub.url}/api/v1/calls/outbound/create`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await post({ to_number: 'uas', from_number: '1001', customer_id: 123, metadata: { purpose: 'follow_up' } });
    expect(res.status).toBe(200);
    const placed = await res.json();
    expect(placed).toMatchObject({ success: true, status: 'initiating', to_number: 'uas', from_number: '1001' });
    const talking = await alice.waitForLine((l) => l.call_sid === placed.sip_call_id && l.state === 'talking');
    expect((await callBySid(placed.sip_call_id)).metadata).toMatchObject({ purpose: 'follow_up', customer_id: 123 });
    await alice.call('hangup', { line_id: talking.line_id });
    expect((await uas.done).stats.successful).toBe(1);

    expect((await post({ to_number: '1002', agent_id: 999 })).status).toBe(404);
    expect((await post({ to_number: '1002' })).status).toBe(400);
    expect((await post({ to_number: '1002\r\nX: y', agent_id: (await callBySid(placed.sip_call_id)).agent_id })).status).toBe(400);
  });

  it('do-not-disturb refuses new calls with 486 and records why; auto-answer and intercom calls answer by themselves', async () => {
    expect(await alice.call('setPhoneSettings', { do_not_disturb: true })).toMatchObject({ do_not_disturb: true, auto_answer: false });
    const busy = await runSipp({ scenario: 'uac_expect_486.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5093 });
    expect(busy.stats.successful, describeSipp(busy)).toBe(1);
    const refused = (await api('/api/v1/calls?status=busy&limit=1')).calls[0];
    expect(refused).toMatchObject({ sip_code: 486, end_reason: 'do not disturb' });

    await alice.call('setPhoneSettings', { do_not_disturb: false, auto_answer: true, auto_answer_delay_s: 0 });
    const auto = await runSipp({ scenario: 'uac_rr.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5091, callLengthMs: 300 });
    expect(auto.stats.successful, describeSipp(auto)).toBe(1);

    await alice.call('setPhoneSettings', { auto_answer: false });
    const intercom = await runSipp({ scenario: 'uac_intercom.xml', remote: '127.0.0.1:5060', service: 'alice', localPort: 5091, callLengthMs: 300 });
    expect(intercom.stats.successful, describeSipp(intercom)).toBe(1);
    expect(await alice.call('phoneSettings')).toEqual({ do_not_disturb: false, auto_answer: false, auto_answer_delay_s: 0, allow_intercom: true, show_monitoring: true });
  });

  // A proxy must not pass a 503 on (RFC 3261 §16.7): Kamailio turns it into 500, reason phrase kept.
  it.each([
    [486, 486, 'busy', 'busy'],
    [480, 480, 'unavailable', 'failed'],
    [503, 500, 'failed', 'failed'],
  ])('shows a far end refusing with %i (caller sees %i) as %s', async (code, seen, reason, status) => {
    const uas = startSipp({ scenario: `uas_reject_${code}.xml`, localPort: UAS_PORT, timeoutMs: 15_000 });
    await uas.ready;
    const dialed = await alice.call<LineState>('dial', { target: 'uas' });
    const ended = await alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'ended');
    expect(ended, JSON.stringify(ended)).toMatchObject({ end_reason: reason, sip_code: seen });
    expect((await uas.done).stats.successful).toBe(1);
    expect(await callBySid(dialed.call_sid)).toMatchObject({ status, sip_code: seen });
  });
});
