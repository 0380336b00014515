import type { ConnectionState, CoreArg, CoreMethod, CoreResult } from './core-client.ts';
import type { EventEnvelope } from './domain-events.ts';
import type { MediaRequest } from './media-bridge.ts';

/** IPC channel for one core request; the main process accepts only these. */
export const ipcChannel = (method: CoreMethod): string => `earshot:${method}`;

/** Main → renderer push channels. */
export const IPC_EVENT_CHANNEL = 'earshot:event';
export const IPC_CONNECTION_CHANNEL = 'earshot:connection';
export const IPC_MEDIA_CHANNEL = 'earshot:media';
/** A tel:/sip: URL the desktop app was opened with (click-to-dial from another program). */
export const IPC_DIAL_CHANNEL = 'earshot:dial';

/** What the preload exposes on `window.earshot`: one typed function per contract entry. */
export const PRELOAD_GLOBAL = 'earshot';

export type PreloadApi = { [M in CoreMethod]: (arg: CoreArg<M>) => Promise<CoreResult<M>> } & {
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  onMediaRequest(listener: (request: MediaRequest) => void): () => void;
  /** tel:/sip: URLs handed to the desktop app; the console asks the agent before dialling. */
  onDialRequest(listener: (url: string) => void): () => void;
};
