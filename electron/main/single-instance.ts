// Runs in: Electron main. One Earshot per user session; a second launch hands over its
// click-to-dial URLs and focuses the running window.
import type { App } from 'electron';

const DIAL_URL = /^(tel|sip|sips):[^\s]+$/i;
const MAX_URL_LENGTH = 2048;

/** The tel:/sip:/sips: URLs among command-line arguments (OS protocol handlers pass them there). */
export function extractDialUrls(argv: readonly string[]): string[] {
  const urls: string[] = [];
  for (const raw of argv) {
    const arg = raw.trim();
    if (arg.length <= MAX_URL_LENGTH && DIAL_URL.test(arg)) urls.push(arg);
  }
  return urls;
}

export interface SingleInstanceHooks {
  /** Bring the existing window forward. */
  focus(): void;
  /** Click-to-dial URLs the second instance was started with (maybe none). */
  dial(urls: string[]): void;
}

/**
 * Takes the single-instance lock. Returns false when another instance holds it: the caller
 * quits at once, and the running instance gets this one's argv through 'second-instance'.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, hooks: SingleInstanceHooks): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    hooks.focus();
    const urls = extractDialUrls(argv);
    if (urls.length > 0) hooks.dial(urls);
  });
  return true;
}
