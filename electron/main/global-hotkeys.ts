// Runs in: Electron main. The console's OS-wide hotkeys: the page sends the chords it wants
// (sender-checked), they are registered with globalShortcut and a press is forwarded to the page.
// Policy: registered only while the console window is in the background (blurred, minimised
// or hidden) — with focus the page's own key handlers act, so a press never runs twice and the
// chords are not held from other apps longer than needed; all released on quit.
import type { GlobalShortcut, IpcMain, IpcMainEvent } from 'electron';
import { IPC_HOTKEY_CHANNEL, IPC_SET_HOTKEYS_CHANNEL, type GlobalHotkeyBinding } from '../../shared/contracts/ipc.ts';
import type { SenderEvent } from './sender-validator.ts';

const MODIFIERS: Record<string, string> = { Control: 'Control', Alt: 'Alt', Shift: 'Shift', Meta: 'Super' };
const KEYS: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right' };
const PLAIN_KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-2])|Enter|Space|Backspace|Delete|Insert|Home|End|PageUp|PageDown)$/;
const MAX_BINDINGS = 64;

/** "Alt+ArrowUp" → "Alt+Up"; null for what is not a chord the page could have made. */
export function toAccelerator(chord: string): string | null {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  if (parts.length === 0 || new Set(parts).size !== parts.length || parts.some((p) => !(p in MODIFIERS))) return null;
  const accelKey = KEYS[key] ?? (PLAIN_KEY.test(key) ? key : null);
  if (!accelKey) return null;
  return [...parts.map((p) => MODIFIERS[p]), accelKey].join('+');
}

export interface HotkeyWindow {
  webContents: { id: number; send(channel: string, payload: unknown): void; isDestroyed(): boolean };
  isFocused(): boolean;
  on(event: 'focus' | 'blur' | 'closed', listener: () => void): unknown;
}

export interface GlobalHotkeysDeps {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  isTrustedSender(event: SenderEvent): boolean;
  log?: (line: string) => void;
}

export interface GlobalHotkeys {
  /** The console window whose page asks for hotkeys and receives the presses. */
  attach(window: HotkeyWindow): void;
  /** Releases every chord and stops listening (quit). */
  dispose(): void;
}

function validBindings(payload: unknown): GlobalHotkeyBinding[] | null {
  if (!Array.isArray(payload) || payload.length > MAX_BINDINGS) return null;
  const ok = payload.every(
    (b: unknown) => typeof b === 'object' && b !== null && typeof (b as GlobalHotkeyBinding).action === 'string' && typeof (b as GlobalHotkeyBinding).chord === 'string',
  );
  return ok ? (payload as GlobalHotkeyBinding[]) : null;
}

export function createGlobalHotkeys(deps: GlobalHotkeysDeps): GlobalHotkeys {
  const log = deps.log ?? (() => {});
  let window: HotkeyWindow | null = null;
  let wanted: Array<{ action: string; accelerator: string }> = [];
  let registered: string[] = [];

  const release = (): void => {
    for (const accelerator of registered) deps.globalShortcut.unregister(accelerator);
    registered = [];
  };

  const sync = (): void => {
    release();
    const target = window;
    if (!target || target.isFocused()) return;
    for (const { action, accelerator } of wanted) {
      const ok = deps.globalShortcut.register(accelerator, () => {
        if (!target.webContents.isDestroyed()) target.webContents.send(IPC_HOTKEY_CHANNEL, action);
      });
      if (ok) registered.push(accelerator);
      else log(`hotkey ${accelerator} (${action}) is taken by another program`);
    }
  };

  const onSet = (event: IpcMainEvent, payload: unknown): void => {
    if (!window || event.sender.id !== window.webContents.id || !deps.isTrustedSender(event)) {
      log(`refused hotkeys from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return;
    }
    const bindings = validBindings(payload);
    if (!bindings) {
      log('refused a malformed hotkey list');
      return;
    }
    wanted = [];
    for (const { action, chord } of bindings) {
      const accelerator = toAccelerator(chord);
      if (accelerator) wanted.push({ action, accelerator });
      else log(`ignored hotkey ${JSON.stringify(chord)} for ${action}`);
    }
    sync();
  };
  deps.ipcMain.on(IPC_SET_HOTKEYS_CHANNEL, onSet);

  return {
    attach(w) {
      window = w;
      w.on('focus', () => {
        if (window === w) sync();
      });
      w.on('blur', () => {
        if (window === w) sync();
      });
      w.on('closed', () => {
        if (window !== w) return;
        window = null;
        release();
      });
      sync();
    },
    dispose() {
      deps.ipcMain.removeListener(IPC_SET_HOTKEYS_CHANNEL, onSet);
      window = null;
      release();
    },
  };
}
