import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from '../support/browser.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';

/** A person opens the hub's console in Chromium, signs in and sees live data. */
describe('console in a browser', () => {
  let hub: Hub;
  let pbx: Kamailio;
  let browser: Browser;
  let page: Page;

  const api = (path: string, body?: unknown) =>
    fetch(`${hub.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    const created = await api('/api/v1/agents', {
      name: 'Alice Agent',
      extension: '1001',
      role: 'agent',
      skills: ['billing'],
      login: { username: 'alice', password: 'alicepw123' },
      sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl },
    });
    expect(created.status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('shows the sign-in form and a clear error for a wrong password', async () => {
    await page.goto(`${hub.url}/`);
    await page.getByTestId('login-username').fill('alice');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/wrong username or password/i);
  });

  it('signs in as the agent created through the API, registers the seat with the PBX and shows the status bar', async () => {
    await page.getByTestId('login-password').fill('alicepw123');
    await page.getByTestId('login-submit').click();
    const hubState = page.getByTestId('hub-connection');
    await expect.poll(() => hubState.getAttribute('data-state')).toBe('connected');
    await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state')).toBe('registered');
    expect(await page.getByTestId('ai-status').getAttribute('data-state')).toBe('unconfigured');
    expect(await page.getByTestId('agent-status').textContent()).toContain('Alice Agent');
    await page.screenshot({ path: artifactPath('e2e-signed-in.png') });
  });

  it('shows a call recorded through the API live, without a reload', async () => {
    await page.keyboard.press('Alt+2');
    const call = await api('/api/v1/calls', { direction: 'inbound', from_number: '+81312345678', to_number: '1001', status: 'in-progress' });
    expect(call.status).toBe(201);
    const row = page.locator(`[data-testid="live-call-row"][data-call-sid="${call.json.sid}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toMatch(/3 1234 5678|312345678/);
    await page.screenshot({ path: artifactPath('e2e-live-calls.png') });
  });

  it('shows a call’s transcript growing live in its detail view', async () => {
    const calls = await api('/api/v1/calls?limit=1');
    const call = calls.json.calls[0];
    await page.goto(`${hub.url}/#/history/${call.id}`);
    const pane = page.getByTestId('transcript-pane');
    await pane.waitFor();
    const added = await api(`/api/v1/calls/${call.id}/transcripts`, { speaker: 'caller', text: 'My card was declined at the store.', start_ms: 1200, end_ms: 3400 });
    expect(added.status).toBe(201);
    const segment = pane.locator('[data-testid="transcript-segment"][data-speaker="caller"]');
    await segment.waitFor({ timeout: 10_000 });
    expect(await segment.textContent()).toContain('My card was declined at the store.');
    await page.screenshot({ path: artifactPath('e2e-call-detail.png') });
  });

  it('keeps the session across a reload and signs out', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('hub-connection').getAttribute('data-state')).toBe('connected');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
  });
});
