// Picks the transport: the Electron preload bridge when present, else HTTP + WebSocket to the hub.
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import { PRELOAD_GLOBAL, type PreloadApi } from '../../../shared/contracts/ipc.ts';
import { createIpcClient } from './ipc.ts';
import { createWebClient } from './web.ts';

export type { CoreClient } from '../../../shared/contracts/core-client.ts';
export { CoreError } from './core-error.ts';

export function createCoreClient(): CoreClient {
  const bridge = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  return bridge ? createIpcClient(bridge) : createWebClient();
}
