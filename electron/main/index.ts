// Runs in: Electron main. Composition root: wires the real electron modules into the small
// single-purpose parts beside this file, in the order Electron needs. No logic of its own.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { startCore } from '../core/core.ts';
import type { Core } from '../core/core.types.ts';
import { isAppUrl, resolveAppLocation } from './app-location.ts';
import { desktopCoreOptions } from './core-options.ts';
import { appCsp, installCsp } from './csp.ts';
import { createDialForwarder } from './dial-forwarder.ts';
import { createGlobalHotkeys } from './global-hotkeys.ts';
import { createIncomingCallNotifier } from './incoming-call-notifier.ts';
import { createIpcBridge } from './ipc-bridge.ts';
import { focusWindow, openMainWindow } from './main-window.ts';
import { guardNavigation } from './navigation-guard.ts';
import { installPermissionHandlers } from './permissions.ts';
import { installQuitGuard } from './quit-guard.ts';
import { createSafeStorageBox } from './safe-storage-box.ts';
import { isTrustedSender } from './sender-validator.ts';
import { claimSingleInstance, extractDialUrls } from './single-instance.ts';

const log = (line: string): void => console.log(`[earshot] ${line}`);

const here = import.meta.dirname; // out/main
const location = resolveAppLocation({
  rendererDir: join(here, '../renderer'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  packaged: app.isPackaged,
});
const isOurUrl = (url: string): boolean => isAppUrl(location, url);

let mainWindow: BrowserWindow | null = null;
/** Set once the app is ready; reopens the console (macOS keeps running with no window). */
let reopenWindow: (() => void) | null = null;

/** Click-to-dial: tel:/sip: URLs go to the console, which asks before dialling. */
const dialForwarder = createDialForwarder();
const dial = (urls: string[]): void => {
  log(`click-to-dial: ${urls.join(' ')}`);
  dialForwarder.dial(urls);
};

app.enableSandbox();

const focusConsole = (): void => {
  if (mainWindow) focusWindow(mainWindow);
  else reopenWindow?.();
};

if (!claimSingleInstance(app, { focus: focusConsole, dial })) {
  app.quit();
} else {
  const startupUrls = extractDialUrls(process.argv);
  if (startupUrls.length > 0) dial(startupUrls);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const urls = extractDialUrls([url]);
    if (urls.length > 0) dial(urls);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isOurUrl, shell, log));
  app.whenReady().then(start, fatal);
}

function start(): void {
  if (process.platform === 'win32') app.setAppUserModelId('com.earshot.console');

  const core: Promise<Core> = Promise.resolve().then(() =>
    startCore(
      desktopCoreOptions({
        userDataDir: app.getPath('userData'),
        secretBox: createSafeStorageBox(safeStorage),
        env: process.env,
        log,
      }),
    ),
  );
  core.catch(fatal);

  const notifyIncomingCall = createIncomingCallNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    isFocused: () => mainWindow?.isFocused() ?? false,
    focus: focusConsole,
  });

  const bridge = createIpcBridge({
    ipcMain,
    core,
    onEvent: notifyIncomingCall,
    isTrustedSender: (event) => isTrustedSender({ isAppUrl: isOurUrl, isOurContents: (id) => bridge.isAttached(id) }, event),
    log,
  });

  const hotkeys = createGlobalHotkeys({
    globalShortcut,
    ipcMain,
    isTrustedSender: (event) => isTrustedSender({ isAppUrl: isOurUrl, isOurContents: (id) => bridge.isAttached(id) }, event),
    log,
  });

  const ses = session.defaultSession;
  installCsp(ses.webRequest, isOurUrl, appCsp(location.kind === 'dev' ? location.origin : undefined));
  installPermissionHandlers(ses, { isAppUrl: isOurUrl, isOurContents: (id) => bridge.isAttached(id) });

  installQuitGuard(
    app,
    async () => {
      hotkeys.dispose();
      bridge.dispose();
      const running = await core.catch(() => null);
      await running?.close();
    },
    log,
  );

  const createWindow = (): void => {
    const { window, loaded } = openMainWindow({
      createWindow: (options) => new BrowserWindow(options),
      location,
      preloadPath: join(here, '../preload/index.cjs'),
      iconPath: join(app.getAppPath(), 'resources/icons/icon.png'),
    });
    mainWindow = window;
    bridge.attach(window.webContents);
    hotkeys.attach(window);
    window.webContents.on('did-finish-load', () => dialForwarder.ready(window.webContents));
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      dialForwarder.lost();
    });
    loaded.catch((err: unknown) => log(`loading the console failed: ${String(err)}`));
  };

  createWindow();
  reopenWindow = createWindow;
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log(`fatal: ${err instanceof Error && err.stack ? err.stack : message}`);
  if (app.isReady()) dialog.showErrorBox('Earshot could not start', message);
  app.exit(1);
}
