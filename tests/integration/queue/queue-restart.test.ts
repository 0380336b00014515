// The queue is in the store: a hub killed with SIGKILL comes back with every waiting call in
// its place, and the first agent to sign in afterwards gets the one at the head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubApi } from '../../support/hub-api.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';

describe('queue across a hub crash', () => {
  let hub: Hub;
  let alice: ScriptedConsole | null = null;

  const api = hubApi(() => hub);

  beforeAll(async () => {
    hub = await startHub({ renderer: false });
    const created = await api('POST', '/api/v1/agents', { name: 'Alice Agent', login: { username: 'alice', password: 'alice-console' } });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    alice?.close();
    await hub?.dispose();
  });

  it('keeps waiting calls, their order and their call records through kill -9', async () => {
    const ids: number[] = [];
    for (const [from, priority] of [
      ['+15550000001', 5],
      ['+15550000002', 9],
      ['+15550000003', 5],
    ] as const) {
      const res = await api('POST', '/api/v1/queue', { from_number: from, to_number: '100', priority });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    const before = (await api('GET', '/api/v1/queue?state=waiting')).json;
    expect(before.total).toBe(3);

    expect(await hub.kill9()).toMatch(/SIGKILL/);
    await hub.restart();

    const after = (await api('GET', '/api/v1/queue?state=waiting')).json;
    expect(after.entries.map((e: { id: number; position: number }) => [e.id, e.position]).sort((a: number[], b: number[]) => a[1]! - b[1]!)).toEqual([
      [ids[1], 1],
      [ids[0], 2],
      [ids[2], 3],
    ]);
    expect((await api('GET', '/api/v1/queue/status')).json).toMatchObject({ waiting_count: 3 });
    const call = (await api('GET', `/api/v1/calls/${after.entries[0].call_id}`)).json;
    expect(call).toMatchObject({ status: 'queued', handled_by: 'queue' });

    alice = await openScriptedConsole(hub.url, 'alice', 'alice-console');
    await expect.poll(async () => (await api('GET', `/api/v1/queue/${ids[1]}`)).json, { timeout: 5000 }).toMatchObject({ state: 'offered' });
    const accepted = await alice.call<{ state: string }>('acceptOffer', { entry_id: ids[1] });
    expect(accepted.state).toBe('assigned');
    expect((await api('GET', '/api/v1/queue/status')).json).toMatchObject({ waiting_count: 2, assigned_count: 1 });
  });
});
