import { describe, expect, it } from 'vitest';
import type { QueuePass } from '../../../../shared/domain/queue.ts';
import { canTakeOffers, nextReofferAt, planOffers, type RoutableAgent, type RoutableEntry } from '../../../../electron/core/queue/routing.ts';

const T0 = Date.parse('2026-03-04T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const NOW = T0 + 600_000;
const REOFFER_MS = 30_000;

function entry(id: number, over: Partial<RoutableEntry> = {}): RoutableEntry {
  return { id, state: 'waiting', priority: 5, enqueued_at: at(id), required_skills: [], passes: [], needs_seat: false, ...over };
}

function agent(agent_id: number, over: Partial<RoutableAgent> = {}): RoutableAgent {
  return {
    agent_id,
    status: 'available',
    status_reason: null,
    status_since: at(agent_id),
    presence: 'ready',
    skills: [],
    active_calls: 0,
    max_concurrent_calls: 1,
    offered_entry_id: null,
    ...over,
  };
}

const pass = (agent_id: number, secondsBeforeNow: number, reason: QueuePass['reason'] = 'declined'): QueuePass => ({
  agent_id,
  at: new Date(NOW - secondsBeforeNow * 1000).toISOString(),
  reason,
});

const plan = (entries: RoutableEntry[], agents: RoutableAgent[]) => planOffers(entries, agents, NOW, REOFFER_MS);

describe('routing: which call goes to which agent', () => {
  it('offers the highest priority first, then the longest waiting', () => {
    const entries = [entry(1, { priority: 5 }), entry(2, { priority: 9 }), entry(3, { priority: 5, enqueued_at: at(0) })];
    expect(plan(entries, [agent(10)])).toEqual([{ entry_id: 2, agent_id: 10 }]);
    expect(plan(entries, [agent(10), agent(11), agent(12)]).map((o) => o.entry_id)).toEqual([2, 3, 1]);
  });

  it('gives the next call to the agent idle longest', () => {
    const agents = [agent(10, { status_since: at(300) }), agent(11, { status_since: at(100) }), agent(12, { status_since: at(200) })];
    expect(plan([entry(1), entry(2)], agents)).toEqual([
      { entry_id: 1, agent_id: 11 },
      { entry_id: 2, agent_id: 12 },
    ]);
  });

  it('breaks ties by enqueue time, then entry id; by idle time, then agent id', () => {
    const sameTime = at(50);
    const entries = [entry(7, { enqueued_at: sameTime }), entry(3, { enqueued_at: sameTime }), entry(5, { enqueued_at: sameTime })];
    const agents = [agent(21, { status_since: sameTime }), agent(20, { status_since: sameTime }), agent(22, { status_since: sameTime })];
    expect(plan(entries, agents)).toEqual([
      { entry_id: 3, agent_id: 20 },
      { entry_id: 5, agent_id: 21 },
      { entry_id: 7, agent_id: 22 },
    ]);
    // Input order never matters.
    expect(plan([...entries].reverse(), [...agents].reverse())).toEqual(plan(entries, agents));
  });

  it('needs every required skill; a call nobody can take does not hold up the calls behind it', () => {
    const entries = [entry(1, { priority: 9, required_skills: ['japanese'] }), entry(2, { required_skills: ['billing'] }), entry(3)];
    const agents = [agent(10, { skills: ['billing'] }), agent(11, { skills: ['billing', 'sales'] })];
    expect(plan(entries, agents)).toEqual([
      { entry_id: 2, agent_id: 10 },
      { entry_id: 3, agent_id: 11 },
    ]);
    expect(plan([entry(1, { required_skills: ['billing', 'sales'] })], agents)).toEqual([{ entry_id: 1, agent_id: 11 }]);
  });

  it('gives an agent one offer at a time, and none to an agent already holding one', () => {
    expect(plan([entry(1), entry(2)], [agent(10)])).toEqual([{ entry_id: 1, agent_id: 10 }]);
    expect(plan([entry(1)], [agent(10, { offered_entry_id: 99 })])).toEqual([]);
  });

  it('plans only waiting entries (offered, assigned or abandoned ones are not routed again)', () => {
    const entries = [entry(1, { state: 'offered' }), entry(2, { state: 'assigned' }), entry(3, { state: 'abandoned' }), entry(4)];
    expect(plan(entries, [agent(10), agent(11)])).toEqual([{ entry_id: 4, agent_id: 10 }]);
  });

  it('respects the concurrency limit: busy agents with room come after available ones, at the limit they get nothing', () => {
    const agents = [
      agent(10, { status: 'busy', status_reason: 'on-call', active_calls: 1, max_concurrent_calls: 3, status_since: at(0) }),
      agent(11, { status_since: at(500) }),
      agent(12, { status: 'busy', status_reason: 'on-call', active_calls: 2, max_concurrent_calls: 2 }),
      agent(13, { status: 'busy', status_reason: 'on-call', active_calls: 2, max_concurrent_calls: 3, status_since: at(0) }),
    ];
    expect(plan([entry(1), entry(2), entry(3), entry(4)], agents)).toEqual([
      { entry_id: 1, agent_id: 11 },
      { entry_id: 2, agent_id: 10 },
      { entry_id: 3, agent_id: 13 },
    ]);
  });

  it('never offers to agents away, in wrap-up, offline, busy by choice, or without a console', () => {
    const agents = [
      agent(10, { status: 'away', status_reason: 'lunch' }),
      agent(11, { status: 'wrap-up' }),
      agent(12, { status: 'offline' }),
      agent(13, { status: 'busy', status_reason: null }),
      agent(14, { presence: 'offline' }),
    ];
    expect(plan([entry(1)], agents)).toEqual([]);
    for (const a of agents) expect(canTakeOffers(a)).toBe(false);
  });

  it('sends calls that need a seat (hand-offs, callbacks, parked calls) only to agents whose seat is registered', () => {
    const agents = [agent(10, { presence: 'signed-in', status_since: at(0) }), agent(11)];
    expect(plan([entry(1, { needs_seat: true })], agents)).toEqual([{ entry_id: 1, agent_id: 11 }]);
    expect(plan([entry(1)], agents)).toEqual([{ entry_id: 1, agent_id: 10 }]);
    expect(plan([entry(1, { needs_seat: true })], [agents[0]!])).toEqual([]);
  });

  it('a declined or unanswered call goes to the next agent, not back to the one who let it pass', () => {
    const agents = [agent(10, { status_since: at(0) }), agent(11, { status_since: at(100) })];
    expect(plan([entry(1, { passes: [pass(10, 5)] })], agents)).toEqual([{ entry_id: 1, agent_id: 11 }]);
    expect(plan([entry(1, { passes: [pass(10, 5, 'timeout')] })], agents)).toEqual([{ entry_id: 1, agent_id: 11 }]);
  });

  it('asks an agent who let a call pass again only once the re-offer delay is over, and only if nobody fresh can', () => {
    expect(plan([entry(1, { passes: [pass(10, 29)] })], [agent(10)])).toEqual([]);
    expect(plan([entry(1, { passes: [pass(10, 30)] })], [agent(10)])).toEqual([{ entry_id: 1, agent_id: 10 }]);
    // A fresh agent idle for less time still comes first.
    expect(plan([entry(1, { passes: [pass(10, 300)] })], [agent(10, { status_since: at(0) }), agent(11, { status_since: at(400) })])).toEqual([{ entry_id: 1, agent_id: 11 }]);
    // Everyone passed long ago: the one who passed longest ago is asked first.
    const both = entry(1, { passes: [pass(10, 60), pass(11, 120)] });
    expect(plan([both], [agent(10), agent(11)])).toEqual([{ entry_id: 1, agent_id: 11 }]);
  });

  it('an agent who passed on one call can still be offered the next one', () => {
    expect(plan([entry(1, { passes: [pass(10, 1)] }), entry(2)], [agent(10)])).toEqual([{ entry_id: 2, agent_id: 10 }]);
  });

  it('an agent holding an offer who goes away, signs out or fills up can no longer hold it', () => {
    const holding = agent(10, { offered_entry_id: 1 });
    expect(canTakeOffers({ ...holding, offered_entry_id: null })).toBe(true);
    expect(canTakeOffers({ ...holding, offered_entry_id: null, status: 'away', status_reason: 'break' })).toBe(false);
    expect(canTakeOffers({ ...holding, offered_entry_id: null, presence: 'offline' })).toBe(false);
    expect(canTakeOffers({ ...holding, offered_entry_id: null, active_calls: 1 })).toBe(false);
  });

  it('says when a pass cools down, so routing can run again then', () => {
    const entries = [entry(1, { passes: [pass(10, 10), pass(11, 25)] }), entry(2, { state: 'offered', passes: [pass(12, 29)] }), entry(3, { passes: [pass(13, 40)] })];
    expect(nextReofferAt(entries, NOW, REOFFER_MS)).toBe(NOW + 5_000);
    expect(nextReofferAt([entry(1)], NOW, REOFFER_MS)).toBeNull();
  });
});
