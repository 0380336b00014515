import { describe, expect, it } from 'vitest';
import { createGlobalHotkeys, toAccelerator } from '../../../electron/main/global-hotkeys.ts';
import { isTrustedSender } from '../../../electron/main/sender-validator.ts';
import { APP_URL, FakeEmitter, FakeWebContents, invokeEvent } from './fakes.ts';

function setup() {
  const shortcuts = new Map<string, () => void>();
  const globalShortcut = {
    register: (accel: string, fn: () => void) => (shortcuts.has(accel) ? false : (shortcuts.set(accel, fn), true)),
    unregister: (accel: string) => void shortcuts.delete(accel),
  };
  const ipc = new FakeEmitter();
  const contents = new FakeWebContents(1);
  const win = Object.assign(new FakeEmitter(), { webContents: contents, focused: true, isFocused: () => win.focused });
  const hotkeys = createGlobalHotkeys({
    globalShortcut: globalShortcut as never,
    ipcMain: { on: (c: string, fn: never) => ipc.on(c, fn), removeListener: () => ipc } as never,
    isTrustedSender: (e) => isTrustedSender({ isAppUrl: (u) => u === APP_URL, isOurContents: (id) => id === 1 }, e),
  });
  hotkeys.attach(win as never);
  return { shortcuts, ipc, contents, win, hotkeys };
}

describe('OS-wide hotkeys', () => {
  it('converts chords to accelerators', () => {
    expect(toAccelerator('Alt+ArrowUp')).toBe('Alt+Up');
    expect(toAccelerator('Control+Meta+K')).toBe('Control+Super+K');
    expect(toAccelerator('K')).toBeNull();
    expect(toAccelerator('Alt+Foo')).toBeNull();
  });

  it('registers the page’s chords while the window is in the background and forwards presses', () => {
    const { shortcuts, ipc, contents, win, hotkeys } = setup();
    ipc.emit('earshot:set-hotkeys', invokeEvent(contents), [{ action: 'hangup', chord: 'Alt+H' }]);
    expect([...shortcuts.keys()]).toEqual([]);
    win.focused = false;
    win.emit('blur');
    expect([...shortcuts.keys()]).toEqual(['Alt+H']);
    shortcuts.get('Alt+H')?.();
    expect(contents.sent).toEqual([{ channel: 'earshot:hotkey', payload: 'hangup' }]);
    ipc.emit('earshot:set-hotkeys', invokeEvent(contents), [{ action: 'hangup', chord: 'Control+Shift+E' }]);
    expect([...shortcuts.keys()]).toEqual(['Control+Shift+E']);
    win.focused = true;
    win.emit('focus');
    expect(shortcuts.size).toBe(0);
    win.focused = false;
    win.emit('blur');
    hotkeys.dispose();
    expect(shortcuts.size).toBe(0);
  });

  it('ignores lists from a subframe or a foreign page', () => {
    const { shortcuts, ipc, contents, win } = setup();
    win.focused = false;
    ipc.emit('earshot:set-hotkeys', invokeEvent(contents, APP_URL, true), [{ action: 'hangup', chord: 'Alt+H' }]);
    ipc.emit('earshot:set-hotkeys', invokeEvent(contents, 'https://evil.example/'), [{ action: 'hangup', chord: 'Alt+H' }]);
    win.emit('blur');
    expect(shortcuts.size).toBe(0);
  });
});
