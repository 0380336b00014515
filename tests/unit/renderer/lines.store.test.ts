import { describe, expect, it } from 'vitest';
import { initialLine, type LineState } from '../../../shared/sip/line-state.ts';
import { createLinesStore, DIAL_KEY, reconcileSelection, upsertLine } from '../../../renderer/src/state/lines.store.ts';
import { createStores } from '../../../renderer/src/state/stores.ts';
import { FakeCoreClient, flush, makeAgent } from './fake-core-client.ts';

const AT = '2026-03-04T10:00:00.000Z';

async function signedIn() {
  const client = new FakeCoreClient();
  const alice = makeAgent({ id: 1, sip: { uri: 'sip:alice@pbx.lan', username: 'alice', ws_url: 'ws://pbx.lan:8088', ice_servers: [], has_password: true, media: 'renderer' } });
  client.addUser('alice', 'alicepw123', alice);
  await client.call('login', { username: 'alice', password: 'alicepw123' });
  const store = createLinesStore(client, { agentId: () => client.session?.agent.id ?? null });
  return { client, store, alice };
}

function line(id: string, over: Partial<LineState> = {}): LineState {
  return {
    ...initialLine({ line_id: id, call_sid: `CA${id}`, direction: 'inbound', remote: { uri: 'sip:100@pbx.lan', display: '' }, at: AT }),
    ...over,
  };
}

