import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../renderer/src/state/session.store.ts';
import { createStores } from '../../../renderer/src/state/stores.ts';
import { FakeCoreClient, flush, makeAgent, makeCall } from './fake-core-client.ts';

function setup() {
  const client = new FakeCoreClient();
  const alice = makeAgent();
  client.addUser('alice', 'alicepw123', alice);
  return { client, alice };
}

describe('session store', () => {
  it('shows the login screen when there is no session to restore', async () => {
    const { client } = setup();
    const store = createSessionStore(client);
    expect(store.getState().phase).toBe('restoring');
    await store.getState().restore();
    expect(store.getState()).toMatchObject({ phase: 'signed-out', session: null, error: null });
  });

  it('restores an existing session on load', async () => {
    const { client, alice } = setup();
    await client.call('login', { username: 'alice', password: 'alicepw123' });
    const store = createSessionStore(client);
    await store.getState().restore();
    expect(store.getState().phase).toBe('signed-in');
    expect(store.getState().session?.agent.name).toBe(alice.name);
  });

  it('reports wrong credentials as such and stays signed out', async () => {
    const { client } = setup();
    const store = createSessionStore(client);
    await store.getState().restore();
    const ok = await store.getState().login({ username: 'alice', password: 'nope' });
    expect(ok).toBe(false);
    expect(store.getState().phase).toBe('signed-out');
    expect(store.getState().error?.kind).toBe('credentials');
  });

  it('reports an unreachable hub as a connection problem', async () => {
    const { client } = setup();
    const store = createSessionStore(client);
    client.unreachable = true;
    await store.getState().restore();
    expect(store.getState().error?.kind).toBe('network');
    await store.getState().login({ username: 'alice', password: 'alicepw123' });
    expect(store.getState()).toMatchObject({ phase: 'signed-out', error: { kind: 'network' } });
  });

  it('signs in with trimmed username, omits an empty tenant, then signs out', async () => {
    const { client } = setup();
    const store = createSessionStore(client);
    await store.getState().restore();
    expect(await store.getState().login({ username: '  alice ', password: 'alicepw123', tenant_id: ' ' })).toBe(true);
    expect(client.requests.find((r) => r.method === 'login')?.arg).toEqual({ username: 'alice', password: 'alicepw123' });
    expect(store.getState().phase).toBe('signed-in');
    await store.getState().logout();
    expect(store.getState()).toMatchObject({ phase: 'signed-out', session: null });
    expect(client.session).toBeNull();
  });

  it('follows agent.updated for the signed-in agent only', async () => {
    const { client, alice } = setup();
    const store = createSessionStore(client);
    await store.getState().login({ username: 'alice', password: 'alicepw123' });
    client.emit({ type: 'agent.updated', agent: { ...alice, id: 2, status: 'away' } });
    expect(store.getState().session?.agent.status).toBe('available');
    client.emit({ type: 'agent.updated', agent: { ...alice, status: 'busy' } });
    expect(store.getState().session?.agent.status).toBe('busy');
  });
});

describe('store wiring', () => {
  it('loads status, agents and live calls on sign-in and clears them on sign-out', async () => {
    const { client } = setup();
    client.calls = [makeCall(1), makeCall(2, { status: 'in-progress', ended_at: null, duration_seconds: null })];
    const stores = createStores(client);
    await stores.session.getState().restore();
    await stores.session.getState().login({ username: 'alice', password: 'alicepw123' });
    await flush();
    expect(stores.status.getState().status?.sip.state).toBe('no-account');
    expect(stores.agents.getState().agents.map((a) => a.name)).toEqual(['Alice Agent']);
    expect(stores.calls.getState().live.calls.map((c) => c.id)).toEqual([2]);

    await stores.session.getState().logout();
    expect(stores.calls.getState().live.calls).toEqual([]);
    expect(stores.agents.getState().agents).toEqual([]);
    expect(stores.status.getState().status).toBeNull();
  });

  it('ends the session when another request answers 401', async () => {
    const { client } = setup();
    const stores = createStores(client);
    await stores.session.getState().login({ username: 'alice', password: 'alicepw123' });
    await flush();
    client.session = null; // the server forgot us (expired, revoked, restarted)
    await stores.calls.getState().loadHistory();
    expect(stores.session.getState()).toMatchObject({ phase: 'signed-out', error: { kind: 'expired' } });
  });

  it('refreshes what is loaded after a reconnect', async () => {
    const { client } = setup();
    const stores = createStores(client);
    await stores.session.getState().login({ username: 'alice', password: 'alicepw123' });
    await stores.calls.getState().loadHistory();
    client.setConnection('connected');
    client.setConnection('disconnected');
    client.calls = [makeCall(7)]; // created while we were away
    client.setConnection('connected');
    await flush();
    expect(stores.calls.getState().history.items.map((c) => c.id)).toEqual([7]);
  });
});
