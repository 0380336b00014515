import { describe, expect, it } from 'vitest';
import { CORE_METHODS, type ConnectionState } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { PreloadApi } from '../../../shared/contracts/ipc.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { encodeIpcError } from '../../../shared/contracts/ipc-error.ts';
import { createIpcClient, ipcErrorToCoreError } from '../../../renderer/src/client/ipc.ts';
import { FakeCoreClient, makeAgent } from './fake-core-client.ts';

/** A preload bridge over the in-memory core, shaped exactly like `window.earshot`. */
function bridgeOver(core: FakeCoreClient) {
  const connection = new Set<(s: ConnectionState) => void>();
  const api: PreloadApi = {
    ...(Object.fromEntries(CORE_METHODS.map((m) => [m, (a: unknown) => core.call(m, a as never)])) as Omit<PreloadApi, 'onMediaRequest' | 'onDialRequest' | 'onHotkey' | 'setGlobalHotkeys' | 'onEvent' | 'onConnection'>),
    onMediaRequest: (l) => core.onMediaRequest(l),
    onDialRequest: () => () => undefined,
    onHotkey: () => () => undefined,
    setGlobalHotkeys: () => undefined,
    onEvent: (l: (e: EventEnvelope) => void) => core.onEvent(l),
    onConnection: (l) => {
      connection.add(l);
      return () => connection.delete(l);
    },
  };
  return { api, push: (s: ConnectionState) => connection.forEach((l) => l(s)) };
}

describe('ipc transport', () => {
  it('calls the preload function of the method and reports connected after a reply', async () => {
    const core = new FakeCoreClient();
    core.addUser('alice', 'alicepw123', makeAgent());
    const { api, push } = bridgeOver(core);
    const client = createIpcClient(api);
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    expect(await client.call('session', undefined)).toBeNull();
    expect(states).toEqual(['connecting', 'connected']);
    push('disconnected');
    expect(states.at(-1)).toBe('disconnected');
    await expect(client.call('login', { username: 'alice', password: 'x' })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('passes media requests from the preload through', () => {
    const core = new FakeCoreClient();
    const client = createIpcClient(bridgeOver(core).api);
    const got: unknown[] = [];
    const off = client.onMediaRequest((r) => got.push(r));
    core.requestMedia({ op: 'close', request_id: 'r1', line_id: 'L1' });
    off();
    core.requestMedia({ op: 'close', request_id: 'r2', line_id: 'L1' });
    expect(got).toEqual([{ op: 'close', request_id: 'r1', line_id: 'L1' }]);
  });

  it("recovers a CoreErrorBody from Electron's wrapped rejection message", () => {
    const thrownInMain = encodeIpcError({ statusCode: 401, error: 'Unauthorized', message: 'wrong username or password', code: 'unauthorized' });
    const wrapped = new Error(`Error invoking remote method 'earshot:login': Error: ${thrownInMain.message}`);
    const e = ipcErrorToCoreError(wrapped);
    expect(e).toBeInstanceOf(CoreError);
    expect(e).toMatchObject({ statusCode: 401, message: 'wrong username or password', code: 'unauthorized' });
    expect(ipcErrorToCoreError(new Error('boom'))).toMatchObject({ statusCode: 500, message: 'boom' });
  });
});
