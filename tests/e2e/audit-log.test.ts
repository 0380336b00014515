import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { hubApi } from '../support/hub-api.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { speechWav } from '../support/speech.ts';

/** An admin reads the audit log in Settings: who changed what, filtered and paged; an agent never sees it. */
describe('audit log in the console', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  let ada: Page;
  let alice: Page;

  const api = hubApi(() => hub);
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await api(method, path, body);
    expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    return res.json;
  };

  beforeAll(async () => {
    pbx = await startKamailio({ users: [{ username: 'ada', password: 'adapw' }, { username: 'alice', password: 'alicepw' }] });
    hub = await startHub();
    await createSeatAgent(hub, pbx.wsUrl, 'ada', { name: 'Ada Admin', extension: '100', role: 'admin' });
    await createSeatAgent(hub, pbx.wsUrl, 'alice', { name: 'Alice Agent', extension: '101' });
    for (const [login, who] of [['ada', 'Ada'], ['alice', 'Alice']] as const) {
      const { browser, page } = await openConsolePage(hub, login, { wav: speechWav(`This is ${who}.`), viewport: { width: 1440, height: 1000 } });
      browsers.push(browser);
      if (login === 'ada') ada = page;
      else alice = page;
    }
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('lists supervisor and admin actions newest first with who, what and the details; filters by kind', async () => {
    const { agents } = (await ok('GET', '/api/v1/agents')) as { agents: { id: number; name: string }[] };
    const aliceId = agents.find((a) => a.name === 'Alice Agent')!.id;
    await ok('PUT', `/api/v1/agents/${aliceId}/status`, { status: 'away', reason: 'training' });
    await ok('PATCH', '/api/v1/queue/settings', { wrap_up_seconds: 40 });

    await ada.goto(`${hub.url}/#/settings`);
    const card = ada.getByTestId('audit-log');
    await card.getByTestId('audit-refresh').click();
    const rows = card.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-action')).toBe('queue.settings');
    expect(await rows.nth(0).textContent()).toMatch(/Changed queue settings.*wrap_up_seconds\s*40/);
    expect(await rows.nth(1).textContent()).toMatch(/Set an agent’s status.*Alice Agent.*away.*training/);
    await card.scrollIntoViewIfNeeded();
    await ada.screenshot({ path: artifactPath('audit-log.png'), fullPage: true });

    await card.getByTestId('audit-filter').selectOption('agent');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).getAttribute('data-action')).toBe('agent.status');

    await alice.goto(`${hub.url}/#/settings`);
    await alice.getByTestId('settings-view').waitFor();
    expect(await alice.getByTestId('audit-log').count()).toBe(0);
  });
});
