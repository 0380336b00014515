// Plain stand-ins for the few Electron objects electron/main uses; typed with Electron's own
// types (types only: nothing here loads 'electron').
import type { IpcMainInvokeEvent } from 'electron';

type Listener = (...args: unknown[]) => void;

/** A minimal event emitter with on/once/emit, enough for WebContents and App listeners. */
export class FakeEmitter {
  private readonly listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();

  on(event: string, fn: Listener): this {
    this.add(event, fn, false);
    return this;
  }

  once(event: string, fn: Listener): this {
    this.add(event, fn, true);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) l.fn(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  private add(event: string, fn: Listener, once: boolean): void {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once });
    this.listeners.set(event, list);
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  readonly id: number;

  constructor(id: number) {
    super();
    this.id = id;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export const APP_URL = 'file:///opt/earshot/out/renderer/index.html';

/** An invoke event from `contents`' main frame (or a subframe) at `url`. */
export function invokeEvent(contents: { id: number }, url = APP_URL, subframe = false): IpcMainInvokeEvent {
  const top = { url, parent: null };
  const frame = subframe ? { url, parent: top } : top;
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

/** A cancellable Electron event. */
export function fakeEvent<T extends object = object>(fields?: T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...(fields ?? ({} as T)),
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}
