import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CORE_METHODS } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { IPC_CONNECTION_CHANNEL, IPC_EVENT_CHANNEL, IPC_MEDIA_CHANNEL, ipcChannel } from '../../../shared/contracts/ipc.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import type { ConsoleConnection, ConsoleService, Core } from '../../../electron/core/core.types.ts';
import { CoreError } from '../../../electron/core/errors.ts';
import { createIpcBridge } from '../../../electron/main/ipc-bridge.ts';
import type { BridgedContents } from '../../../electron/main/ipc-bridge.ts';
import { decodeIpcError } from '../../../shared/contracts/ipc-error.ts';
import { isTrustedSender } from '../../../electron/main/sender-validator.ts';
import { APP_URL, FakeWebContents, invokeEvent } from './fakes.ts';

type Handler = (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>;

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  call(channel: string, event: IpcMainInvokeEvent, arg?: unknown): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, arg);
  }
}

/** A console service that logs in anyone and keeps subscribers, like the real one's contract. */
function fakeConsole() {
  const listeners = new Set<(env: EventEnvelope) => void>();
  const mediaHolders = new Set<(req: MediaRequest) => void>();
  let tokens = 0;
  const invoke = vi.fn(async (method: string, arg: unknown, conn: ConsoleConnection): Promise<unknown> => {
    if (method === 'login') {
      conn.sessionToken = `t${++tokens}`;
      return { agent: { id: 'a1' }, tenant_id: 'default', expires_at: 'later' };
    }
    if (method === 'logout') {
      conn.sessionToken = null;
      return { ok: true };
    }
    if (method === 'getCall') throw new CoreError(404, 'not_found', 'call not found');
    if (method === 'listAgents') throw new Error('disk on fire');
    return { method, arg };
  });
  const subscribe = vi.fn(
    (conn: ConsoleConnection, listener: (env: EventEnvelope) => void, _onSessionEnd?: () => void, onMediaRequest?: (req: MediaRequest) => void) => {
      if (conn.sessionToken === null) return () => {};
      listeners.add(listener);
      if (onMediaRequest) mediaHolders.add(onMediaRequest);
      return () => {
        listeners.delete(listener);
        if (onMediaRequest) mediaHolders.delete(onMediaRequest);
      };
    },
  );
  const media = (req: MediaRequest): void => {
    for (const h of mediaHolders) h(req);
  };
  const emit = (env: EventEnvelope): void => {
    for (const l of listeners) l(env);
  };
  const service = { invoke, subscribe } as unknown as ConsoleService;
  return { service, invoke, subscribe, emit, media, listeners, mediaHolders };
}

function setup(core?: Promise<Pick<Core, 'console'>>) {
  const ipcMain = new FakeIpcMain();
  const console = fakeConsole();
  const corePromise = core ?? Promise.resolve({ console: console.service });
  const bridge = createIpcBridge({
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
    core: corePromise,
    isTrustedSender: (event) =>
      isTrustedSender({ isAppUrl: (url) => url === APP_URL, isOurContents: (id) => bridge.isAttached(id) }, event),
  });
  const contents = new FakeWebContents(1);
  bridge.attach(contents as unknown as BridgedContents);
  return { ipcMain, console, bridge, contents };
}

