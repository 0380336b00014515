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
/** Main → renderer: an OS-wide hotkey was pressed (payload: the action name). */
export const IPC_HOTKEY_CHANNEL = 'earshot:hotkey';
/** Renderer → main: the OS-wide hotkeys to register now (payload: GlobalHotkeyBinding[]). */
export const IPC_SET_HOTKEYS_CHANNEL = 'earshot:set-hotkeys';

/** One OS-wide hotkey: an action name and its chord in the `aria-keyshortcuts` syntax. */
export interface GlobalHotkeyBinding {
  action: string;
  chord: string;
}

/** What the preload exposes on `window.earshot`: one typed function per contract entry. */
export const PRELOAD_GLOBAL = 'earshot';

export type PreloadApi = { [M in CoreMethod]: (arg: CoreArg<M>) => Promise<CoreResult<M>> } & {
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  onMediaRequest(listener: (request: MediaRequest) => void): () => void;
  /** tel:/sip: URLs handed to the desktop app; the console asks the agent before dialling. */
  onDialRequest(listener: (url: string) => void): () => void;
  /** OS-wide hotkeys pressed while the console was in the background. */
  onHotkey(listener: (action: string) => void): () => void;
  /** Replaces the OS-wide hotkeys the desktop app registers. */
  setGlobalHotkeys(bindings: GlobalHotkeyBinding[]): void;
};
