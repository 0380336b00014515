// Electron transport: the preload exposes one typed function per core method on `window.earshot`.
import type { ConnectionState, CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { PreloadApi } from '../../../shared/contracts/ipc.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import { decodeIpcError, isCoreErrorBody } from '../../../shared/contracts/ipc-error.ts';
import { CoreError, toCoreError } from './core-error.ts';

/** A rejection from the preload carries the core's error body (see shared/contracts/ipc-error.ts). */
export function ipcErrorToCoreError(reason: unknown): CoreError {
  if (reason instanceof CoreError) return reason;
  if (isCoreErrorBody(reason)) return toCoreError(reason);
  const body = decodeIpcError(reason);
  return toCoreError(body ?? reason);
}

/**
 * The preload pushes connection changes when the main process knows of any; the core runs in
 * the same process, so until it says otherwise a successful request means "connected".
 */
export function createIpcClient(api: PreloadApi): CoreClient {
  let state: ConnectionState = 'connecting';
  let pushed = false;
  const listeners = new Set<(state: ConnectionState) => void>();
  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  api.onConnection((next) => {
    pushed = true;
    setState(next);
  });

  return {
    async call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
      const fn = api[method] as (a: CoreArg<M>) => Promise<CoreResult<M>>;
      try {
        const result = await fn(arg);
        if (!pushed) setState('connected');
        return result;
      } catch (reason) {
        throw ipcErrorToCoreError(reason);
      }
    },
    onEvent(listener: (envelope: EventEnvelope) => void): () => void {
      return api.onEvent(listener);
    },
    onMediaRequest(listener: (request: MediaRequest) => void): () => void {
      return api.onMediaRequest(listener);
    },
    onConnection(listener: (state: ConnectionState) => void): () => void {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
  };
}
