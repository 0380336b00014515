// The queue service over a real (in-memory) store and event bus, with fake timers: wrap-up,
// offer timeouts and sign-out grace happen when the clock says so, not when a test waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../../../shared/contracts/domain-events.ts';
import type { Agent } from '../../../../shared/domain/agent.ts';
import { initialLine, type LineState } from '../../../../shared/sip/line-state.ts';
import { EventBus } from '../../../../electron/core/events/event-bus.ts';
import { PRESENCE_GRACE_MS, QueueService } from '../../../../electron/core/queue/queue.service.ts';
import { AuditLog } from '../../../../electron/core/services/audit-log.service.ts';
import { CallsService } from '../../../../electron/core/services/calls.service.ts';
import type { AgentColumns } from '../../../../electron/core/store/repos/agents.repo.ts';
import { Store } from '../../../../electron/core/store/store.ts';

const T = 'default';

describe('queue service (fake clock)', () => {
  let store: Store;
  let bus: EventBus;
  let queue: QueueService;
  let events: DomainEvent[];

  const makeAgent = (name: string, over: Partial<AgentColumns> = {}): Agent =>
    store.agents.create(T, {
      name,
      extension: null,
      role: 'agent',
      skills: [],
      max_concurrent_calls: 1,
      status: 'offline',
      login_username: null,
      login_password_hash: null,
      sip_uri: null,
      sip_username: null,
      sip_password_sealed: null,
      sip_ws_url: null,
      sip_ice_servers: [],
      sip_media: 'renderer',
      sip_send_audio: true,
      ...over,
    });
  const statusOf = (a: Agent) => store.agents.get(T, a.id)!;
  const settle = () => vi.advanceTimersByTimeAsync(0);
  const line = (id: string, over: Partial<LineState>): LineState => ({
    ...initialLine({ line_id: id, call_sid: `CA${id}`, direction: 'inbound', remote: { uri: '100', display: '' }, at: new Date().toISOString() }),
    ...over,
  });
  const lineEvent = (a: Agent, l: LineState) => bus.publish(T, { type: 'line.updated', agent_id: a.id, line: l });

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-04T09:00:00.000Z') });
    store = Store.open(':memory:');
    store.tenants.ensure(T, 'Default');
    bus = new EventBus();
    events = [];
    bus.subscribe((env) => events.push(env.event));
    queue = new QueueService({
      store,
      bus,
      calls: new CallsService(store, bus),
      auditLog: new AuditLog(store),
      seats: { linesOf: () => null, stateOf: () => ({ state: 'registered', detail: null }) },
      aiTransfer: async () => undefined,
      log: () => {},
    });
  });

  afterEach(() => {
    queue.stop();
    store.close();
    vi.useRealTimers();
  });

  it('signs an agent in with its console, busy on a call, wrap-up for the tenant’s seconds after it, then available', async () => {
    const alice = makeAgent('Alice');
    queue.consoleAttached(alice);
    expect(statusOf(alice).status).toBe('available');

    lineEvent(alice, line('1', { state: 'talking', answered_at: new Date().toISOString() }));
    expect(statusOf(alice)).toMatchObject({ status: 'busy', status_reason: 'on-call' });

    await vi.advanceTimersByTimeAsync(120_000);
    lineEvent(alice, line('1', { state: 'ended', answered_at: '2026-03-04T09:00:00.000Z', ended_at: new Date().toISOString(), end_reason: 'remote-hangup' }));
    expect(statusOf(alice)).toMatchObject({ status: 'wrap-up', wrap_up_until: '2026-03-04T09:02:30.000Z' });

    await vi.advanceTimersByTimeAsync(29_999);
    expect(statusOf(alice).status).toBe('wrap-up');
    await vi.advanceTimersByTimeAsync(1);
    expect(statusOf(alice)).toMatchObject({ status: 'available', wrap_up_until: null, status_since: '2026-03-04T09:02:30.000Z' });

    expect(store.agents.statusHistory(T, alice.id).map((h) => [h.status, h.actor])).toEqual([
      ['available', `agent:${alice.id}`],
      ['busy', 'system'],
      ['wrap-up', 'system'],
      ['available', 'system'],
    ]);
    expect(events.filter((e) => e.type === 'agent.status').at(-1)).toMatchObject({ state: { agent_id: alice.id, status: 'available', presence: 'signed-in', active_calls: 0 } });
  });

  it('a changed wrap-up length applies to the next wrap-up', async () => {
    const alice = makeAgent('Alice');
    queue.consoleAttached(alice);
    queue.updateSettings(T, { wrap_up_seconds: 5 }, 'agent:1');
    lineEvent(alice, line('1', { state: 'talking', answered_at: new Date().toISOString() }));
    lineEvent(alice, line('1', { state: 'ended', answered_at: new Date().toISOString(), end_reason: 'local-hangup' }));
    expect(statusOf(alice).status).toBe('wrap-up');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(statusOf(alice).status).toBe('available');
  });

  it('an offer nobody answers goes to the next agent after the offer timeout; the one who missed it goes away', async () => {
    const alice = makeAgent('Alice');
    await vi.advanceTimersByTimeAsync(1000);
    const bob = makeAgent('Bob');
    queue.consoleAttached(alice);
    await vi.advanceTimersByTimeAsync(1000);
    queue.consoleAttached(bob);
    const entry = queue.enqueue(T, { from_number: '+15550100', to_number: '100' }, 'test');
    await settle();
    expect(queue.entry(T, entry.id)).toMatchObject({ state: 'offered', offered_agent_id: alice.id });

    await vi.advanceTimersByTimeAsync(14_999);
    expect(queue.entry(T, entry.id).offered_agent_id).toBe(alice.id);
    await vi.advanceTimersByTimeAsync(1);
    expect(statusOf(alice)).toMatchObject({ status: 'away', status_reason: 'missed-offer' });
    expect(queue.entry(T, entry.id)).toMatchObject({ state: 'offered', offered_agent_id: bob.id, passes: [{ agent_id: alice.id, reason: 'timeout' }] });
  });

  it('an agent whose console went away is signed out after the grace period, and its offer moves on at once', async () => {
    const alice = makeAgent('Alice');
    const detach = queue.consoleAttached(alice);
    const entry = queue.enqueue(T, { from_number: '+15550100', to_number: '100' }, 'test');
    await settle();
    expect(queue.entry(T, entry.id).state).toBe('offered');

    detach();
    await settle();
    expect(queue.entry(T, entry.id)).toMatchObject({ state: 'waiting', offered_agent_id: null, passes: [] });
    await vi.advanceTimersByTimeAsync(PRESENCE_GRACE_MS - 1);
    expect(statusOf(alice).status).toBe('available');
    await vi.advanceTimersByTimeAsync(1);
    expect(statusOf(alice).status).toBe('offline');
  });

  it('a console back within the grace period keeps the agent signed in', async () => {
    const alice = makeAgent('Alice');
    queue.consoleAttached(alice)();
    await vi.advanceTimersByTimeAsync(PRESENCE_GRACE_MS / 2);
    queue.consoleAttached(alice);
    await vi.advanceTimersByTimeAsync(PRESENCE_GRACE_MS);
    expect(statusOf(alice).status).toBe('available');
  });

  it('a declined call waits until the re-offer delay before the same (only) agent is asked again', async () => {
    const alice = makeAgent('Alice');
    queue.consoleAttached(alice);
    const entry = queue.enqueue(T, { from_number: '+15550100', to_number: '100' }, 'test');
    await settle();
    queue.decline(T, alice.id, entry.id, 'test');
    await settle();
    expect(queue.entry(T, entry.id).state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(queue.entry(T, entry.id).state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(queue.entry(T, entry.id)).toMatchObject({ state: 'offered', offered_agent_id: alice.id });
  });
});
