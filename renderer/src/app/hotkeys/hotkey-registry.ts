// Pure: every keyboard action of the console with its default chords, and the rules a chord
// must follow. Chords use the `aria-keyshortcuts` syntax ("Alt+H", "Control+Enter"); letters and
// digits match by physical key (`KeyboardEvent.code`), so layouts and macOS Option characters do
// not matter, named keys (Enter, arrows, F-keys) by key or code.

export const HOTKEY_ACTIONS = [
  'answer',
  'decline',
  'hangup',
  'mute',
  'hold',
  'select-previous',
  'select-next',
  'focus-dial',
  'toggle-availability',
  'listen',
  'whisper',
  'barge',
  'take-over',
  'stop',
] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/** Each action's chords; the first is the one tooltips lead with. */
export type HotkeyMap = Record<HotkeyAction, readonly string[]>;

export const DEFAULT_HOTKEYS: HotkeyMap = {
  answer: ['Control+Enter', 'Alt+A'],
  decline: ['Alt+D'],
  hangup: ['Alt+H'],
  mute: ['Alt+M'],
  hold: ['Alt+O'],
  'select-previous': ['Alt+ArrowUp'],
  'select-next': ['Alt+ArrowDown'],
  'focus-dial': ['Alt+N'],
  'toggle-availability': ['Alt+P'],
  listen: ['Alt+L'],
  whisper: ['Alt+W'],
  barge: ['Alt+B'],
  'take-over': ['Alt+T'],
  stop: ['Alt+S'],
};

/** Actions that make sense with the window in the background (desktop: OS-wide). */
export const GLOBAL_HOTKEY_ACTIONS: readonly HotkeyAction[] = [
  'answer',
  'decline',
  'hangup',
  'mute',
  'hold',
  'toggle-availability',
  'listen',
  'whisper',
  'barge',
  'take-over',
  'stop',
];

export interface Chord {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** The key as written: an upper-case letter, a digit, or a KeyboardEvent.key name. */
  key: string;
}

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

const MODIFIERS = ['Control', 'Alt', 'Shift', 'Meta'] as const;
const NAMED_KEYS = new Set([
  'Enter',
  'Space',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
]);

const isCharKey = (key: string): boolean => /^[A-Z0-9]$/.test(key);

/** "Alt+H" → its parts; null for anything that is not one modifier-led chord we can match. */
export function parseChord(text: string): Chord | null {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  if (mods.size !== parts.length || parts.some((p) => !(MODIFIERS as readonly string[]).includes(p))) return null;
  const normal = key.length === 1 ? key.toUpperCase() : key;
  if (!isCharKey(normal) && !NAMED_KEYS.has(normal)) return null;
  const chord: Chord = { ctrl: mods.has('Control'), alt: mods.has('Alt'), shift: mods.has('Shift'), meta: mods.has('Meta'), key: normal };
  // Shift alone is typing (capitals); a chord needs Control, Alt or Meta unless it is an F-key.
  if (!chord.ctrl && !chord.alt && !chord.meta && !/^F\d+$/.test(normal)) return null;
  return chord;
}

/** The canonical text: modifiers in a fixed order, so equal chords compare equal. */
export function formatChord(c: Chord): string {
  const mods = [c.ctrl && 'Control', c.alt && 'Alt', c.shift && 'Shift', c.meta && 'Meta'].filter(Boolean);
  return [...mods, c.key].join('+');
}

export const normalizeChord = (text: string): string | null => {
  const c = parseChord(text);
  return c ? formatChord(c) : null;
};

const codeOf = (key: string): string => (/^[A-Z]$/.test(key) ? `Key${key}` : /^[0-9]$/.test(key) ? `Digit${key}` : key);

export function chordMatches(c: Chord, e: KeyLike): boolean {
  if (c.ctrl !== e.ctrlKey || c.alt !== e.altKey || c.shift !== e.shiftKey || c.meta !== e.metaKey) return false;
  if (e.code === codeOf(c.key)) return true;
  return !isCharKey(c.key) && e.key === (c.key === 'Space' ? ' ' : c.key);
}

/** The chord a key press makes (for recording), or null while only modifiers are down. */
export function chordFromEvent(e: KeyLike): string | null {
  const fromCode = /^Key([A-Z])$/.exec(e.code)?.[1] ?? /^(?:Digit|Numpad)([0-9])$/.exec(e.code)?.[1];
  const key = fromCode ?? (e.code === 'Space' || e.key === ' ' ? 'Space' : NAMED_KEYS.has(e.code) ? e.code : e.key);
  const mods = [e.ctrlKey && 'Control', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta'].filter(Boolean);
  return normalizeChord([...mods, key].join('+'));
}

/** As people read it: "Ctrl+Enter", "Alt+↑". */
export function chordLabel(text: string): string {
  return text.replace('Control', 'Ctrl').replace('ArrowUp', '↑').replace('ArrowDown', '↓').replace('ArrowLeft', '←').replace('ArrowRight', '→');
}

/** The action `e` triggers among `actions`, per `map`. */
export function actionFor<A extends HotkeyAction>(map: HotkeyMap, actions: readonly A[], e: KeyLike): A | null {
  for (const action of actions) {
    for (const text of map[action]) {
      const c = parseChord(text);
      if (c && chordMatches(c, e)) return action;
    }
  }
  return null;
}

/** Chords the shell keeps for itself: Alt+1 … Alt+9 switch views. */
export const RESERVED_CHORDS: readonly string[] = Array.from({ length: 9 }, (_, i) => `Alt+${i + 1}`);

export type Clash = { kind: 'invalid' } | { kind: 'reserved' } | { kind: 'action'; action: HotkeyAction };

/** Why `chord` cannot be given to `action` in `map`, or null when it can. */
export function clashFor(map: HotkeyMap, action: HotkeyAction, chord: string): Clash | null {
  const normal = normalizeChord(chord);
  if (!normal) return { kind: 'invalid' };
  if (RESERVED_CHORDS.includes(normal)) return { kind: 'reserved' };
  for (const other of HOTKEY_ACTIONS) {
    if (other !== action && map[other].some((c) => normalizeChord(c) === normal)) return { kind: 'action', action: other };
  }
  return null;
}

/** Stored overrides laid over the defaults; invalid or clashing entries are dropped. */
export function resolveHotkeys(overrides: unknown): HotkeyMap {
  const map: Record<HotkeyAction, readonly string[]> = { ...DEFAULT_HOTKEYS };
  if (typeof overrides !== 'object' || overrides === null) return map;
  for (const action of HOTKEY_ACTIONS) {
    const chords = (overrides as Record<string, unknown>)[action];
    if (!Array.isArray(chords)) continue;
    const normal = chords.map((c) => (typeof c === 'string' ? normalizeChord(c) : null));
    if (normal.length === 0 || normal.some((c) => c === null)) continue;
    const candidate = { ...map, [action]: [] };
    if (normal.some((c) => clashFor(candidate, action, c as string))) continue;
    map[action] = normal as string[];
  }
  return map;
}

/** What to store: only the actions that differ from their defaults. */
export function overridesOf(map: HotkeyMap): Partial<HotkeyMap> {
  const out: Partial<Record<HotkeyAction, readonly string[]>> = {};
  for (const action of HOTKEY_ACTIONS) {
    if (map[action].join(' ') !== DEFAULT_HOTKEYS[action].join(' ')) out[action] = map[action];
  }
  return out;
}
