// Runs in: Electron main. Keeps every web contents on the app and out of new windows.
import type { Shell, WebContents } from 'electron';

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Navigation away from the app is cancelled; window.open and target=_blank never open an
 * Electron window: https links go to the user's browser, everything else is dropped.
 */
export function guardNavigation(
  contents: GuardedContents,
  isAppUrl: (url: string) => boolean,
  shell: Pick<Shell, 'openExternal'>,
  log: (line: string) => void = () => {},
): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log(`blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) {
      shell.openExternal(url).catch((err: unknown) => log(`openExternal failed: ${String(err)}`));
    } else {
      log(`blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
}

export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
