// This computer's hotkeys: the registry's defaults with the person's changes, kept in
// localStorage (like preferences.ts). One store for the whole page, made on first use.
import { createStore } from 'zustand/vanilla';
import { clashFor, DEFAULT_HOTKEYS, normalizeChord, overridesOf, resolveHotkeys, type Clash, type HotkeyAction, type HotkeyMap } from './hotkey-registry.ts';

export const HOTKEYS_KEY = 'earshot.hotkeys';

export interface HotkeysState {
  map: HotkeyMap;
  /** Gives `action` this one chord; returns the clash instead when it would collide. */
  assign(action: HotkeyAction, chord: string): Clash | null;
  /** Back to the defaults; returns the clash when another action took one of them meanwhile. */
  reset(action: HotkeyAction): Clash | null;
}

function read(): HotkeyMap {
  try {
    const raw = localStorage.getItem(HOTKEYS_KEY);
    return resolveHotkeys(raw ? JSON.parse(raw) : null);
  } catch {
    // storage disabled or unreadable: the defaults
    return DEFAULT_HOTKEYS;
  }
}

function write(map: HotkeyMap): void {
  try {
    localStorage.setItem(HOTKEYS_KEY, JSON.stringify(overridesOf(map)));
  } catch {
    // storage disabled: the change lasts until reload
  }
}

export function createHotkeysStore() {
  return createStore<HotkeysState>()((set, get) => ({
    map: read(),
    assign(action, chord) {
      const clash = clashFor(get().map, action, chord);
      if (clash) return clash;
      const map = { ...get().map, [action]: [normalizeChord(chord) as string] };
      write(map);
      set({ map });
      return null;
    },
    reset(action) {
      const candidate = { ...get().map, [action]: DEFAULT_HOTKEYS[action] };
      for (const chord of DEFAULT_HOTKEYS[action]) {
        const clash = clashFor(candidate, action, chord);
        if (clash) return clash;
      }
      write(candidate);
      set({ map: candidate });
      return null;
    },
  }));
}

export type HotkeysStore = ReturnType<typeof createHotkeysStore>;

let shared: HotkeysStore | null = null;

export function hotkeysStore(): HotkeysStore {
  shared ??= createHotkeysStore();
  return shared;
}

/** The hotkeys in force now. */
export const currentHotkeys = (): HotkeyMap => hotkeysStore().getState().map;
