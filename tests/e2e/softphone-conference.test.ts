import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { remoteLevel } from '../support/page-audio.ts';
import { speechWav } from '../support/speech.ts';

/** Five seconds of digital silence for a fake microphone (48 kHz mono, loops). */
function silenceWav(): string {
  const out = join(tmpdir(), 'earshot-silence-48k.wav');
  if (!existsSync(out)) execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', out, 'trim', '0', '5']);
  return out;
}

/**
 * Three consoles. Alice's microphone is silent, so whatever Bob hears on his call with Alice
 * can only be Carol (and the other way round) coming through the mix in Alice's console.
 */
describe('softphone: 3-way conference mixed in the console', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  const pages: Record<'alice' | 'bob' | 'carol', Page> = {} as never;
  const SPEECH = 0.01;
  const SILENCE = 0.003;

  async function consoleFor(login: string, wav: string): Promise<Page> {
    const { browser, page } = await openConsolePage(hub, login, { wav, viewport: { width: 1366, height: 900 } });
    browsers.push(browser);
    await page.keyboard.press('Alt+1');
    return page;
  }

  /** Alice's card for the call with `who` (by the remote shown on it). */
  const aliceCard = (who: string): Locator =>
    pages.alice.locator('[data-testid="line-card"]:not([data-state="ended"])').filter({ has: pages.alice.getByTestId('line-remote').filter({ hasText: new RegExp(`^${who}`, 'i') }) });
  const only = (page: Page): Locator => page.locator('[data-testid="line-card"]:not([data-state="ended"])').first();
  const idOf = async (card: Locator): Promise<string> => (await card.getAttribute('data-line-id'))!;

  async function call(from: Page, to: Page, target: string): Promise<void> {
    await from.getByTestId('dial-input').fill(target);
    await from.getByTestId('dial-call').click();
    await to.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await to.getByTestId('toast-answer').click();
    await expect.poll(() => only(to).getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
  }

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    for (const user of ['alice', 'bob', 'carol'] as const) await createSeatAgent(hub, pbx.wsUrl, user);
    pages.alice = await consoleFor('alice', silenceWav());
    pages.bob = await consoleFor('bob', speechWav('This is Bob, the customer. I would like to talk about my invoice.', 'en-gb'));
    pages.carol = await consoleFor('carol', speechWav('Carol speaking, senior accounts. How can I help with the invoice?', 'en-us+f3'));
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('joins a held call and a talking call: each far end hears the other through Alice, Alice hears both', async () => {
    const { alice, bob, carol } = pages;
    await call(alice, bob, 'bob');
    await call(alice, carol, 'carol');
    // Calling Carol put Bob on hold; with Alice's silent microphone Bob hears nothing yet.
    await expect.poll(() => aliceCard('bob').getAttribute('data-state'), { timeout: 10_000 }).toBe('on-hold');
    await expect.poll(() => only(bob).getAttribute('data-state'), { timeout: 10_000 }).toBe('remote-hold');
    expect(await remoteLevel(bob, await idOf(only(bob))), 'Bob hears nothing before the conference').toBeLessThan(SILENCE);

    await aliceCard('carol').getByTestId('conference').click();
    for (const who of ['bob', 'carol']) {
      await expect.poll(() => aliceCard(who).getAttribute('data-conference'), { timeout: 10_000 }).toBe('true');
      await expect.poll(() => aliceCard(who).getAttribute('data-state'), { timeout: 10_000 }).toBe('talking');
      await expect(aliceCard(who).getByTestId('conference-badge').textContent()).resolves.toMatch(/conference/i);
    }
    await expect.poll(() => only(bob).getAttribute('data-state'), { timeout: 10_000 }).toBe('talking');

    const bobHears = await remoteLevel(bob, await idOf(only(bob)));
    const carolHears = await remoteLevel(carol, await idOf(only(carol)));
    expect(bobHears, 'Bob hears Carol through Alice’s mix').toBeGreaterThan(SPEECH);
    expect(carolHears, 'Carol hears Bob through Alice’s mix').toBeGreaterThan(SPEECH);
    expect(await remoteLevel(alice, await idOf(aliceCard('bob'))), 'Alice hears Bob').toBeGreaterThan(SPEECH);
    expect(await remoteLevel(alice, await idOf(aliceCard('carol'))), 'Alice hears Carol').toBeGreaterThan(SPEECH);
    await alice.screenshot({ path: artifactPath('softphone-conference.png') });
    await bob.screenshot({ path: artifactPath('softphone-conference-bob.png') });
  });

  it('muting one leg still sends that party the other far end', async () => {
    const { alice, bob } = pages;
    await aliceCard('bob').getByTestId('mute').click();
    await expect.poll(() => aliceCard('bob').getAttribute('data-muted')).toBe('true');
    expect(await remoteLevel(bob, await idOf(only(bob))), 'muted Alice: Bob still hears Carol').toBeGreaterThan(SPEECH);
    await aliceCard('bob').getByTestId('mute').click();
    await expect.poll(() => aliceCard('bob').getAttribute('data-muted')).toBe('false');
    expect(alice).toBeDefined();
  });

  it('split keeps the card’s call and holds the other; both are plain calls again', async () => {
    const { alice, bob, carol } = pages;
    await aliceCard('carol').getByTestId('conference-end').click();
    await expect.poll(() => aliceCard('bob').getAttribute('data-state'), { timeout: 10_000 }).toBe('on-hold');
    await expect.poll(() => aliceCard('carol').getAttribute('data-state')).toBe('talking');
    for (const who of ['bob', 'carol']) await expect.poll(() => aliceCard(who).getAttribute('data-conference')).toBe('false');
    await alice.waitForTimeout(400);
    expect(await remoteLevel(carol, await idOf(only(carol))), 'Carol hears only Alice’s silent microphone').toBeLessThan(SILENCE);
    expect(await remoteLevel(bob, await idOf(only(bob))), 'held Bob hears nothing').toBeLessThan(SILENCE);
    await alice.screenshot({ path: artifactPath('softphone-conference-split.png') });
  });

  it('a leg hanging up ends the conference; the other call goes back to the plain microphone', async () => {
    const { alice, bob, carol } = pages;
    await aliceCard('bob').getByTestId('conference').click();
    await expect.poll(() => aliceCard('carol').getAttribute('data-conference'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => only(bob).getAttribute('data-state'), { timeout: 10_000 }).toBe('talking');
    expect(await remoteLevel(carol, await idOf(only(carol))), 'Carol hears Bob again').toBeGreaterThan(SPEECH);

    await only(bob).getByTestId('hangup').click();
    await expect.poll(() => aliceCard('carol').getAttribute('data-conference'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => alice.locator('[data-testid="line-card"]:not([data-state="ended"])').count(), { timeout: 10_000 }).toBe(1);
    await alice.waitForTimeout(400);
    expect(await remoteLevel(carol, await idOf(only(carol))), 'Carol hears only Alice’s silent microphone').toBeLessThan(SILENCE);
    expect(await remoteLevel(alice, await idOf(aliceCard('carol'))), 'Alice still hears Carol').toBeGreaterThan(SPEECH);
    await aliceCard('carol').getByTestId('hangup').click();
    await expect.poll(() => only(carol).count(), { timeout: 10_000 }).toBe(0);
  });
});
