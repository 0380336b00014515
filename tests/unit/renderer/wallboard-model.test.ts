import { describe, expect, it } from 'vitest';
import { wallboard } from '../../../renderer/src/features/queue/wallboard-model.ts';
import { makeAgent, makeCall } from './fake-core-client.ts';
import { entry, live, stats, T0 } from '../../support/queue-fixtures.ts';

const NOW = T0 + 120_000;

describe('wallboard model', () => {
  const people = [
    makeAgent({ id: 1, name: 'Alice' }),
    makeAgent({ id: 2, name: 'Bob' }),
    makeAgent({ id: 3, name: 'Carol' }),
    makeAgent({ id: 9, name: 'Queue seat', sip: { uri: 'sip:q@pbx', username: 'q', ws_url: 'ws://pbx', ice_servers: [], has_password: true, media: 'headless' } }),
  ];

  it('lists waiting calls in serving order with ticking waits, estimates and who they are offered to', () => {
    const model = wallboard({
      entries: [
        entry(1),
        entry(2, { priority: 9 }),
        entry(3, { state: 'offered', offered_agent_id: 2, offered_at: new Date(NOW - 5000).toISOString(), offer_expires_at: new Date(NOW + 10_000).toISOString() }),
        entry(4, { state: 'assigned', assigned_agent_id: 1 }),
      ],
      agents: { 1: live(1, { status: 'busy', status_reason: 'on-call', active_calls: 1 }), 2: live(2) },
      people,
      stats: stats({ recent_handle_seconds: 100 }),
      liveCalls: [],
      now: NOW,
    });
    expect(model.waiting.map((r) => [r.entry.id, r.position, r.waitSeconds, r.offeredTo, r.offerSecondsLeft])).toEqual([
      [2, 1, 118, null, null],
      [1, 2, 119, null, null],
      [3, 3, 117, 'Bob', 10],
    ]);
    // One free agent (Bob) for the first caller; the next ones wait for the two at work.
    expect(model.waiting.map((r) => r.estimateSeconds)).toEqual([0, 25, 75]);
    expect(model.kpis).toMatchObject({ waiting: 3, longestWaitSeconds: 119 });
  });

  it('groups people (not queue seats) by state, the longest in the state first', () => {
    const model = wallboard({
      entries: [],
      agents: {
        1: live(1, { status_since: new Date(NOW - 30_000).toISOString() }),
        2: live(2, { status_since: new Date(NOW - 90_000).toISOString() }),
        3: live(3, { status: 'wrap-up', status_since: new Date(NOW - 5_000).toISOString(), wrap_up_until: new Date(NOW + 25_000).toISOString() }),
        9: live(9, { status: 'offline', presence: 'offline' }),
      },
      people,
      stats: null,
      liveCalls: [],
      now: NOW,
    });
    expect(model.groups.map((g) => [g.status, g.agents.map((a) => a.name)])).toEqual([
      ['available', ['Bob', 'Alice']],
      ['busy', []],
      ['wrap-up', ['Carol']],
      ['away', []],
      ['offline', []],
    ]);
    expect(model.groups[2]!.agents[0]).toMatchObject({ secondsInState: 5, wrapUpLeft: 25 });
  });

  it('raises an alert for each live call with negative sentiment, and counts AI and people’s calls', () => {
    const calls = [
      makeCall(1, { status: 'in-progress', ended_at: null, sentiment: 'negative', agent_id: 1, answered_at: new Date(NOW - 60_000).toISOString() }),
      makeCall(2, { status: 'in-progress', ended_at: null, sentiment: 'negative', handled_by: 'ai_agent', agent_id: null, realtime_call_id: 'rtc_1', answered_at: new Date(NOW - 200_000).toISOString() }),
      makeCall(3, { status: 'in-progress', ended_at: null, sentiment: 'positive', agent_id: 2 }),
    ];
    const model = wallboard({ entries: [], agents: {}, people, stats: stats({ ai_calls: 4, human_calls: 6, ai_handoffs: 1, handoff_rate: 0.25, service_level: 0.9 }), liveCalls: calls, now: NOW });
    expect(model.alerts.map((a) => [a.call.id, a.agentName, a.elapsedSeconds])).toEqual([
      [2, null, 200],
      [1, 'Alice', 60],
    ]);
    expect(model.kpis).toMatchObject({ aiCalls: 4, humanCalls: 6, aiHandoffs: 1, handoffRate: 0.25, serviceLevel: 0.9, liveAi: 1, liveHuman: 2 });
  });
});
