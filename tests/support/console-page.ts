// A person at a console: their own Chromium (so their own fake microphone), signed in, seat
// registered. Shared by the softphone e2e tests.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import type { Hub } from './hub.ts';

export interface ConsolePageOptions {
  /** WAV the fake microphone plays (looped). */
  wav: string;
  /** Page to open before signing in (default `/`). */
  path?: string;
  viewport?: { width: number; height: number };
  /** Console password; default `<login>-console-pw`. */
  password?: string;
}

/** Opens the console, signs in as `login` and waits until the seat is registered with the PBX. */
export async function openConsolePage(hub: Hub, login: string, opts: ConsolePageOptions): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium({
    args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${opts.wav}`, '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1366, height: 800 } });
  await page.goto(`${hub.url}${opts.path ?? '/'}`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(opts.password ?? `${login}-console-pw`);
  await page.getByTestId('login-submit').click();
  try {
    await page.locator('[data-testid="registration-status"][data-state="registered"]').waitFor({ timeout: 20_000 });
  } catch (err) {
    const state = await page.getByTestId('registration-status').getAttribute('data-state').catch(() => 'no status bar');
    const label = await page.getByTestId('registration-status').getAttribute('aria-label').catch(() => '');
    await browser.close();
    throw new Error(`${login}'s seat did not register (state ${state}: ${label})\n--- hub log ---\n${hub.logTail(30)}`, { cause: err });
  }
  return { browser, page };
}

/**
 * Creates, through the API, an agent whose console login is `<user>` / `<user>-console-pw` and
 * whose seat is the PBX user `<user>` (password `<user>pw`, as in the Kamailio fixture).
 */
export async function createSeatAgent(
  hub: Hub,
  wsUrl: string,
  user: string,
  extra: { name?: string; extension?: string; role?: 'agent' | 'supervisor' | 'admin' } = {},
): Promise<void> {
  const res = await fetch(`${hub.url}/api/v1/agents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: extra.name ?? `${user[0]!.toUpperCase()}${user.slice(1)}`,
      ...(extra.extension ? { extension: extra.extension } : {}),
      ...(extra.role ? { role: extra.role } : {}),
      login: { username: user, password: `${user}-console-pw` },
      sip: { uri: `sip:${user}@127.0.0.1`, password: `${user}pw`, ws_url: wsUrl },
    }),
  });
  if (res.status !== 201) throw new Error(`creating agent ${user} failed: ${res.status} ${await res.text()}`);
}
