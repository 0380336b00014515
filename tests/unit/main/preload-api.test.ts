import type { IpcRendererEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { CORE_METHODS } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { IPC_CONNECTION_CHANNEL, IPC_EVENT_CHANNEL, IPC_MEDIA_CHANNEL, ipcChannel } from '../../../shared/contracts/ipc.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import { decodeIpcError, encodeIpcError } from '../../../shared/contracts/ipc-error.ts';
import { createPreloadApi } from '../../../electron/preload/bridge-api.ts';
import type { IpcRendererLike } from '../../../electron/preload/bridge-api.ts';

type Listener = (event: IpcRendererEvent, payload: unknown) => void;

class FakeIpcRenderer {
  readonly invoked: Array<{ channel: string; arg: unknown }> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  reply: (channel: string, arg: unknown) => Promise<unknown> = (channel, arg) => Promise.resolve({ channel, arg });

  invoke(channel: string, arg: unknown): Promise<unknown> {
    this.invoked.push({ channel, arg });
    return this.reply(channel, arg);
  }
  on(channel: string, l: Listener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(l);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, l: Listener): this {
    this.listeners.get(channel)?.delete(l);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    const event = { sender: this } as unknown as IpcRendererEvent;
    for (const l of this.listeners.get(channel) ?? []) l(event, payload);
  }
}

const setup = () => {
  const ipc = new FakeIpcRenderer();
  const api = createPreloadApi(ipc as unknown as IpcRendererLike);
  return { ipc, api };
};

describe('preload API', () => {
  it('exposes one function per core method plus onEvent/onConnection/onMediaRequest/onDialRequest/onHotkey/setGlobalHotkeys, and nothing else', () => {
    const { api } = setup();
    expect(Object.keys(api).sort()).toEqual([...CORE_METHODS, 'onConnection', 'onDialRequest', 'onEvent', 'onMediaRequest', 'onHotkey', 'setGlobalHotkeys'].sort());
    for (const key of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('invokes the method’s channel with its argument', async () => {
    const { ipc, api } = setup();
    await expect(api.getCall({ id: 3 })).resolves.toEqual({ channel: ipcChannel('getCall'), arg: { id: 3 } });
    await api.session(undefined);
    expect(ipc.invoked).toEqual([
      { channel: 'earshot:getCall', arg: { id: 3 } },
      { channel: 'earshot:session', arg: undefined },
    ]);
  });

  it('rejects with a decodable CoreError when the main process sends one', async () => {
    const { ipc, api } = setup();
    const body = { statusCode: 401, error: 'Unauthorized', message: 'bad login', code: 'unauthorized' };
    ipc.reply = () => Promise.reject(new Error(`Error invoking remote method 'earshot:login': ${String(encodeIpcError(body))}`));
    const err = await api.login({ username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CoreError', statusCode: 401, code: 'unauthorized' });
    expect(decodeIpcError((err as Error).message)).toEqual(body);
  });

  it('delivers events without the IPC event object, until unsubscribed', () => {
    const { ipc, api } = setup();
    const got: unknown[][] = [];
    const off = api.onEvent((...args: unknown[]) => got.push(args));
    const env = { seq: 1 } as unknown as EventEnvelope;
    ipc.emit(IPC_EVENT_CHANNEL, env);
    off();
    ipc.emit(IPC_EVENT_CHANNEL, env);
    expect(got).toEqual([[env]]);
    expect(ipc.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('delivers media requests from their own channel, until unsubscribed', async () => {
    const { ipc, api } = setup();
    const got: unknown[][] = [];
    const off = api.onMediaRequest((...args: unknown[]) => got.push(args));
    const req: MediaRequest = { op: 'dtmf', request_id: 'r2', line_id: 'L1', tones: '12#', duration_ms: 100, gap_ms: 70 };
    ipc.emit(IPC_MEDIA_CHANNEL, req);
    ipc.emit(IPC_EVENT_CHANNEL, { seq: 1 });
    off();
    ipc.emit(IPC_MEDIA_CHANNEL, req);
    expect(got).toEqual([[req]]);
    await api.mediaReply({ request_id: 'r2', ok: true, sent: true });
    expect(ipc.invoked.at(-1)).toEqual({ channel: 'earshot:mediaReply', arg: { request_id: 'r2', ok: true, sent: true } });
  });

  it('replays the last connection state to a late listener', () => {
    const { ipc, api } = setup();
    ipc.emit(IPC_CONNECTION_CHANNEL, 'connected');
    const states: string[] = [];
    const off = api.onConnection((s) => states.push(s));
    ipc.emit(IPC_CONNECTION_CHANNEL, 'disconnected');
    off();
    ipc.emit(IPC_CONNECTION_CHANNEL, 'connected');
    expect(states).toEqual(['connected', 'disconnected']);
  });
});
