// Pure: the softphone's keyboard shortcuts. They act on the selected line and work from any
// view (answering from History is fine); digits send DTMF only on the softphone view.
import { isDtmfDigit } from '../../../../shared/sip/dial-string.ts';
import { availableActions, type LineState } from '../../../../shared/sip/line-state.ts';
import type { LinesState } from '../../state/lines.store.ts';
import { actionFor, chordLabel, DEFAULT_HOTKEYS, type HotkeyMap, type KeyLike } from '../../app/hotkeys/hotkey-registry.ts';
import { currentHotkeys } from '../../app/hotkeys/hotkeys.store.ts';

export const LINE_SHORTCUTS = ['answer', 'decline', 'hangup', 'mute', 'hold', 'select-previous', 'select-next', 'focus-dial'] as const;
export type LineShortcut = (typeof LINE_SHORTCUTS)[number];
export type { KeyLike };

/** The default chords in the `aria-keyshortcuts` syntax; the configured ones are `currentHotkeys()`. */
export const SHORTCUT_KEYS: Record<LineShortcut, readonly string[]> = Object.fromEntries(LINE_SHORTCUTS.map((a) => [a, DEFAULT_HOTKEYS[a]])) as Record<
  LineShortcut,
  readonly string[]
>;

export function shortcutFor(e: KeyLike, map: HotkeyMap = currentHotkeys()): LineShortcut | null {
  return actionFor(map, LINE_SHORTCUTS, e);
}

/** The shortcut as people read it: "Ctrl+Enter, Alt+A". */
export function shortcutLabel(action: LineShortcut, map: HotkeyMap = currentHotkeys()): string {
  return map[action].map(chordLabel).join(', ');
}

/** The `aria-keyshortcuts` value (space-separated alternatives). */
export function ariaShortcut(action: LineShortcut, map: HotkeyMap = currentHotkeys()): string {
  return map[action].join(' ');
}

/** A plain keypad key typed on the keyboard (no modifiers): the DTMF digit, else null. */
export function dtmfDigitFor(e: KeyLike): string | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const key = e.key.length === 1 ? e.key.toUpperCase() : '';
  // Letters A-D are DTMF digits too, but typed letters are far more likely to be mistakes.
  return /^[0-9*#]$/.test(key) && isDtmfDigit(key) ? key : null;
}

/** Whether a key event comes from a place where typing means text (inputs, selects, editors). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Runs a shortcut against the lines; returns false when it had nothing to act on. */
export function runLineShortcut(state: LinesState, action: LineShortcut, focusDial: () => void): boolean {
  const selected = state.lines.find((l) => l.line_id === state.selectedId);
  const can = (line: LineState | undefined, a: ReturnType<typeof availableActions>[number]): line is LineState =>
    line !== undefined && availableActions(line).includes(a);
  // Answer and decline fall back to the oldest ringing call, so a waiting call needs one key.
  const ringing = state.lines.find((l) => can(l, 'answer'));
  switch (action) {
    case 'answer': {
      const line = can(selected, 'answer') ? selected : ringing;
      if (!line) return false;
      void state.answer(line.line_id);
      return true;
    }
    case 'decline': {
      const line = can(selected, 'decline') ? selected : ringing;
      if (!line) return false;
      void state.decline(line.line_id);
      return true;
    }
    case 'hangup':
      if (!can(selected, 'hangup')) return false;
      void state.hangup(selected.line_id);
      return true;
    case 'mute':
      if (!(can(selected, 'mute') || can(selected, 'unmute'))) return false;
      void state.setMute(selected.line_id, !selected.muted);
      return true;
    case 'hold':
      if (!(can(selected, 'hold') || can(selected, 'resume'))) return false;
      void state.setHold(selected.line_id, !selected.held);
      return true;
    case 'select-previous':
    case 'select-next':
      if (state.lines.length === 0) return false;
      state.selectNext(action === 'select-next' ? 1 : -1);
      return true;
    case 'focus-dial':
      focusDial();
      return true;
  }
}
