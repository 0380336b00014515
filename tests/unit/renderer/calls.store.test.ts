import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { createAgentsStore } from '../../../renderer/src/state/agents.store.ts';
import { createCallsStore, HISTORY_PAGE_SIZE } from '../../../renderer/src/state/calls.store.ts';
import { createStatusStore } from '../../../renderer/src/state/status.store.ts';
import { baseStatus, FakeCoreClient, flush, makeAgent, makeCall } from './fake-core-client.ts';

async function signedIn() {
  const client = new FakeCoreClient();
  client.addUser('alice', 'alicepw123', makeAgent());
  await client.call('login', { username: 'alice', password: 'alicepw123' });
  return client;
}

const segment = (id: number, call_id: number, start_ms: number, over: Partial<TranscriptSegment> = {}): TranscriptSegment => ({
  id,
  call_id,
  speaker: 'caller',
  text: `segment ${id}`,
  confidence: null,
  start_ms,
  end_ms: start_ms + 900,
  is_final: true,
  source: 'vad-stt',
  model: null,
  segment_key: null,
  created_at: '2026-03-04T09:00:00.000Z',
  ...over,
});

describe('calls store: history', () => {
  it('pages through calls newest first and filters by status and direction', async () => {
    const client = await signedIn();
    client.calls = Array.from({ length: 30 }, (_, i) => makeCall(i + 1, { direction: i % 3 === 0 ? 'outbound' : 'inbound' }));
    const store = createCallsStore(client);

    await store.getState().loadHistory();
    let h = store.getState().history;
    expect(h.items).toHaveLength(HISTORY_PAGE_SIZE);
    expect(h.items[0]?.id).toBe(30);
    expect(h.total).toBe(30);

    await store.getState().loadHistory({ offset: HISTORY_PAGE_SIZE });
    h = store.getState().history;
    expect(h.items.map((c) => c.id)).toEqual([5, 4, 3, 2, 1]);

    await store.getState().loadHistory({ direction: 'outbound', offset: 0 });
    h = store.getState().history;
    expect(h.total).toBe(10);
    expect(h.items.every((c) => c.direction === 'outbound')).toBe(true);
    expect(client.requests.at(-1)?.arg).toEqual({ limit: HISTORY_PAGE_SIZE, offset: 0, direction: 'outbound' });
  });

  it('keeps only the newest answer when requests overlap', async () => {
    const client = await signedIn();
    client.calls = [makeCall(1, { status: 'failed' }), makeCall(2)];
    const store = createCallsStore(client);
    client.hold = true;
    const first = store.getState().loadHistory({ status: 'failed' });
    const second = store.getState().loadHistory({ status: 'completed' });
    client.hold = false;
    client.release();
    await Promise.all([first, second]);
    expect(store.getState().history.query.status).toBe('completed');
    expect(store.getState().history.items.map((c) => c.id)).toEqual([2]);
  });

  it('puts a new matching call on top of the first page and updates rows in place', async () => {
    const client = await signedIn();
    client.calls = [makeCall(1), makeCall(2)];
    const store = createCallsStore(client);
    await store.getState().loadHistory();

    const ringing = makeCall(3, { status: 'ringing', answered_at: null, ended_at: null, duration_seconds: null });
    client.emit({ type: 'call.created', call: ringing });
    expect(store.getState().history.items.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(store.getState().history.total).toBe(3);

    client.emit({ type: 'call.updated', call: { ...ringing, status: 'completed', duration_seconds: 12 } });
    expect(store.getState().history.items[0]).toMatchObject({ id: 3, status: 'completed', duration_seconds: 12 });
    expect(store.getState().history.total).toBe(3);
  });

  it('leaves a filtered or later page alone when a non-matching call starts', async () => {
    const client = await signedIn();
    client.calls = [makeCall(1, { status: 'failed' })];
    const store = createCallsStore(client);
    await store.getState().loadHistory({ status: 'failed' });
    client.emit({ type: 'call.created', call: makeCall(2, { status: 'ringing', ended_at: null }) });
    expect(store.getState().history.items.map((c) => c.id)).toEqual([1]);
  });
});

describe('calls store: live calls', () => {
  it('tracks calls that have not ended from events', async () => {
    const client = await signedIn();
    client.calls = [makeCall(1), makeCall(2, { status: 'in-progress', ended_at: null, duration_seconds: null })];
    const store = createCallsStore(client);
    await store.getState().loadLive();
    expect(store.getState().live.calls.map((c) => c.sid)).toEqual(['CA000002']);

    const incoming = makeCall(3, { status: 'ringing', answered_at: null, ended_at: null, duration_seconds: null });
    client.emit({ type: 'call.created', call: incoming });
    expect(store.getState().live.calls.map((c) => c.id)).toEqual([3, 2]);

    client.emit({ type: 'call.updated', call: { ...incoming, status: 'on-hold' } });
    expect(store.getState().live.calls[0]?.status).toBe('on-hold');

    client.emit({ type: 'call.updated', call: { ...incoming, status: 'completed', ended_at: '2026-03-04T10:00:00.000Z' } });
    expect(store.getState().live.calls.map((c) => c.id)).toEqual([2]);
  });
});

describe('calls store: detail', () => {
  it('opens a call with its timeline and transcript and follows new segments', async () => {
    const client = await signedIn();
    client.calls = [makeCall(5, { status: 'in-progress', ended_at: null })];
    client.transcript = [segment(11, 5, 2000, { speaker: 'agent' }), segment(10, 5, 500)];
    client.callEvents = [{ id: 1, call_id: 5, tenant_id: 'default', type: 'call.started', actor: 'system', data: {}, at: '2026-03-04T09:05:00.000Z' }];
    const store = createCallsStore(client);

    await store.getState().openCall(5);
    let d = store.getState().detail;
    expect(d.call?.sid).toBe('CA000005');
    expect(d.transcript.map((s) => s.id)).toEqual([10, 11]);
    expect(d.events.map((e) => e.type)).toEqual(['call.started']);

    client.emit({ type: 'transcript.segment', segment: segment(12, 5, 1000, { is_final: false }) });
    client.emit({ type: 'transcript.segment', segment: segment(99, 6, 0) }); // another call
    client.emit({ type: 'transcript.segment', segment: segment(12, 5, 1000, { text: 'final words' }) });
    client.emit({ type: 'call.event', event: { id: 2, call_id: 5, tenant_id: 'default', type: 'call.held', actor: '1', data: {}, at: '2026-03-04T09:06:00.000Z' } });
    d = store.getState().detail;
    expect(d.transcript.map((s) => [s.id, s.text])).toEqual([
      [10, 'segment 10'],
      [12, 'final words'],
      [11, 'segment 11'],
    ]);
    expect(d.events.map((e) => e.type)).toEqual(['call.started', 'call.held']);

    store.getState().closeCall();
    expect(store.getState().detail.id).toBeNull();
  });

  it('keeps the error of a missing call', async () => {
    const client = await signedIn();
    const store = createCallsStore(client);
    await store.getState().openCall(404);
    expect(store.getState().detail.error).toMatchObject({ statusCode: 404 });
  });
});

describe('agents and status stores', () => {
  it('applies agent events to the loaded list', async () => {
    const client = await signedIn();
    client.agents = [makeAgent({ id: 1, name: 'Zed' }), makeAgent({ id: 2, name: 'Bob' })];
    const store = createAgentsStore(client);
    await store.getState().load();
    expect(store.getState().agents.map((a) => a.name)).toEqual(['Bob', 'Zed']);
    client.emit({ type: 'agent.created', agent: makeAgent({ id: 3, name: 'Carol' }) });
    client.emit({ type: 'agent.updated', agent: makeAgent({ id: 1, name: 'Zed', status: 'away' }) });
    client.emit({ type: 'agent.deleted', agent_id: 2 });
    expect(store.getState().agents.map((a) => [a.name, a.status])).toEqual([
      ['Carol', 'available'],
      ['Zed', 'away'],
    ]);
  });

  it('follows connection changes and status events', async () => {
    const client = await signedIn();
    const store = createStatusStore(client);
    expect(store.getState().connection).toBe('connecting');
    client.setConnection('connected');
    expect(store.getState().connection).toBe('connected');
    client.emit({ type: 'status.changed', status: { ...baseStatus, offline: true, ai: { ...baseStatus.ai, state: 'unreachable' } } });
    expect(store.getState().status).toMatchObject({ offline: true, ai: { state: 'unreachable' } });
    await store.getState().refresh();
    await flush();
    expect(store.getState().status?.offline).toBe(false);
  });

  it('keeps the agent’s recent calls for call-back, newest first, current from events', async () => {
    const client = new FakeCoreClient();
    client.addUser('alice', 'alicepw123', makeAgent());
    await client.call('login', { username: 'alice', password: 'alicepw123' });
    client.calls = [makeCall(1), makeCall(2, { agent_id: 7 }), makeCall(3)];
    const store = createCallsStore(client);
    await store.getState().loadRecent(1);
    expect(store.getState().recent.calls.map((c) => c.id)).toEqual([3, 1]);
    client.emit({ type: 'call.created', call: makeCall(4) });
    client.emit({ type: 'call.created', call: makeCall(5, { agent_id: 7 }) });
    expect(store.getState().recent.calls.map((c) => c.id)).toEqual([4, 3, 1]);
    store.getState().reset();
    expect(store.getState().recent).toMatchObject({ agentId: null, calls: [], loaded: false });
  });
});
