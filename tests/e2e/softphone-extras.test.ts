import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { speechWav } from '../support/speech.ts';

/** Click-to-dial links, the transfer directory, do not disturb and auto-answer between two consoles. */
describe('softphone extras: click-to-dial, directory, do not disturb, auto-answer', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  let alice: Page;
  let bob: Page;

  async function consoleFor(login: string, path = '/'): Promise<Page> {
    const { browser, page } = await openConsolePage(hub, login, { wav: speechWav(`${login} speaking from the support desk.`), path, viewport: { width: 1366, height: 860 } });
    browsers.push(browser);
    return page;
  }

  const open = (page: Page): Locator => page.locator('[data-testid="line-card"]:not([data-state="ended"])');

  async function clearLines(...pages: Page[]): Promise<void> {
    for (const p of pages) for (const c of await open(p).all()) await c.getByTestId('hangup').click({ timeout: 2000 }).catch(() => undefined);
    for (const p of pages) {
      await expect.poll(() => open(p).count(), { timeout: 10_000 }).toBe(0);
      for (const d of await p.getByTestId('dismiss').all()) await d.click().catch(() => undefined);
    }
  }

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    for (const [user, extension] of [['alice', '2001'], ['bob', '2002']] as const) {
      await createSeatAgent(hub, pbx.wsUrl, user, { name: `${user[0]!.toUpperCase()}${user.slice(1)} Agent`, extension });
    }
    bob = await consoleFor('bob');
    await bob.keyboard.press('Alt+1');
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('a click-to-dial link prefills the dial pad, asks, and dials only after the agent confirms', async () => {
    alice = await consoleFor('alice', '/?dial=sip%3Abob%40127.0.0.1');
    const prompt = alice.getByTestId('click-to-dial-prompt');
    await prompt.waitFor({ timeout: 10_000 });
    await expect(alice.getByTestId('dial-input').inputValue()).resolves.toBe('sip:bob@127.0.0.1');
    expect(new URL(alice.url()).searchParams.has('dial'), 'the link is taken out of the address').toBe(false);
    await alice.screenshot({ path: artifactPath('softphone-click-to-dial.png') });
    // Nothing rings until the agent says so.
    await alice.waitForTimeout(1500);
    expect(await bob.getByTestId('incoming-toast').count()).toBe(0);
    expect(await open(alice).count()).toBe(0);

    await alice.getByTestId('click-to-dial-confirm').click();
    await bob.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await expect.poll(() => prompt.count()).toBe(0);
    await bob.getByTestId('toast-answer').click();
    await expect.poll(() => open(alice).first().getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
  });

  it('the transfer target offers the agent directory, keyboard first', async () => {
    const target = open(alice).first().getByTestId('transfer-target');
    await target.fill('bo');
    const option = alice.getByTestId('directory-option').first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toMatch(/Bob Agent/);
    await expect(option.textContent()).resolves.toMatch(/2002/);
    await expect(option.getAttribute('data-status')).resolves.toBeTruthy();
    await alice.screenshot({ path: artifactPath('softphone-transfer-directory.png') });
    await target.press('ArrowDown');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await target.press('Enter');
    await expect(target.inputValue()).resolves.toBe('2002');
    await expect.poll(() => alice.getByTestId('directory-option').count()).toBe(0);
    // Enter picked the suggestion; it did not transfer the call.
    expect(await open(alice).first().getAttribute('data-state')).toBe('talking');
    await target.fill('');
    await clearLines(alice, bob);
  });

  it('a tel: link clicked inside the console goes to the dial input', async () => {
    await alice.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'tel:+1-555-123-4567';
      a.textContent = 'Call the customer';
      a.dataset.testid = 'test-tel-link';
      document.querySelector('[data-testid="lines"]')?.append(a);
    });
    await alice.getByTestId('test-tel-link').click();
    await expect.poll(() => alice.getByTestId('dial-input').inputValue()).toBe('+1-555-123-4567');
    expect(await alice.getByTestId('click-to-dial-prompt').count(), 'no prompt for a link the agent clicked').toBe(0);
    expect(await open(alice).count()).toBe(0);
    await alice.getByTestId('dial-input').fill('');
  });

  it('do not disturb refuses calls as busy; turned off, calls ring again', async () => {
    const dnd = bob.getByTestId('dnd-toggle');
    await dnd.click();
    await expect.poll(() => dnd.getAttribute('aria-pressed')).toBe('true');
    await bob.getByTestId('dnd-badge').waitFor();
    await bob.screenshot({ path: artifactPath('softphone-dnd-on.png') });

    await alice.getByTestId('dial-input').fill('bob');
    await alice.getByTestId('dial-call').click();
    await expect.poll(() => alice.getByTestId('line-card').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('ended');
    await expect(alice.getByTestId('line-end-reason').first().getAttribute('data-reason')).resolves.toBe('busy');
    expect(await bob.getByTestId('incoming-toast').count()).toBe(0);
    await alice.screenshot({ path: artifactPath('softphone-dnd-refused.png') });
    for (const d of await alice.getByTestId('dismiss').all()) await d.click();

    await dnd.click();
    await expect.poll(() => dnd.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => bob.getByTestId('dnd-badge').count()).toBe(0);
    await alice.getByTestId('dial-input').fill('bob');
    await alice.getByTestId('dial-call').click();
    await bob.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await bob.getByTestId('toast-decline').click();
    await expect.poll(() => alice.getByTestId('line-card').first().getAttribute('data-state'), { timeout: 15_000 }).toBe('ended');
    for (const p of [alice, bob]) for (const d of await p.getByTestId('dismiss').all()) await d.click();
  });

  it('auto-answer set in Settings answers an incoming call by itself', async () => {
    await bob.keyboard.press('Alt+6');
    const toggle = bob.getByTestId('auto-answer-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await bob.getByTestId('auto-answer-delay').selectOption('1');
    await bob.screenshot({ path: artifactPath('settings-phone.png') });
    await bob.keyboard.press('Alt+1');

    await alice.getByTestId('dial-input').fill('bob');
    await alice.getByTestId('dial-call').click();
    await expect.poll(() => open(bob).first().getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
    await expect.poll(() => open(alice).first().getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
    await clearLines(alice, bob);

    await bob.keyboard.press('Alt+6');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
  });
});
