import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { speechWav } from '../support/speech.ts';

/** A person changes a shortcut in Settings; the new keys work, the old ones no longer do, and a clash is refused. */
describe('keyboard shortcuts are configurable', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    await createSeatAgent(hub, pbx.wsUrl, 'alice');
    ({ browser, page } = await openConsolePage(hub, 'alice', { wav: speechWav('Hello.'), viewport: { width: 1440, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  const dialFocused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'dial-input');

  it('records new keys for "go to the dial pad", refuses a clash, and survives a reload', async () => {
    await page.goto(`${hub.url}/#/settings`);
    const change = page.getByTestId('hotkey-change-focus-dial');
    await change.click();
    // Alt+H already hangs up: refused with the reason.
    await page.keyboard.press('Alt+H');
    const row = page.locator('[data-testid="hotkey-row"][data-action="focus-dial"]');
    expect(await row.getByRole('alert').textContent()).toMatch(/Hang up/);
    await page.keyboard.press('Alt+J');
    expect(await row.locator('kbd').allTextContents()).toEqual(['Alt+J']);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('settings-hotkeys.png') });

    await page.goto(`${hub.url}/#/softphone`);
    await page.getByTestId('dial-input').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+N');
    expect(await dialFocused()).toBe(false);
    await page.keyboard.press('Alt+J');
    await expect.poll(dialFocused).toBe(true);

    // Kept for this computer: after a reload the new keys still work.
    await page.reload();
    await page.getByTestId('dial-input').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+J');
    await expect.poll(dialFocused).toBe(true);

    // Back to the default.
    await page.goto(`${hub.url}/#/settings`);
    await page.getByTestId('hotkey-reset-focus-dial').click();
    expect(await row.locator('kbd').allTextContents()).toEqual(['Alt+N']);
  });
});
