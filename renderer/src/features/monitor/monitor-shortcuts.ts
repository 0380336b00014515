// Pure: the supervisor's in-page hotkeys on the call followed in the live-calls view. Alt+letter
// by physical key by default, like the softphone's, on letters it leaves free; chords come from
// the hotkey registry as configured on this computer.
import { actionFor, chordLabel, DEFAULT_HOTKEYS, type HotkeyMap, type KeyLike } from '../../app/hotkeys/hotkey-registry.ts';
import { currentHotkeys } from '../../app/hotkeys/hotkeys.store.ts';

export const MONITOR_SHORTCUTS = ['listen', 'whisper', 'barge', 'take-over', 'stop'] as const;
export type MonitorShortcut = (typeof MONITOR_SHORTCUTS)[number];

/** The default chords in the `aria-keyshortcuts` syntax. */
export const MONITOR_SHORTCUT_KEYS: Record<MonitorShortcut, string> = Object.fromEntries(MONITOR_SHORTCUTS.map((a) => [a, DEFAULT_HOTKEYS[a][0]])) as Record<
  MonitorShortcut,
  string
>;

export function monitorShortcutFor(e: KeyLike, map: HotkeyMap = currentHotkeys()): MonitorShortcut | null {
  return actionFor(map, MONITOR_SHORTCUTS, e);
}

/** As people read it, for tooltips. */
export const monitorShortcutLabel = (action: MonitorShortcut, map: HotkeyMap = currentHotkeys()): string => map[action].map(chordLabel).join(', ');

/** The `aria-keyshortcuts` value. */
export const monitorAriaShortcut = (action: MonitorShortcut, map: HotkeyMap = currentHotkeys()): string => map[action].join(' ');
