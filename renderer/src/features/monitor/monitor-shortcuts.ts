// Pure: the supervisor's in-page hotkeys on the call followed in the live-calls view. Alt+letter
// by physical key, like the softphone's (shortcuts.ts), on letters it leaves free.
import type { KeyLike } from '../softphone/shortcuts.ts';

export const MONITOR_SHORTCUTS = ['listen', 'whisper', 'barge', 'take-over', 'stop'] as const;
export type MonitorShortcut = (typeof MONITOR_SHORTCUTS)[number];

/** Chords in the `aria-keyshortcuts` syntax. */
export const MONITOR_SHORTCUT_KEYS: Record<MonitorShortcut, string> = {
  listen: 'Alt+L',
  whisper: 'Alt+W',
  barge: 'Alt+B',
  'take-over': 'Alt+T',
  stop: 'Alt+S',
};

const CODES: Record<string, MonitorShortcut> = { KeyL: 'listen', KeyW: 'whisper', KeyB: 'barge', KeyT: 'take-over', KeyS: 'stop' };

export function monitorShortcutFor(e: KeyLike): MonitorShortcut | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return CODES[e.code] ?? null;
}
