import { describe, expect, it } from 'vitest';
import { chordFromEvent, chordLabel, clashFor, DEFAULT_HOTKEYS, HOTKEY_ACTIONS, normalizeChord, overridesOf, resolveHotkeys, type KeyLike } from '../../../renderer/src/app/hotkeys/hotkey-registry.ts';
import { shortcutFor } from '../../../renderer/src/features/softphone/shortcuts.ts';

const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...over });

describe('hotkey registry', () => {
  it('defaults clash with nothing, each other or the view keys', () => {
    for (const action of HOTKEY_ACTIONS) for (const chord of DEFAULT_HOTKEYS[action]) expect(clashFor(DEFAULT_HOTKEYS, action, chord), chord).toBeNull();
  });

  it('refuses a chord another action has, a view key, or no modifier', () => {
    expect(clashFor(DEFAULT_HOTKEYS, 'listen', 'Alt+H')).toEqual({ kind: 'action', action: 'hangup' });
    expect(clashFor(DEFAULT_HOTKEYS, 'listen', 'Alt+3')).toEqual({ kind: 'reserved' });
    expect(clashFor(DEFAULT_HOTKEYS, 'listen', 'H')).toEqual({ kind: 'invalid' });
  });

  it('parses, normalises and words chords; records them by physical key', () => {
    expect(normalizeChord('Shift+Control+k')).toBe('Control+Shift+K');
    expect(normalizeChord('Alt+Alt+K')).toBeNull();
    expect(chordLabel('Control+Enter')).toBe('Ctrl+Enter');
    expect(chordFromEvent(key({ key: 'å', code: 'KeyA', altKey: true, ctrlKey: true }))).toBe('Control+Alt+A');
    expect(chordFromEvent(key({ key: 'Alt', code: 'AltLeft', altKey: true }))).toBeNull();
  });

  it('a stored override replaces the default and matches by code; bad or clashing entries are dropped', () => {
    const map = resolveHotkeys({ hangup: ['Control+Shift+E'], mute: ['Alt+L'], hold: 'x', listen: ['Nope+Q'] });
    expect(map.hangup).toEqual(['Control+Shift+E']);
    expect(map.mute).toEqual(DEFAULT_HOTKEYS.mute);
    expect(map.hold).toEqual(DEFAULT_HOTKEYS.hold);
    expect(shortcutFor(key({ code: 'KeyE', ctrlKey: true, shiftKey: true }), map)).toBe('hangup');
    expect(shortcutFor(key({ code: 'KeyH', altKey: true }), map)).toBeNull();
    expect(overridesOf(map)).toEqual({ hangup: ['Control+Shift+E'] });
  });
});