const envelope = (seq: number): EventEnvelope => ({
  seq,
  at: '2025-01-01T00:00:00Z',
  tenant_id: 'default',
  event: { type: 'status.changed', status: {} as never },
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('IPC bridge', () => {
  it('registers exactly one handler per CORE_METHODS entry', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CORE_METHODS.map((m) => ipcChannel(m)).sort());
  });

  it('passes a trusted call to the core with the window’s connection', async () => {
    const { ipcMain, console, contents } = setup();
    const result = await ipcMain.call(ipcChannel('listCalls'), invokeEvent(contents), { limit: 5 });
    expect(result).toEqual({ method: 'listCalls', arg: { limit: 5 } });
    expect(console.invoke).toHaveBeenCalledWith('listCalls', { limit: 5 }, { sessionToken: null });
  });

  it('keeps one connection per web contents across calls', async () => {
    const { ipcMain, console, contents } = setup();
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    await ipcMain.call(ipcChannel('session'), invokeEvent(contents));
    const conns = console.invoke.mock.calls.map((c) => c[2]);
    expect(conns[0]).toBe(conns[1]);
    expect(conns[1]).toEqual({ sessionToken: 't1' });
  });

  it('rejects a bad sender without calling the core', async () => {
    const { ipcMain, console, contents } = setup();
    const cases = [
      invokeEvent(contents, 'https://evil.example/'),
      invokeEvent(contents, APP_URL, true),
      invokeEvent({ id: 99 }, APP_URL),
      { sender: contents, senderFrame: null } as unknown as IpcMainInvokeEvent,
    ];
    for (const event of cases) {
      const err = await rejection(ipcMain.call(ipcChannel('login'), event, { username: 'a', password: 'b' }));
      expect(decodeIpcError(err)).toMatchObject({ statusCode: 403, code: 'untrusted_sender' });
    }
    expect(console.invoke).not.toHaveBeenCalled();
  });

  it('sends core errors as encoded CoreErrorBody', async () => {
    const { ipcMain, contents } = setup();
    const err = await rejection(ipcMain.call(ipcChannel('getCall'), invokeEvent(contents), { id: 4 }));
    expect(err).toBeInstanceOf(Error);
    expect(decodeIpcError(err)).toEqual({ statusCode: 404, error: 'Not Found', message: 'call not found', code: 'not_found' });
  });

  it('hides unexpected errors behind a 500', async () => {
    const { ipcMain, contents } = setup();
    const err = await rejection(ipcMain.call(ipcChannel('listAgents'), invokeEvent(contents)));
    expect(decodeIpcError(err)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal error', code: 'internal' });
  });

  it('subscribes to events after login, follows re-login, stops on logout', async () => {
    const { ipcMain, console, contents } = setup();
    await Promise.resolve();
    console.emit(envelope(1));
    expect(contents.sent.filter((s) => s.channel === IPC_EVENT_CHANNEL)).toHaveLength(0);

    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    console.emit(envelope(2));
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'c', password: 'd' });
    expect(console.listeners.size).toBe(1);
    console.emit(envelope(3));
    await ipcMain.call(ipcChannel('logout'), invokeEvent(contents));
    console.emit(envelope(4));

    const seqs = contents.sent.filter((s) => s.channel === IPC_EVENT_CHANNEL).map((s) => (s.payload as EventEnvelope).seq);
    expect(seqs).toEqual([2, 3]);
    expect(console.subscribe).toHaveBeenCalledTimes(2);
    expect(console.listeners.size).toBe(0);
  });

  it('offers to hold the seat’s media and pushes media requests on their own channel', async () => {
    const { ipcMain, console, contents } = setup();
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    expect(console.mediaHolders.size).toBe(1);
    const req: MediaRequest = { op: 'local', request_id: 'r1', line_id: 'L1', hold: false };
    console.media(req);
    console.emit(envelope(5));
    expect(contents.sent.filter((s) => s.channel === IPC_MEDIA_CHANNEL)).toEqual([{ channel: IPC_MEDIA_CHANNEL, payload: req }]);
    expect(contents.sent.filter((s) => s.channel === IPC_EVENT_CHANNEL)).toHaveLength(1);

    await ipcMain.call(ipcChannel('logout'), invokeEvent(contents));
    expect(console.mediaHolders.size).toBe(0);
    contents.destroyed = true;
    console.media(req);
    expect(contents.sent.filter((s) => s.channel === IPC_MEDIA_CHANNEL)).toHaveLength(1);
  });

  it('unsubscribes and forgets the window when its contents are destroyed', async () => {
    const { ipcMain, console, contents, bridge } = setup();
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    expect(console.listeners.size).toBe(1);
    contents.destroy();
    expect(console.listeners.size).toBe(0);
    expect(bridge.isAttached(1)).toBe(false);
    const err = await rejection(ipcMain.call(ipcChannel('session'), invokeEvent(contents)));
    expect(decodeIpcError(err)?.statusCode).toBe(403);
  });

  it('announces connected once the core is up, and again after each page load', async () => {
    let resolve!: (core: Pick<Core, 'console'>) => void;
    const pending = new Promise<Pick<Core, 'console'>>((r) => (resolve = r));
    const { contents, console } = setup(pending);
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: IPC_CONNECTION_CHANNEL, payload: 'connecting' }]);
    resolve({ console: console.service });
    await pending;
    await Promise.resolve();
    contents.emit('did-finish-load');
    expect(contents.sent.map((s) => s.payload)).toEqual(['connecting', 'connected', 'connected']);
  });

  it('waits for a starting core, and answers 503 if it failed', async () => {
    const failed = Promise.reject(new Error('database is from the future'));
    const { ipcMain, contents } = setup(failed);
    const err = await rejection(ipcMain.call(ipcChannel('status'), invokeEvent(contents)));
    expect(decodeIpcError(err)).toMatchObject({ statusCode: 503, code: 'core_unavailable' });
    expect(contents.sent).toEqual([{ channel: IPC_CONNECTION_CHANNEL, payload: 'disconnected' }]);
  });

  it('dispose removes every handler and subscription', async () => {
    const { ipcMain, console, contents, bridge } = setup();
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    bridge.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(console.listeners.size).toBe(0);
  });

  it('does not send to destroyed contents', async () => {
    const { ipcMain, console, contents } = setup();
    await ipcMain.call(ipcChannel('login'), invokeEvent(contents), { username: 'a', password: 'b' });
    contents.destroyed = true;
    const before = contents.sent.length;
    console.emit(envelope(9));
    expect(contents.sent.length).toBe(before);
  });
});
