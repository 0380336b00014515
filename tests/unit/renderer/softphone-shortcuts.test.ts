import { describe, expect, it, vi } from 'vitest';
import { initialLine, type LineState } from '../../../shared/sip/line-state.ts';
import { callBackNumber, sipDomain } from '../../../renderer/src/features/softphone/keypad.ts';
import { ariaShortcut, dtmfDigitFor, lineShortcutCue, runLineShortcut, shortcutFor, shortcutLabel, type KeyLike } from '../../../renderer/src/features/softphone/shortcuts.ts';
import type { LinesState } from '../../../renderer/src/state/lines.store.ts';

const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...over });

function mk(id: string, state: LineState['state'], over: Partial<LineState> = {}): LineState {
  return {
    ...initialLine({ line_id: id, call_sid: id, direction: 'inbound', remote: { uri: 'sip:1@x', display: '' }, at: '2026-01-01T00:00:00Z' }),
    state,
    ...over,
  };
}

function linesState(lines: LineState[], selectedId: string | null) {
  const spies = {
    answer: vi.fn(async () => {}),
    decline: vi.fn(async () => {}),
    hangup: vi.fn(async () => {}),
    setHold: vi.fn(async () => {}),
    setMute: vi.fn(async () => {}),
    selectNext: vi.fn(),
  };
  return { state: { lines, selectedId, ...spies } as unknown as LinesState, spies };
}

describe('shortcut keys', () => {
  it('maps Ctrl+Enter and Alt+letters by physical key, nothing with Shift or Meta', () => {
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true }))).toBe('answer');
    expect(shortcutFor(key({ key: 'å', code: 'KeyA', altKey: true }))).toBe('answer');
    expect(shortcutFor(key({ code: 'KeyD', altKey: true }))).toBe('decline');
    expect(shortcutFor(key({ code: 'KeyH', altKey: true }))).toBe('hangup');
    expect(shortcutFor(key({ code: 'KeyM', altKey: true }))).toBe('mute');
    expect(shortcutFor(key({ code: 'KeyO', altKey: true }))).toBe('hold');
    expect(shortcutFor(key({ code: 'ArrowDown', altKey: true }))).toBe('select-next');
    expect(shortcutFor(key({ code: 'ArrowUp', altKey: true }))).toBe('select-previous');
    expect(shortcutFor(key({ code: 'KeyH', altKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(key({ code: 'KeyH', altKey: true, ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'Enter' }))).toBeNull();
    expect(shortcutFor(key({ code: 'Digit1', altKey: true }))).toBeNull(); // Alt+1…6 switch views
  });

  it('words shortcuts for tooltips and aria-keyshortcuts', () => {
    expect(shortcutLabel('answer')).toBe('Ctrl+Enter, Alt+A');
    expect(ariaShortcut('answer')).toBe('Control+Enter Alt+A');
    expect(shortcutLabel('select-next')).toBe('Alt+↓');
  });

  it('types DTMF digits only without modifiers', () => {
    expect(dtmfDigitFor(key({ key: '5' }))).toBe('5');
    expect(dtmfDigitFor(key({ key: '#', shiftKey: true }))).toBe('#');
    expect(dtmfDigitFor(key({ key: '*' }))).toBe('*');
    expect(dtmfDigitFor(key({ key: '5', altKey: true }))).toBeNull();
    expect(dtmfDigitFor(key({ key: 'a' }))).toBeNull();
    expect(dtmfDigitFor(key({ key: 'Enter' }))).toBeNull();
  });
});

