// Runs in: Electron main. The one console window: secure webPreferences and loading the app.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { AppLocation } from './app-location.ts';

/**
 * The renderer gets no Node, runs sandboxed and isolated from the preload; the preload is the
 * only bridge. Background throttling stays off: VAD and the audio graph must keep running while
 * the window is hidden behind another application during a call.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    backgroundThrottling: false,
  };
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Earshot',
    show: false,
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  };
}

type WindowLike = Pick<BrowserWindow, 'once' | 'show' | 'loadFile' | 'loadURL'>;

export interface MainWindowDeps<W extends WindowLike> {
  createWindow: (options: BrowserWindowConstructorOptions) => W;
  location: AppLocation;
  preloadPath: string;
  iconPath?: string;
}

/** Creates the window, shows it once painted and loads the app; load failures reject. */
export function openMainWindow<W extends WindowLike>(deps: MainWindowDeps<W>): { window: W; loaded: Promise<void> } {
  const window = deps.createWindow(mainWindowOptions(deps.preloadPath, deps.iconPath));
  window.once('ready-to-show', () => window.show());
  const loaded =
    deps.location.kind === 'dev' ? window.loadURL(deps.location.url) : window.loadFile(deps.location.indexFile);
  return { window, loaded };
}

/** Brings a window to the front (second instance, click-to-dial). */
export function focusWindow(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
