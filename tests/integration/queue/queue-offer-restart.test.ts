// An offer outlives a hub crash: the agent's console that comes back in time sees the same
// offer and can take it; an agent who does not come back loses it to the queue without it
// counting as a miss (they are not set away).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubApi } from '../../support/hub-api.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';

type Entry = { id: number; state: string; offered_agent_id: number | null; offer_expires_at: string | null; passes: unknown[] };

describe('offers across a hub crash', () => {
  let hub: Hub;
  let alice: ScriptedConsole | null = null;
  let aliceId = 0;

  const api = hubApi(() => hub);

  /** Alice signs in and is offered a fresh inbound call; returns the offered entry. */
  const offeredToAlice = async (): Promise<Entry> => {
    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    const queued = await api('POST', '/api/v1/queue', { from_number: '+15550000001', to_number: '100' });
    expect(queued.status).toBe(201);
    let entry: Entry | null = null;
    await expect
      .poll(async () => {
        entry = (await api('GET', `/api/v1/queue/${queued.json.id}`)).json as Entry;
        return entry;
      }, { timeout: 5000 })
      .toMatchObject({ state: 'offered', offered_agent_id: aliceId });
    return entry!;
  };

  const crash = async () => {
    alice?.close();
    alice = null;
    expect(await hub.kill9()).toMatch(/SIGKILL/);
    await hub.restart();
  };

  beforeEach(async () => {
    hub = await startHub({ renderer: false });
    const created = await api('POST', '/api/v1/agents', { name: 'Alice Agent', login: { username: 'alice', password: 'alice-console' } });
    expect(created.status).toBe(201);
    aliceId = created.json.id;
  });

  afterEach(async () => {
    alice?.close();
    alice = null;
    await hub?.dispose();
  });

  it('keeps an offer still in time for the agent who reconnects, with the same deadline', async () => {
    expect((await api('PATCH', '/api/v1/queue/settings', { offer_timeout_seconds: 60 })).status).toBe(200);
    const offered = await offeredToAlice();
    await crash();

    const after = (await api('GET', `/api/v1/queue/${offered.id}`)).json as Entry;
    expect(after).toMatchObject({ state: 'offered', offered_agent_id: aliceId, offer_expires_at: offered.offer_expires_at });

    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    const snapshot = await alice.call<{ entries: Entry[] }>('queueSnapshot');
    expect(snapshot.entries.find((e) => e.id === offered.id)).toMatchObject({ state: 'offered', offered_agent_id: aliceId });
    const accepted = await alice.call<Entry>('acceptOffer', { entry_id: offered.id });
    expect(accepted.state).toBe('assigned');
  });

  it('gives the offer back to the queue when its agent does not come back, without counting a miss', async () => {
    expect((await api('PATCH', '/api/v1/queue/settings', { offer_timeout_seconds: 6 })).status).toBe(200);
    const offered = await offeredToAlice();
    await crash();

    await expect.poll(async () => (await api('GET', `/api/v1/queue/${offered.id}`)).json, { timeout: 10_000 }).toMatchObject({ state: 'waiting', offered_agent_id: null, passes: [] });
    const agent = (await api('GET', `/api/v1/agents/${aliceId}`)).json;
    expect(agent.status).not.toBe('away');
  });
});
