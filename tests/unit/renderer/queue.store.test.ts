import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { DomainEvent, EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { DEFAULT_QUEUE_SETTINGS, type QueueSnapshot } from '../../../shared/domain/queue.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { queueShortcutFor, runQueueShortcut } from '../../../renderer/src/features/queue/queue-shortcuts.ts';
import { createQueueStore, offerFor } from '../../../renderer/src/state/queue.store.ts';
import { entry, live, stats, T0 } from '../../support/queue-fixtures.ts';

/** A client whose answers the test releases, and whose events the test sends. */
function scriptedClient() {
  const listeners = new Set<(e: EventEnvelope) => void>();
  const requests: { method: string; arg: unknown }[] = [];
  const pending: { method: string; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  let seq = 0;
  const client: CoreClient = {
    call: (method, arg) =>
      new Promise((resolve, reject) => {
        requests.push({ method, arg });
        pending.push({ method, resolve: resolve as (v: unknown) => void, reject });
      }),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onConnection: () => () => {},
    onMediaRequest: () => () => {},
  };
  return {
    client,
    requests,
    answer(method: string, value: unknown) {
      const i = pending.findIndex((p) => p.method === method);
      pending.splice(i, 1)[0]!.resolve(value);
    },
    fail(method: string, error: unknown) {
      const i = pending.findIndex((p) => p.method === method);
      pending.splice(i, 1)[0]!.reject(error);
    },
    emit(event: DomainEvent) {
      const env: EventEnvelope = { seq: ++seq, at: new Date().toISOString(), tenant_id: 'default', event };
      for (const l of listeners) l(env);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('queue store', () => {
  it('loads the snapshot; events that arrived while it was in flight are newer and win', async () => {
    const c = scriptedClient();
    const store = createQueueStore(c.client);
    const loading = store.getState().load();
    c.emit({ type: 'queue.entry', entry: entry(1, { state: 'offered', offered_agent_id: 7, offered_at: new Date(T0).toISOString(), offer_expires_at: new Date(T0 + 15_000).toISOString() }) });
    c.emit({ type: 'agent.status', state: live(7, { offered_entry_id: 1 }) });
    const snap: QueueSnapshot = { entries: [entry(1), entry(2), entry(3, { state: 'completed' })], agents: [live(7), live(8)], stats: stats(), settings: DEFAULT_QUEUE_SETTINGS };
    c.answer('queueSnapshot', snap);
    await loading;
    const s = store.getState();
    expect(s.loaded).toBe(true);
    expect(s.entries.map((e) => [e.id, e.state])).toEqual([
      [1, 'offered'],
      [2, 'waiting'],
    ]);
    expect(s.agents[7]!.offered_entry_id).toBe(1);
    expect(offerFor(s.entries, 7)?.id).toBe(1);
    expect(offerFor(s.entries, 8)).toBeNull();
  });

  it('follows entries, figures, settings and agents by events; entries leave once out of the queue', async () => {
    const c = scriptedClient();
    const store = createQueueStore(c.client);
    c.emit({ type: 'queue.entry', entry: entry(5) });
    c.emit({ type: 'queue.entry', entry: entry(4) });
    expect(store.getState().entries.map((e) => e.id)).toEqual([4, 5]);
    c.emit({ type: 'queue.entry', entry: entry(5, { state: 'abandoned' }) });
    expect(store.getState().entries.map((e) => e.id)).toEqual([4]);
    c.emit({ type: 'queue.stats', stats: stats({ answered: 3 }) });
    c.emit({ type: 'queue.settings', settings: { ...DEFAULT_QUEUE_SETTINGS, wrap_up_seconds: 10 } });
    c.emit({ type: 'agent.status', state: live(9, { status: 'away', status_reason: 'lunch' }) });
    expect(store.getState()).toMatchObject({ stats: { answered: 3 }, settings: { wrap_up_seconds: 10 }, agents: { 9: { status: 'away' } } });
    c.emit({ type: 'agent.deleted', agent_id: 9 });
    expect(store.getState().agents[9]).toBeUndefined();
  });

  it('remembers when this console heard of an offer, for a countdown on its own clock', () => {
    const c = scriptedClient();
    const store = createQueueStore(c.client);
    const offered = entry(1, { state: 'offered', offered_agent_id: 7, offered_at: new Date(T0).toISOString(), offer_expires_at: new Date(T0 + 15_000).toISOString() });
    c.emit({ type: 'queue.entry', entry: offered });
    const seen = store.getState().offeredSeenAt[1]!;
    expect(seen).toBeGreaterThan(0);
    // The same offer again (another event) keeps its time; withdrawn, it is forgotten.
    c.emit({ type: 'queue.entry', entry: { ...offered } });
    expect(store.getState().offeredSeenAt[1]).toBe(seen);
    c.emit({ type: 'queue.entry', entry: entry(1) });
    expect(store.getState().offeredSeenAt[1]).toBeUndefined();
  });

  it('accepting and declining ask the core once each; a refusal is kept for the agent to read', async () => {
    const c = scriptedClient();
    const store = createQueueStore(c.client);
    const first = store.getState().accept(1);
    // A second press while the first is in flight sends nothing.
    expect(await store.getState().accept(1)).toBe(false);
    expect(store.getState().busy[1]).toBe('accept');
    c.fail('acceptOffer', new CoreError({ statusCode: 409, error: 'Conflict', message: 'queue entry 1 is not offered to you (any more)', code: 'offer_gone' }));
    expect(await first).toBe(false);
    expect(store.getState()).toMatchObject({ busy: {}, actionError: { statusCode: 409, code: 'offer_gone' } });
    const pass = store.getState().decline(2);
    c.answer('declineOffer', entry(2));
    expect(await pass).toBe(true);
    expect(store.getState().actionError).toBeNull();
    expect(c.requests.map((r) => [r.method, r.arg])).toEqual([
      ['acceptOffer', { entry_id: 1 }],
      ['declineOffer', { entry_id: 2 }],
    ]);
  });

  it('shortcuts: the answer and decline keys take the offer only while no line rings; Alt+P toggles away', async () => {
    const key = (code: string, mods: { alt?: boolean; ctrl?: boolean } = {}) => ({
      key: code === 'Enter' ? 'Enter' : code.slice(3).toLowerCase(),
      code,
      altKey: mods.alt ?? false,
      ctrlKey: mods.ctrl ?? false,
      metaKey: false,
      shiftKey: false,
    });
    expect(queueShortcutFor(key('Enter', { ctrl: true }), false)).toBe('accept-offer');
    expect(queueShortcutFor(key('KeyA', { alt: true }), false)).toBe('accept-offer');
    expect(queueShortcutFor(key('KeyD', { alt: true }), false)).toBe('decline-offer');
    expect(queueShortcutFor(key('KeyA', { alt: true }), true)).toBeNull();
    expect(queueShortcutFor(key('KeyP', { alt: true }), true)).toBe('toggle-availability');
    expect(queueShortcutFor(key('KeyH', { alt: true }), false)).toBeNull();

    const c = scriptedClient();
    const store = createQueueStore(c.client);
    expect(runQueueShortcut(store.getState(), 7, 'accept-offer')).toBe(false);
    c.emit({ type: 'queue.entry', entry: entry(3, { state: 'offered', offered_agent_id: 7 }) });
    c.emit({ type: 'agent.status', state: live(7) });
    expect(runQueueShortcut(store.getState(), 7, 'accept-offer')).toBe(true);
    expect(runQueueShortcut(store.getState(), 7, 'toggle-availability')).toBe(true);
    await tick();
    expect(c.requests.map((r) => [r.method, r.arg])).toEqual([
      ['acceptOffer', { entry_id: 3 }],
      ['setAgentStatus', { status: 'away', reason: 'break' }],
    ]);
  });
});
