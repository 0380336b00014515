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

/** The line a shortcut acts on, or null when it has none (the selection keys: any line will do). */
export function shortcutTarget(state: Pick<LinesState, 'lines' | 'selectedId'>, action: LineShortcut): LineState | null {
  const selected = state.lines.find((l) => l.line_id === state.selectedId);
  const can = (line: LineState | undefined, ...actions: ReturnType<typeof availableActions>[number][]): line is LineState =>
    line !== undefined && actions.some((a) => availableActions(line).includes(a));
  switch (action) {
    case 'answer':
    case 'decline':
      // They fall back to the oldest ringing call, so a waiting call needs one key.
      return can(selected, action) ? selected : (state.lines.find((l) => can(l, action)) ?? null);
    case 'hangup':
      return can(selected, 'hangup') ? selected : null;
    case 'mute':
      return can(selected, 'mute', 'unmute') ? selected : null;
    case 'hold':
      return can(selected, 'hold', 'resume') ? selected : null;
    case 'select-previous':
    case 'select-next':
      return state.lines[0] ?? null;
    case 'focus-dial':
      return null;
  }
}

/** Runs a shortcut against the lines; returns false when it had nothing to act on. */
export function runLineShortcut(state: LinesState, action: LineShortcut, focusDial: () => void): boolean {
  if (action === 'focus-dial') {
    focusDial();
    return true;
  }
  const line = shortcutTarget(state, action);
  if (!line) return false;
  switch (action) {
    case 'answer':
      void state.answer(line.line_id);
      return true;
    case 'decline':
      void state.decline(line.line_id);
      return true;
    case 'hangup':
      void state.hangup(line.line_id);
      return true;
    case 'mute':
      void state.setMute(line.line_id, !line.muted);
      return true;
    case 'hold':
      void state.setHold(line.line_id, !line.held);
      return true;
    case 'select-previous':
    case 'select-next':
      state.selectNext(action === 'select-next' ? 1 : -1);
      return true;
  }
}

export type LineCue =
  | { done: 'answered' | 'declined' | 'hung-up' | 'muted' | 'unmuted' | 'held' | 'resumed' | 'selected'; line: LineState }
  | { done: 'nothing'; action: Exclude<LineShortcut, 'focus-dial'> };

/**
 * What a shortcut did, for the cue on screen: from the lines before it ran (the line it acted
 * on, in its state then) and after (the newly selected line). None for the dial pad's key: the
 * focus moving there is the cue.
 */
export function lineShortcutCue(before: Pick<LinesState, 'lines' | 'selectedId'>, after: Pick<LinesState, 'lines' | 'selectedId'>, action: LineShortcut): LineCue | null {
  if (action === 'focus-dial') return null;
  const line = shortcutTarget(before, action);
  if (!line) return { done: 'nothing', action };
  switch (action) {
    case 'answer':
      return { done: 'answered', line };
    case 'decline':
      return { done: 'declined', line };
    case 'hangup':
      return { done: 'hung-up', line };
    case 'mute':
      return { done: line.muted ? 'unmuted' : 'muted', line };
    case 'hold':
      return { done: line.held ? 'resumed' : 'held', line };
    case 'select-previous':
    case 'select-next': {
      const selected = after.lines.find((l) => l.line_id === after.selectedId);
      return selected ? { done: 'selected', line: selected } : { done: 'nothing', action };
    }
  }
}
