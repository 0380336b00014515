import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../support/browser.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { freePort } from '../support/proc.ts';

/** An office without its AI endpoint: the console says so, and everything else works. */
describe('offline office', () => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    const deadPort = await freePort('127.0.0.1');
    hub = await startHub({ env: { OPENAI_BASE_URL: `http://127.0.0.1:${deadPort}/v1`, OPENAI_API_KEY: 'sk-offline' } });
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Carol Supervisor', role: 'supervisor', login: { username: 'carol', password: 'carolpw123' } }),
    });
    expect(res.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('shows the offline badge and AI as unreachable while the console keeps working', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(`${hub.url}/`);
    await page.getByTestId('login-username').fill('carol');
    await page.getByTestId('login-password').fill('carolpw123');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('ai-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('unreachable');
    await page.getByTestId('offline-badge').waitFor();
    expect(await page.getByTestId('registration-status').getAttribute('data-state')).toBe('no-account');
    await page.keyboard.press('Alt+4');
    await page.getByTestId('history-view').waitFor();
    await page.screenshot({ path: artifactPath('e2e-offline.png') });
  });
});
