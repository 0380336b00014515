import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { remoteLevel } from '../support/page-audio.ts';
import { speechWav } from '../support/speech.ts';

/** Three consoles: transfers end with the right two parties talking, and hearing each other. */
describe('softphone: blind and attended transfer', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  const pages: Record<'alice' | 'bob' | 'carol', Page> = {} as never;
  const SPEECH = 0.01;

  async function consoleFor(login: string, wav: string): Promise<Page> {
    const { browser, page } = await openConsolePage(hub, login, { wav });
    browsers.push(browser);
    await page.keyboard.press('Alt+1');
    return page;
  }

  /** The one line card of `page` in `state` (waits for it). */
  async function card(page: Page, state: string): Promise<Locator> {
    const c = page.locator(`[data-testid="line-card"][data-state="${state}"]`).first();
    await c.waitFor({ timeout: 15_000 });
    return c;
  }

  /** Each side hears speech on its talking line within a few seconds of the transfer settling. */
  async function hearsEachOther(a: Page, b: Page): Promise<void> {
    for (const page of [a, b]) {
      const level = async (): Promise<number> => remoteLevel(page, (await (await card(page, 'talking')).getAttribute('data-line-id'))!, 1000);
      await expect.poll(level, { timeout: 15_000, interval: 250 }).toBeGreaterThan(SPEECH);
    }
  }

  async function call(from: Page, to: Page, target: string): Promise<void> {
    await from.getByTestId('dial-input').fill(target);
    await from.getByTestId('dial-call').click();
    await to.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await to.getByTestId('toast-answer').click();
    await card(from, 'talking');
    await card(to, 'talking');
  }

  /** Ends every call still up (one side of each is enough) and clears the ended cards. */
  async function hangUpAll(): Promise<void> {
    for (const p of Object.values(pages)) {
      const live = p.locator('[data-testid="line-card"]:not([data-state="ended"])');
      for (let i = 0; i < 5 && (await live.count()) > 0; i++) {
        await live.first().getByTestId('hangup').click({ timeout: 2000 }).catch(() => undefined);
        await p.waitForTimeout(200);
      }
    }
    for (const p of Object.values(pages)) {
      await expect.poll(() => p.locator('[data-testid="line-card"]:not([data-state="ended"])').count(), { timeout: 10_000 }).toBe(0);
      const dismiss = p.getByTestId('dismiss');
      for (let i = 0; i < 5 && (await dismiss.count()) > 0; i++) await dismiss.first().click({ timeout: 2000 }).catch(() => undefined);
    }
  }

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    for (const user of ['alice', 'bob', 'carol'] as const) await createSeatAgent(hub, pbx.wsUrl, user);
    pages.alice = await consoleFor('alice', speechWav('Alice here, from billing. Let me put you through to my colleague.'));
    pages.bob = await consoleFor('bob', speechWav('This is Bob, the customer. I would like to talk about my invoice.', 'en-gb'));
    pages.carol = await consoleFor('carol', speechWav('Carol speaking, senior accounts. How can I help with the invoice?', 'en-us+f3'));
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('blind transfer: Alice sends Bob to Carol; Bob and Carol talk and hear each other', async () => {
    const { alice, bob, carol } = pages;
    await call(alice, bob, 'bob');
    const aliceLine = await card(alice, 'talking');
    await aliceLine.getByTestId('transfer-target').fill('carol');
    await aliceLine.getByTestId('transfer-blind').click();
    await carol.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await carol.getByTestId('toast-answer').click();
    await expect.poll(() => alice.locator('[data-testid="line-card"]').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('ended');
    expect(await alice.getByTestId('line-end-reason').first().textContent()).toMatch(/transfer/i);
    await hearsEachOther(bob, carol);
    await carol.screenshot({ path: artifactPath('softphone-blind-transferred.png') });
    await hangUpAll();
  });

  it('attended transfer: Alice consults Carol, then connects Bob to her; Bob and Carol talk', async () => {
    const { alice, bob, carol } = pages;
    await call(alice, bob, 'bob');
    const aliceToBob = await card(alice, 'talking');
    await aliceToBob.getByTestId('transfer-target').fill('carol');
    await aliceToBob.getByTestId('transfer-attended').click();
    await carol.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await carol.getByTestId('toast-answer').click();
    await card(alice, 'on-hold');
    const consult = await card(alice, 'talking');
    await hearsEachOther(alice, carol);
    await alice.screenshot({ path: artifactPath('softphone-consulting.png') });
    await consult.getByTestId('transfer-attended').click();
    await expect.poll(() => alice.locator('[data-testid="line-card"]:not([data-state="ended"])').count(), { timeout: 15_000 }).toBe(0);
    await hearsEachOther(bob, carol);
    await bob.screenshot({ path: artifactPath('softphone-attended-transferred.png') });
    await hangUpAll();
  });
});