describe('lines store', () => {
  it('loads the seat’s lines and follows line.updated events for this agent only', async () => {
    const { client, store } = await signedIn();
    client.addLine({ direction: 'inbound' }, false);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loading: false, error: null });
    expect(store.getState().lines.map((l) => [l.line_id, l.state])).toEqual([['L1', 'incoming']]);

    client.emit({ type: 'line.updated', agent_id: 99, line: line('X1') });
    expect(store.getState().lines).toHaveLength(1);

    client.addLine({ direction: 'outbound' });
    expect(store.getState().lines.map((l) => l.line_id)).toEqual(['L1', 'L2']);
  });

  it('keeps events that arrive while listLines is in flight', async () => {
    const { client, store } = await signedIn();
    const first = client.addLine({ direction: 'inbound' }, false);
    client.hold = true;
    const loading = store.getState().load();
    await flush();
    // The call ends while the (older) list is on its way.
    client.lines = [];
    client.emit({ type: 'line.updated', agent_id: 1, line: { ...first, state: 'ended', end_reason: 'canceled', ended_at: AT } });
    client.lines = [first];
    client.release();
    await loading;
    expect(store.getState().lines[0]?.state).toBe('ended');
  });

  it('answers, holds, mutes and hangs up through the core, enabling only what applies', async () => {
    const { client, store } = await signedIn();
    const { line_id } = client.addLine({ direction: 'inbound' });
    expect(store.getState().selectedId).toBe(line_id);

    await store.getState().answer(line_id);
    expect(client.requests.filter((r) => r.method === 'answer')).toEqual([{ method: 'answer', arg: { line_id } }]);
    expect(store.getState().lines[0]?.state).toBe('connecting');
    client.lineEvent(line_id, { type: 'confirmed', at: AT });
    expect(store.getState().lines[0]?.state).toBe('talking');

    await store.getState().setHold(line_id, true);
    expect(store.getState().lines[0]).toMatchObject({ state: 'on-hold', held: true });
    await store.getState().setHold(line_id, false);
    await store.getState().setMute(line_id, true);
    expect(store.getState().lines[0]).toMatchObject({ state: 'talking', muted: true });
    await store.getState().sendDtmf(line_id, '5');
    expect(client.requests.at(-1)).toEqual({ method: 'sendDtmf', arg: { line_id, digits: '5' } });

    await store.getState().hangup(line_id);
    expect(store.getState().lines[0]).toMatchObject({ state: 'ended', end_reason: 'local-hangup' });
    expect(store.getState().busy).toEqual({});
  });

  it('keeps a refused action’s error on the line, and busy clears', async () => {
    const { client, store } = await signedIn();
    const { line_id } = client.addLine({ direction: 'inbound' });
    await store.getState().hangup(line_id); // not allowed while incoming: the core says 409
    expect(store.getState().errors[line_id]).toMatchObject({ statusCode: 409 });
    expect(store.getState().busy[line_id]).toBeUndefined();
    store.getState().clearError(line_id);
    expect(store.getState().errors[line_id]).toBeUndefined();
  });

  it('ignores a stale action answer that would move a line backwards, but takes an ending', async () => {
    const { client, store } = await signedIn();
    const { line_id } = client.addLine({ direction: 'inbound' });
    const stale = client.lines[0]!;
    // The core's events overtake the answer to the request, which still says "connecting".
    const real = client.call.bind(client);
    client.call = (async (method: string, arg: unknown) => {
      if (method !== 'answer') return real(method as never, arg as never);
      client.lineEvent(line_id, { type: 'answer' });
      client.lineEvent(line_id, { type: 'confirmed', at: AT });
      return { ...stale, state: 'connecting' };
    }) as typeof client.call;
    await store.getState().answer(line_id);
    expect(store.getState().lines[0]?.state).toBe('talking');

    client.call = (async () => ({ ...stale, state: 'ended', end_reason: 'failed', ended_at: AT })) as typeof client.call;
    await store.getState().hangup(line_id);
    expect(store.getState().lines[0]?.state).toBe('ended');
  });

  it('dials, selects the new line and reports a refused dial under DIAL_KEY', async () => {
    const { client, store } = await signedIn();
    const placed = await store.getState().dial('1002');
    expect(placed?.state).toBe('dialing');
    expect(store.getState().selectedId).toBe(placed?.line_id);
    expect(store.getState().dialing).toBe(false);

    client.unreachable = true;
    expect(await store.getState().dial('1003')).toBeNull();
    expect(store.getState().errors[DIAL_KEY]).toMatchObject({ statusCode: 0 });
  });

  it('holds the call in progress before answering a waiting call', async () => {
    const { client, store } = await signedIn();
    const first = client.addLine({ direction: 'inbound' });
    await store.getState().answer(first.line_id);
    client.lineEvent(first.line_id, { type: 'confirmed', at: AT });
    const second = client.addLine({ direction: 'inbound' });
    expect(store.getState().selectedId).toBe(first.line_id); // a ringing call does not steal the selection

    await store.getState().answer(second.line_id);
    const methods = client.requests.map((r) => r.method);
    expect(methods.slice(methods.indexOf('hold'))).toEqual(['hold', 'answer']);
    expect(store.getState().lines.find((l) => l.line_id === first.line_id)?.state).toBe('on-hold');
    expect(store.getState().selectedId).toBe(second.line_id);
  });

  it('runs an attended transfer: consult call, then complete on the consultation line', async () => {
    const { client, store } = await signedIn();
    const original = client.addLine({ direction: 'inbound' });
    await store.getState().answer(original.line_id);
    client.lineEvent(original.line_id, { type: 'confirmed', at: AT });

    await store.getState().consult(original.line_id, '2000');
    const consult = store.getState().lines.find((l) => l.line_id !== original.line_id);
    expect(consult).toBeDefined();
    expect(store.getState().consults).toEqual({ [consult!.line_id]: original.line_id });
    expect(store.getState().lines.find((l) => l.line_id === original.line_id)?.held).toBe(true);

    client.lineEvent(consult!.line_id, { type: 'accepted', at: AT });
    await store.getState().completeTransfer(consult!.line_id);
    expect(client.requests.at(-1)).toEqual({ method: 'completeTransfer', arg: { line_id: original.line_id, consult_line_id: consult!.line_id } });
  });

  it('dismisses ended lines for good, even when a late event repeats them', async () => {
    const { client, store } = await signedIn();
    const { line_id } = client.addLine({ direction: 'inbound' });
    await store.getState().decline(line_id);
    const ended = store.getState().lines[0]!;
    expect(ended.state).toBe('ended');
    await store.getState().dismiss(line_id);
    expect(store.getState().lines).toEqual([]);
    client.emit({ type: 'line.updated', agent_id: 1, line: ended });
    expect(store.getState().lines).toEqual([]);
  });

  it('never revives an ended line from a late event', async () => {
    const { client, store } = await signedIn();
    const l = client.addLine({ direction: 'inbound' });
    client.lineEvent(l.line_id, { type: 'cancel', at: AT });
    client.emit({ type: 'line.updated', agent_id: 1, line: l });
    expect(store.getState().lines[0]?.state).toBe('ended');
  });

  it('is loaded on sign-in and on reconnect, and cleared on sign-out (createStores)', async () => {
    const client = new FakeCoreClient();
    client.addUser('alice', 'alicepw123', makeAgent());
    const stores = createStores(client);
    await stores.session.getState().restore();
    await client.call('login', { username: 'alice', password: 'alicepw123' });
    client.addLine({ direction: 'inbound' }, false);
    client.session = null;
    await stores.session.getState().login({ username: 'alice', password: 'alicepw123' });
    await flush();
    expect(stores.lines.getState().lines).toHaveLength(1);

    const before = client.requests.filter((r) => r.method === 'listLines').length;
    client.setConnection('disconnected');
    client.setConnection('connected');
    await flush();
    expect(client.requests.filter((r) => r.method === 'listLines').length).toBe(before + 1);

    await stores.session.getState().logout();
    expect(stores.lines.getState()).toMatchObject({ lines: [], loaded: false, selectedId: null });
  });
});

describe('line selection', () => {
  it('keeps the selection, moves off an ended line when another call is open, prefers talking calls', () => {
    const ringing = line('A');
    const talking = line('B', { state: 'talking' });
    const ended = line('C', { state: 'ended' });
    expect(reconcileSelection([ringing, talking], null)).toBe('B');
    expect(reconcileSelection([ringing, talking], 'A')).toBe('A');
    expect(reconcileSelection([ringing, ended], 'C')).toBe('A');
    expect(reconcileSelection([ended], 'C')).toBe('C');
    expect(reconcileSelection([ended], null)).toBe('C');
    expect(reconcileSelection([], 'C')).toBeNull();
  });

  it('upserts by line id and keeps the oldest first', () => {
    const a = line('A', { started_at: '2026-03-04T10:00:01.000Z' });
    const b = line('B', { started_at: '2026-03-04T10:00:00.000Z' });
    const list = upsertLine(upsertLine([], a), b);
    expect(list.map((l) => l.line_id)).toEqual(['B', 'A']);
    expect(upsertLine(list, { ...a, state: 'ended' }).map((l) => l.state)).toEqual(['incoming', 'ended']);
  });
});