describe('line shortcuts', () => {
  it('act on the selected line per its available actions', () => {
    const talking = mk('A', 'talking');
    const { state, spies } = linesState([talking], 'A');
    const focus = vi.fn();
    expect(runLineShortcut(state, 'hold', focus)).toBe(true);
    expect(spies.setHold).toHaveBeenCalledWith('A', true);
    expect(runLineShortcut(state, 'mute', focus)).toBe(true);
    expect(spies.setMute).toHaveBeenCalledWith('A', true);
    expect(runLineShortcut(state, 'hangup', focus)).toBe(true);
    expect(spies.hangup).toHaveBeenCalledWith('A');
    expect(runLineShortcut(state, 'answer', focus)).toBe(false);
    expect(runLineShortcut(state, 'focus-dial', focus)).toBe(true);
    expect(focus).toHaveBeenCalledOnce();
  });

  it('resume and unmute toggle back', () => {
    const { state, spies } = linesState([mk('A', 'on-hold', { held: true, muted: true })], 'A');
    runLineShortcut(state, 'hold', vi.fn());
    runLineShortcut(state, 'mute', vi.fn());
    expect(spies.setHold).toHaveBeenCalledWith('A', false);
    expect(spies.setMute).toHaveBeenCalledWith('A', false);
  });

  it('answer and decline reach a waiting call when the selected line cannot', () => {
    const { state, spies } = linesState([mk('A', 'talking'), mk('B', 'incoming')], 'A');
    expect(runLineShortcut(state, 'answer', vi.fn())).toBe(true);
    expect(spies.answer).toHaveBeenCalledWith('B');
    expect(runLineShortcut(state, 'decline', vi.fn())).toBe(true);
    expect(spies.decline).toHaveBeenCalledWith('B');
  });

  it('does nothing (and lets the key through) without a line to act on', () => {
    const { state, spies } = linesState([mk('A', 'ended')], 'A');
    for (const a of ['answer', 'decline', 'hangup', 'hold', 'mute'] as const) expect(runLineShortcut(state, a, vi.fn())).toBe(false);
    expect(spies.hangup).not.toHaveBeenCalled();
  });
});

describe('dial helpers', () => {
  it('takes the SIP domain from the seat URI', () => {
    expect(sipDomain('sip:alice@pbx.lan')).toBe('pbx.lan');
    expect(sipDomain('sips:alice@10.0.0.5:5061;transport=ws')).toBe('10.0.0.5:5061');
    expect(sipDomain('sip:pbx.lan')).toBe('pbx.lan');
    expect(sipDomain(null)).toBeNull();
    expect(sipDomain('mailto:x@y')).toBeNull();
  });

  it('calls back the caller of inbound calls and the callee of others', () => {
    expect(callBackNumber({ direction: 'inbound', from_number: '+14155550100', to_number: '1001' })).toBe('+14155550100');
    expect(callBackNumber({ direction: 'outbound', from_number: '1001', to_number: ' 1002 ' })).toBe('1002');
    expect(callBackNumber({ direction: 'inbound', from_number: null, to_number: '1001' })).toBeNull();
  });
});

describe('the cue a line shortcut leaves', () => {
  it('names what was done to which line, from the state before the keys', () => {
    const talking = mk('a', 'talking', { remote: { uri: 'sip:bob@x', display: 'Bob' } });
    const ringing = mk('b', 'incoming');
    const before = { lines: [talking, ringing], selectedId: 'a' };
    expect(lineShortcutCue(before, before, 'mute')).toEqual({ done: 'muted', line: talking });
    const muted = { lines: [{ ...talking, muted: true }, ringing], selectedId: 'a' };
    expect(lineShortcutCue(muted, muted, 'mute')).toMatchObject({ done: 'unmuted' });
    expect(lineShortcutCue(before, before, 'hold')).toMatchObject({ done: 'held', line: talking });
    expect(lineShortcutCue(before, before, 'hangup')).toMatchObject({ done: 'hung-up', line: talking });
    // Answer falls back to the ringing line, as the key itself does.
    expect(lineShortcutCue(before, before, 'answer')).toMatchObject({ done: 'answered', line: ringing });
    expect(lineShortcutCue(before, { ...before, selectedId: 'b' }, 'select-next')).toMatchObject({ done: 'selected', line: ringing });
  });

  it('says when the keys had nothing to act on, and stays quiet for the dial pad key', () => {
    const none = { lines: [], selectedId: null };
    expect(lineShortcutCue(none, none, 'hangup')).toEqual({ done: 'nothing', action: 'hangup' });
    expect(lineShortcutCue(none, none, 'answer')).toEqual({ done: 'nothing', action: 'answer' });
    expect(lineShortcutCue(none, none, 'select-next')).toEqual({ done: 'nothing', action: 'select-next' });
    expect(lineShortcutCue(none, none, 'focus-dial')).toBeNull();
  });
});
