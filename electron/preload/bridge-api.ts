// Runs in: the sandboxed preload (and unit tests). Builds the typed surface the page gets;
// takes ipcRenderer as a parameter so it can be tested without Electron.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { CORE_METHODS } from '../../shared/contracts/core-client.ts';
import type { ConnectionState, CoreMethod } from '../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../shared/contracts/domain-events.ts';
import { IPC_CONNECTION_CHANNEL, IPC_DIAL_CHANNEL, IPC_EVENT_CHANNEL, IPC_HOTKEY_CHANNEL, IPC_MEDIA_CHANNEL, IPC_SET_HOTKEYS_CHANNEL, ipcChannel } from '../../shared/contracts/ipc.ts';
import type { MediaRequest } from '../../shared/contracts/media-bridge.ts';
import type { GlobalHotkeyBinding, PreloadApi } from '../../shared/contracts/ipc.ts';
import { IPC_ERROR_MARKER, decodeIpcError } from '../../shared/contracts/ipc-error.ts';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

/** What a rejected call carries in the preload; past contextBridge only `message` survives. */
export interface CoreCallError extends Error {
  statusCode: number;
  error: string;
  code?: string;
}

/**
 * Rebuilds the error the main process encoded. The message stays in its encoded form
 * (`earshot-core-error:{json}`, Electron's "Error invoking remote method …" prefix removed),
 * because contextBridge copies only an Error's message to the page: the renderer's IPC client
 * decodes it again. Errors without a body (IPC failures) pass through unchanged.
 */
export function reviveIpcError(err: unknown): unknown {
  const body = decodeIpcError(err);
  if (!body) return err;
  const revived = new Error(IPC_ERROR_MARKER + JSON.stringify(body)) as CoreCallError;
  revived.name = 'CoreError';
  revived.statusCode = body.statusCode;
  revived.error = body.error;
  if (body.code !== undefined) revived.code = body.code;
  return revived;
}

function subscribe<T>(ipc: IpcRendererLike, channel: string, listener: (payload: T) => void): () => void {
  // The page's listener never sees the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer).
  const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipc.on(channel, wrapped);
  return () => {
    ipc.removeListener(channel, wrapped);
  };
}

export function createPreloadApi(ipc: IpcRendererLike): PreloadApi {
  const call =
    (method: CoreMethod) =>
    async (arg: unknown): Promise<unknown> => {
      try {
        return await ipc.invoke(ipcChannel(method), arg);
      } catch (err) {
        throw reviveIpcError(err);
      }
    };
  // The main process may announce the state before the page subscribes: remember the last one
  // and hand it to each new listener straight away.
  let lastState: ConnectionState | null = null;
  subscribe<ConnectionState>(ipc, IPC_CONNECTION_CHANNEL, (state) => {
    lastState = state;
  });
  const methods = Object.fromEntries(CORE_METHODS.map((m) => [m, call(m)]));
  return {
    ...methods,
    onEvent: (listener: (envelope: EventEnvelope) => void) => subscribe(ipc, IPC_EVENT_CHANNEL, listener),
    onMediaRequest: (listener: (request: MediaRequest) => void) => subscribe(ipc, IPC_MEDIA_CHANNEL, listener),
    onDialRequest: (listener: (url: string) => void) => subscribe(ipc, IPC_DIAL_CHANNEL, listener),
    onHotkey: (listener: (action: string) => void) => subscribe(ipc, IPC_HOTKEY_CHANNEL, listener),
    setGlobalHotkeys: (bindings: GlobalHotkeyBinding[]) => ipc.send(IPC_SET_HOTKEYS_CHANNEL, bindings),
    onConnection: (listener: (state: ConnectionState) => void) => {
      const unsubscribe = subscribe(ipc, IPC_CONNECTION_CHANNEL, listener);
      if (lastState !== null) listener(lastState);
      return unsubscribe;
    },
  } as PreloadApi;
}
