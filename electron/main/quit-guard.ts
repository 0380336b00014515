// Runs in: Electron main. Quit waits for the core to close (database, SIP unregister, sockets).
import type { App } from 'electron';

/**
 * The first before-quit is cancelled while `close` runs; when it settles (even if it fails)
 * quitting resumes and is no longer held back.
 */
export function installQuitGuard(
  app: Pick<App, 'on' | 'quit'>,
  close: () => Promise<void>,
  log: (line: string) => void = () => {},
): void {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    close()
      .catch((err: unknown) => log(`core close failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        phase = 'closed';
        app.quit();
      });
  });
}
