import { describe, expect, it } from 'vitest';
import type { AgentLiveState } from '../../../shared/domain/queue.ts';
import { positionsOf } from '../../../shared/queue/queue-order.ts';
import { DEFAULT_HANDLE_SECONDS, estimateWaits, estimateWaitSeconds } from '../../../shared/queue/wait-estimate.ts';
import { entry, live } from '../../support/queue-fixtures.ts';

/** An agent on a call unless told otherwise. */
const agent = (agent_id: number, over: Partial<AgentLiveState> = {}): AgentLiveState => live(agent_id, { status: 'busy', status_reason: 'on-call', active_calls: 1, ...over });

describe('estimated wait', () => {
  it('is nothing while free agents outnumber the callers ahead', () => {
    expect(estimateWaitSeconds({ position: 2, free_agents: 2, staffed_agents: 3, handle_seconds: 200 })).toBe(0);
  });

  it('is half a handling time for the first caller behind one busy agent, and grows by handle time ÷ agents', () => {
    expect(estimateWaitSeconds({ position: 1, free_agents: 0, staffed_agents: 1, handle_seconds: 200 })).toBe(100);
    expect(estimateWaitSeconds({ position: 3, free_agents: 0, staffed_agents: 1, handle_seconds: 200 })).toBe(500);
    expect(estimateWaitSeconds({ position: 3, free_agents: 0, staffed_agents: 2, handle_seconds: 200 })).toBe(250);
    expect(estimateWaitSeconds({ position: 3, free_agents: 1, staffed_agents: 2, handle_seconds: 200 })).toBe(150);
  });

  it('assumes a typical handling time before any call was handled, and knows nothing with nobody at work', () => {
    expect(estimateWaitSeconds({ position: 1, free_agents: 0, staffed_agents: 1, handle_seconds: null })).toBe(DEFAULT_HANDLE_SECONDS / 2);
    expect(estimateWaitSeconds({ position: 1, free_agents: 0, staffed_agents: 0, handle_seconds: 120 })).toBeNull();
  });

  it('positions follow the serving order (priority, then wait); assigned entries have none', () => {
    const entries = [entry(1), entry(2, { priority: 8 }), entry(3, { state: 'offered' }), entry(4, { state: 'assigned' })];
    expect([...positionsOf(entries)]).toEqual([
      [2, 1],
      [1, 2],
      [3, 3],
    ]);
  });

  it('counts only agents with the skills, and only those at work', () => {
    const entries = [entry(1, { required_skills: ['ja'] }), entry(2)];
    const agents = [agent(1, { skills: ['ja'] }), agent(2), agent(3, { status: 'away', status_reason: 'lunch' }), agent(4, { presence: 'offline', status: 'available' })];
    const w = estimateWaits(entries, agents, 100);
    expect(w.get(1)).toEqual({ position: 1, wait_seconds: 50 });
    expect(w.get(2)).toEqual({ position: 2, wait_seconds: 75 });
    expect(estimateWaits([entry(1, { required_skills: ['fr'] })], agents, 100).get(1)).toEqual({ position: 1, wait_seconds: null });
  });
});
