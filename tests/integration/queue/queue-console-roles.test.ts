// Who may change what from a console: a supervisor sets another agent's status (and every
// console hears it) and tunes the queue policy; an agent changes only their own status and
// cannot touch the policy. Over the real console service, store and queue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleAgent, signInConsole, startApiHarness, type ApiHarness, type HarnessConsole } from '../../support/api-harness.ts';

type Console = HarnessConsole;

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('queue console methods by role', () => {
  let h: ApiHarness;
  let alice: Console;
  let sue: Console;

  const signIn = async (name: string, username: string, role: 'agent' | 'supervisor' | 'admin') => signInConsole(h, username, await createConsoleAgent(h, name, username, { role }));

  beforeEach(async () => {
    h = await startApiHarness();
    alice = await signIn('Alice Agent', 'alice', 'agent');
    sue = await signIn('Sue Supervisor', 'sue', 'supervisor');
  });

  afterEach(async () => {
    alice.close();
    sue.close();
    await h.close();
  });

  it("a supervisor sets another agent's status with a reason; the agent's console hears it; the history names the supervisor", async () => {
    expect((await h.req('GET', `/api/v1/agents/${alice.agentId}/status`)).json()).toMatchObject({ status: 'available' });
    alice.events.length = 0;
    const state = await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'away', reason: 'training' });
    expect(state).toMatchObject({ agent_id: alice.agentId, status: 'away', status_reason: 'training' });
    await settle();
    const heard = alice.events.map((e) => e.event).filter((e) => e.type === 'agent.status' && e.state.agent_id === alice.agentId);
    expect(heard.at(-1)).toMatchObject({ state: { status: 'away', status_reason: 'training' } });
    const history = (await h.req('GET', `/api/v1/agents/${alice.agentId}/status/history`)).json();
    expect(JSON.stringify(history)).toContain(`agent:${sue.agentId}`);

    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'available' });
    expect((await h.req('GET', `/api/v1/agents/${alice.agentId}/status`)).json()).toMatchObject({ status: 'available' });
    await sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'offline' });
    expect((await h.req('GET', `/api/v1/agents/${alice.agentId}/status`)).json()).toMatchObject({ status: 'offline' });
  });

  it("an agent changes only their own status: another's is refused with 403, and a reason goes with away only", async () => {
    await expect(alice.call('setAgentStatus', { agent_id: sue.agentId, status: 'available' })).rejects.toMatchObject({ statusCode: 403, message: expect.stringMatching(/supervisor or admin/) });
    expect(await alice.call('setAgentStatus', { agent_id: alice.agentId, status: 'away', reason: 'lunch' })).toMatchObject({ status: 'away', status_reason: 'lunch' });
    await expect(sue.call('setAgentStatus', { agent_id: alice.agentId, status: 'available', reason: 'lunch' })).rejects.toMatchObject({ statusCode: 400 });
    await expect(sue.call('setAgentStatus', { agent_id: 99_999, status: 'available' })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a supervisor changes the queue policy, every console hears it; out of range is refused with the range; an agent is refused', async () => {
    alice.events.length = 0;
    expect(await sue.call('setQueueSettings', { wrap_up_seconds: 45, away_on_missed_offer: false })).toMatchObject({ wrap_up_seconds: 45, away_on_missed_offer: false });
    await settle();
    expect(alice.events.map((e) => e.event).find((e) => e.type === 'queue.settings')).toMatchObject({ settings: { wrap_up_seconds: 45 } });
    expect((await h.req('GET', '/api/v1/queue/settings')).json()).toMatchObject({ wrap_up_seconds: 45, away_on_missed_offer: false });

    await expect(sue.call('setQueueSettings', { wrap_up_seconds: 3601 })).rejects.toMatchObject({ statusCode: 400, message: 'wrap_up_seconds: a whole number of seconds from 0 to 3600' });
    await expect(sue.call('setQueueSettings', { offer_timeout_seconds: 2 })).rejects.toMatchObject({ statusCode: 400, message: 'offer_timeout_seconds: a whole number of seconds from 3 to 600' });
    await expect(sue.call('setQueueSettings', { wrap_up_seconds: 2.5 })).rejects.toMatchObject({ statusCode: 400 });
    await expect(sue.call('setQueueSettings', {})).rejects.toMatchObject({ statusCode: 400 });
    await expect(alice.call('setQueueSettings', { wrap_up_seconds: 5 })).rejects.toMatchObject({ statusCode: 403, message: expect.stringMatching(/supervisor or admin/) });
    expect((await h.req('GET', '/api/v1/queue/settings')).json()).toMatchObject({ wrap_up_seconds: 45 });
  });
});
