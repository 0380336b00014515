// Runs in: Electron main. Core requests over IPC, one console connection per web contents,
// domain events, media requests and connection state pushed back to the page.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CORE_METHODS } from '../../shared/contracts/core-client.ts';
import type { ConnectionState, CoreMethod } from '../../shared/contracts/core-client.ts';
import { IPC_CONNECTION_CHANNEL, IPC_EVENT_CHANNEL, IPC_MEDIA_CHANNEL, ipcChannel } from '../../shared/contracts/ipc.ts';
import type { EventEnvelope } from '../../shared/contracts/domain-events.ts';
import type { ConsoleConnection, Core } from '../core/core.types.ts';
import { errorBody, toCoreErrorBody } from './core-error.ts';
import { encodeIpcError } from '../../shared/contracts/ipc-error.ts';
import type { SenderEvent } from './sender-validator.ts';

export type BridgedContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once' | 'on'>;
type CoreLike = Pick<Core, 'console'>;

export interface IpcBridgeDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Resolves once the core is up; rejects if it failed to start. */
  core: Promise<CoreLike>;
  isTrustedSender(event: SenderEvent): boolean;
  /** Every event pushed to a window, for main-process reactions (desktop notifications). */
  onEvent?: (envelope: EventEnvelope) => void;
  log?: (line: string) => void;
}

interface Attached {
  contents: BridgedContents;
  conn: ConsoleConnection;
  /** The session token the current subscription was made with. */
  subscribedToken: string | null;
  unsubscribe: (() => void) | null;
}

export interface IpcBridge {
  /** Starts serving a window's web contents; detaches itself when they are destroyed. */
  attach(contents: BridgedContents): void;
  isAttached(id: number): boolean;
  /** Removes every handler and subscription (quit). */
  dispose(): void;
}

export function createIpcBridge(deps: IpcBridgeDeps): IpcBridge {
  const log = deps.log ?? (() => {});
  const attached = new Map<number, Attached>();
  let state: ConnectionState = 'connecting';
  let core: CoreLike | null = null;

  const push = (entry: Attached, channel: string, payload: unknown): void => {
    if (!entry.contents.isDestroyed()) entry.contents.send(channel, payload);
  };

  /** Follows login and logout: one subscription per signed-in session, none without one. */
  const syncSubscription = (entry: Attached): void => {
    if (!core || entry.conn.sessionToken === entry.subscribedToken) return;
    entry.unsubscribe?.();
    entry.unsubscribe = null;
    entry.subscribedToken = entry.conn.sessionToken;
    if (entry.conn.sessionToken !== null) {
      // The window offers to hold the seat's media: the core sends it SDP and DTMF work.
      entry.unsubscribe = core.console.subscribe(
        entry.conn,
        (envelope) => {
          push(entry, IPC_EVENT_CHANNEL, envelope);
          deps.onEvent?.(envelope);
        },
        undefined,
        (request) => push(entry, IPC_MEDIA_CHANNEL, request),
      );
    }
  };

  const detach = (id: number): void => {
    const entry = attached.get(id);
    if (!entry) return;
    entry.unsubscribe?.();
    attached.delete(id);
  };

  const handle = async (method: CoreMethod, event: IpcMainInvokeEvent, arg: unknown): Promise<unknown> => {
    const entry = attached.get(event.sender.id);
    if (!entry || !deps.isTrustedSender(event)) {
      log(`refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      throw encodeIpcError(errorBody(403, 'This frame may not call the core.', 'untrusted_sender'));
    }
    let ready: CoreLike;
    try {
      ready = await deps.core;
    } catch {
      throw encodeIpcError(errorBody(503, 'The core did not start.', 'core_unavailable'));
    }
    try {
      // The contract types each method's argument; the core validates the value itself.
      return await ready.console.invoke(method, arg as never, entry.conn);
    } catch (err) {
      const body = toCoreErrorBody(err);
      if (body.statusCode >= 500) log(`${method} failed: ${err instanceof Error && err.stack ? err.stack : String(err)}`);
      throw encodeIpcError(body);
    } finally {
      syncSubscription(entry);
    }
  };

  for (const method of CORE_METHODS) {
    deps.ipcMain.handle(ipcChannel(method), (event, arg: unknown) => handle(method, event, arg));
  }

  deps.core.then(
    (ready) => {
      core = ready;
      state = 'connected';
      for (const entry of attached.values()) {
        syncSubscription(entry);
        push(entry, IPC_CONNECTION_CHANNEL, state);
      }
    },
    () => {
      state = 'disconnected';
      for (const entry of attached.values()) push(entry, IPC_CONNECTION_CHANNEL, state);
    },
  );

  return {
    attach(contents) {
      if (attached.has(contents.id)) return;
      const entry: Attached = { contents, conn: { sessionToken: null }, subscribedToken: null, unsubscribe: null };
      attached.set(contents.id, entry);
      const { id } = contents;
      // A reload keeps the connection (and its session); the fresh page needs the state again.
      contents.on('did-finish-load', () => push(entry, IPC_CONNECTION_CHANNEL, state));
      contents.once('destroyed', () => detach(id));
    },
    isAttached: (id) => attached.has(id),
    dispose() {
      for (const method of CORE_METHODS) deps.ipcMain.removeHandler(ipcChannel(method));
      for (const id of [...attached.keys()]) detach(id);
    },
  };
}
