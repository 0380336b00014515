import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { remoteLevel } from '../support/page-audio.ts';
import { speechWav } from '../support/speech.ts';

/** Two people on two consoles of one hub, each with a fake microphone playing speech. */
describe('softphone: a real call between two consoles', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  let alice: Page;
  let bob: Page;

  const SPEECH_THRESHOLD = 0.01;
  const SILENCE_CEILING = 0.003;

  async function consoleFor(login: string, wav: string): Promise<Page> {
    const { browser, page } = await openConsolePage(hub, login, { wav });
    browsers.push(browser);
    return page;
  }

  const lineCard = (page: Page) => page.getByTestId('line-card').first();
  const lineState = (page: Page) => lineCard(page).getAttribute('data-state');
  const lineId = async (page: Page) => (await lineCard(page).getAttribute('data-line-id'))!;

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    for (const [name, user] of [['Alice Agent', 'alice'], ['Bob Agent', 'bob']] as const) await createSeatAgent(hub, pbx.wsUrl, user, { name });
    alice = await consoleFor('alice', speechWav('Hello, this is Alice from the billing team. How can I help you today?'));
    bob = await consoleFor('bob', speechWav('Hi Alice, this is Bob. My card was declined yesterday evening.', 'en-gb'));
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  it('dials by the dial pad, answers by shortcut, and audio flows both ways', async () => {
    await alice.keyboard.press('Alt+1');
    await alice.getByTestId('dial-input').fill('bob');
    await alice.getByTestId('dial-call').click();
    await bob.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await bob.screenshot({ path: artifactPath('softphone-incoming.png') });
    await bob.keyboard.press('Control+Enter');
    await expect.poll(() => lineState(alice), { timeout: 15_000 }).toBe('talking');
    await expect.poll(() => lineState(bob), { timeout: 15_000 }).toBe('talking');
    await alice.screenshot({ path: artifactPath('softphone-talking.png') });

    const heardByAlice = await remoteLevel(alice, await lineId(alice));
    const heardByBob = await remoteLevel(bob, await lineId(bob));
    expect(heardByAlice, 'Alice hears Bob').toBeGreaterThan(SPEECH_THRESHOLD);
    expect(heardByBob, 'Bob hears Alice').toBeGreaterThan(SPEECH_THRESHOLD);
  });

  it('hold silences the held party and resume brings the audio back', async () => {
    await lineCard(alice).getByTestId('hold').click();
    await expect.poll(() => lineState(alice), { timeout: 10_000 }).toBe('on-hold');
    await expect.poll(() => lineState(bob), { timeout: 10_000 }).toBe('remote-hold');
    await alice.screenshot({ path: artifactPath('softphone-on-hold.png') });
    expect(await remoteLevel(alice, await lineId(alice)), 'Alice hears nothing while holding').toBeLessThan(SILENCE_CEILING);
    expect(await remoteLevel(bob, await lineId(bob)), 'Bob, on hold, does not overhear Alice').toBeLessThan(SILENCE_CEILING);

    await lineCard(alice).getByTestId('hold').click();
    await expect.poll(() => lineState(alice), { timeout: 10_000 }).toBe('talking');
    await expect.poll(() => lineState(bob), { timeout: 10_000 }).toBe('talking');
    expect(await remoteLevel(alice, await lineId(alice)), 'Alice hears Bob again').toBeGreaterThan(SPEECH_THRESHOLD);
  });

  it('sends DTMF as RFC 4733 from the keypad and records it on the call', async () => {
    for (const d of ['4', '2', '#']) await lineCard(alice).getByTestId(`dtmf-${d}`).click();
    const sid = (await lineCard(alice).getAttribute('data-call-sid'))!;
    await expect
      .poll(async () => {
        const call = await (await fetch(`${hub.url}/api/v1/calls/sid/${sid}`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
        const events = await (await fetch(`${hub.url}/api/v1/calls/${call.id}/events`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
        return events.events.filter((e: { type: string }) => e.type === 'line.dtmf').map((e: { data: { digits: string; source: string } }) => `${e.data.digits}/${e.data.source}`);
      })
      .toEqual(['4/rfc4733', '2/rfc4733', '#/rfc4733']);
  });

  it('a console reload during a call keeps the call and brings its audio back', async () => {
    await bob.reload();
    await bob.locator('[data-testid="registration-status"][data-state="registered"]').waitFor({ timeout: 15_000 });
    await bob.keyboard.press('Alt+1');
    await expect.poll(() => lineState(bob), { timeout: 15_000 }).toBe('talking');
    await expect.poll(async () => remoteLevel(bob, await lineId(bob), 800), { timeout: 20_000 }).toBeGreaterThan(SPEECH_THRESHOLD);
    await expect.poll(async () => remoteLevel(alice, await lineId(alice), 800), { timeout: 20_000 }).toBeGreaterThan(SPEECH_THRESHOLD);
  });

  it('mute silences Alice for Bob; hanging up ends both lines', async () => {
    // Muted from another view by its hotkey: a cue says what happened, wherever Alice is.
    await alice.keyboard.press('Alt+4');
    await alice.keyboard.press('Alt+M');
    const cue = alice.getByTestId('hotkey-cue');
    await expect.poll(() => cue.textContent()).toMatch(/^Alt\+M · Muted — bob/i);
    expect(await cue.getAttribute('data-ok')).toBe('true');
    await alice.waitForTimeout(200); // past its fade-in
    await alice.screenshot({ path: artifactPath('hotkey-cue.png') });
    await alice.keyboard.press('Alt+1');
    await expect.poll(() => lineCard(alice).getByTestId('mute').getAttribute('aria-pressed')).toBe('true');
    await alice.waitForTimeout(400); // what was already in Bob's jitter buffer still plays out
    expect(await remoteLevel(bob, await lineId(bob)), 'Bob hears nothing from a muted Alice').toBeLessThan(SILENCE_CEILING);
    await lineCard(alice).getByTestId('hangup').click();
    await expect.poll(() => lineState(alice)).toBe('ended');
    await expect.poll(() => lineState(bob)).toBe('ended');
    await bob.screenshot({ path: artifactPath('softphone-ended.png') });
    // Nothing left to hang up: the cue says so instead of the key silently doing nothing.
    await alice.keyboard.press('Alt+H');
    await expect.poll(() => alice.getByTestId('hotkey-cue').textContent()).toMatch(/No selected call to hang up/);
    expect(await alice.getByTestId('hotkey-cue').getAttribute('data-ok')).toBe('false');
  });
});
