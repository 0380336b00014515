import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { resolveAppLocation } from '../../../electron/main/app-location.ts';
import { focusWindow, mainWindowOptions, openMainWindow, secureWebPreferences } from '../../../electron/main/main-window.ts';
import { FakeEmitter } from './fakes.ts';

class FakeWindow extends FakeEmitter {
  shown = 0;
  loaded: string[] = [];
  options: BrowserWindowConstructorOptions = {};
  show(): void {
    this.shown += 1;
  }
  loadFile(path: string): Promise<void> {
    this.loaded.push(`file:${path}`);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(`url:${url}`);
    return Promise.resolve();
  }
}

/** Hands the fake to openMainWindow as the BrowserWindow it stands in for. */
function windowWith(window: FakeWindow, options: BrowserWindowConstructorOptions): BrowserWindow {
  window.options = options;
  return window as unknown as BrowserWindow;
}

describe('window options', () => {
  it('are secure: isolated, sandboxed, no Node, web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('the window uses them and starts hidden until painted', () => {
    const options = mainWindowOptions('/p.cjs', '/icon.png');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.show).toBe(false);
    expect(options.icon).toBe('/icon.png');
  });
});

describe('openMainWindow', () => {
  it('loads the built index.html and shows on ready-to-show', async () => {
    const location = resolveAppLocation({ rendererDir: '/app/out/renderer', packaged: true });
    const window = new FakeWindow();
    const { loaded } = openMainWindow({ createWindow: (o) => windowWith(window, o), location, preloadPath: '/p.cjs' });
    await loaded;
    expect(window.loaded).toEqual(['file:/app/out/renderer/index.html']);
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
    expect(window.options.webPreferences?.sandbox).toBe(true);
  });

  it('loads the dev server URL in dev', async () => {
    const location = resolveAppLocation({ rendererDir: '/r', devServerUrl: 'http://localhost:5173', packaged: false });
    const window = new FakeWindow();
    const { loaded } = openMainWindow({ createWindow: (o) => windowWith(window, o), location, preloadPath: '/p.cjs' });
    await loaded;
    expect(window.loaded).toEqual(['url:http://localhost:5173/']);
  });
});

describe('focusWindow', () => {
  it('restores a minimised window and focuses it', () => {
    const calls: string[] = [];
    focusWindow({
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    });
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });
});
