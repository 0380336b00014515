import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { installQuitGuard } from '../../../electron/main/quit-guard.ts';
import { FakeEmitter, fakeEvent } from './fakes.ts';

class FakeApp extends FakeEmitter {
  quits = 0;
  quit(): void {
    this.quits += 1;
    // Electron emits before-quit again when quit() is called.
    this.emit('before-quit', fakeEvent());
  }
}

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('installQuitGuard', () => {
  it('holds the quit until the core has closed, then quits once', async () => {
    const app = new FakeApp();
    let release!: () => void;
    let closes = 0;
    installQuitGuard(app as unknown as App, () => {
      closes += 1;
      return new Promise<void>((r) => (release = r));
    });

    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    const second = fakeEvent();
    app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(true);
    expect(closes).toBe(1);
    expect(app.quits).toBe(0);

    release();
    await flush();
    expect(app.quits).toBe(1);
    const later = fakeEvent();
    app.emit('before-quit', later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('still quits when closing fails, and logs why', async () => {
    const app = new FakeApp();
    const lines: string[] = [];
    installQuitGuard(app as unknown as App, () => Promise.reject(new Error('disk full')), (l) => lines.push(l));
    app.emit('before-quit', fakeEvent());
    await flush();
    expect(app.quits).toBe(1);
    expect(lines).toEqual(['core close failed: disk full']);
  });
});
