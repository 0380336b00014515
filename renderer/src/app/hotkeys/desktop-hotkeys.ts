// The desktop app's OS-wide hotkeys: hands the main process the configured chords of the actions
// that make sense in the background, and passes its presses to whoever listens in the page.
import type { GlobalHotkeyBinding, PreloadApi } from '../../../../shared/contracts/ipc.ts';
import { GLOBAL_HOTKEY_ACTIONS, HOTKEY_ACTIONS, type HotkeyAction, type HotkeyMap } from './hotkey-registry.ts';
import type { HotkeysStore } from './hotkeys.store.ts';

type Listener = (action: HotkeyAction) => void;
const listeners = new Set<Listener>();

/** Runs `listener` for each OS-wide press; returns the unsubscribe. */
export function onGlobalHotkey(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function globalBindings(map: HotkeyMap): GlobalHotkeyBinding[] {
  return GLOBAL_HOTKEY_ACTIONS.flatMap((action) => map[action].map((chord) => ({ action, chord })));
}

export function connectDesktopHotkeys(api: Pick<PreloadApi, 'onHotkey' | 'setGlobalHotkeys'>, store: HotkeysStore): void {
  api.onHotkey((action) => {
    if (!(HOTKEY_ACTIONS as readonly string[]).includes(action)) return;
    for (const listener of listeners) listener(action as HotkeyAction);
  });
  api.setGlobalHotkeys(globalBindings(store.getState().map));
  store.subscribe((s, prev) => {
    if (s.map !== prev.map) api.setGlobalHotkeys(globalBindings(s.map));
  });
}
