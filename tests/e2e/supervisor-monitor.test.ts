import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorMode } from '../../shared/contracts/monitor-client.ts';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { heardAudio, type HeardAudio } from '../support/page-audio.ts';
import { speechWav } from '../support/speech.ts';
import { toneWav, withPilotTone } from '../support/tone-wav.ts';

/** The supervisor is a pure 1 kHz tone; the caller's and the agent's speech each carry a quiet pilot tone, so whose audio someone hears can be told apart. */
const TONE = 1000;
const CALLER = 600;
const AGENT = 1400;
const FREQUENCIES = [CALLER, TONE, AGENT];
/** Someone speaking is heard above this RMS. */
const SPEECH = 0.01;
/** A tone that reaches a person reads above ON (Goertzel amplitude); one that does not, below OFF. */
const ON = 0.025;
const OFF = 0.015;

/**
 * Peer monitoring with real media: three Chromium consoles through Kamailio. Bob (the caller) and
 * Alice (the agent) speak; Carol (the supervisor) is a pure 1 kHz tone. What each person hears is
 * measured from the media elements their console plays (RMS, and Goertzel at each tone).
 */
describe('supervisor: listen, whisper, barge, take over (peer mode, real media)', () => {
  let pbx: Kamailio;
  let hub: Hub;
  const browsers: Browser[] = [];
  const pages: Record<'alice' | 'bob' | 'carol', Page> = {} as never;
  let callSid = '';

  async function consoleFor(login: string, wav: string): Promise<Page> {
    const { browser, page } = await openConsolePage(hub, login, { wav, viewport: { width: 1366, height: 900 } });
    browsers.push(browser);
    return page;
  }

  const openLines = (page: Page): Locator => page.locator('[data-testid="line-card"]:not([data-state="ended"])');
  const heard = (page: Page): Promise<HeardAudio> => heardAudio(page, { frequencies: FREQUENCIES, ms: 1500 });
  /** Which of the three people a measurement contains, by their tones. */
  const who = (h: HeardAudio): string[] =>
    [
      ['caller', CALLER],
      ['supervisor', TONE],
      ['agent', AGENT],
    ]
      .filter(([, f]) => (h.tones[f as number] ?? 0) > ON)
      .map(([name]) => name as string);
  /** Every tone either clearly in or clearly out (nothing in between, where a measurement could go either way). */
  const clear = (h: HeardAudio): boolean => FREQUENCIES.every((f) => (h.tones[f] ?? 0) > ON || (h.tones[f] ?? 0) < OFF);
  const controls = (): Locator => pages.carol.getByTestId('monitor-controls');

  async function inMode(mode: MonitorMode): Promise<void> {
    await expect.poll(() => controls().getAttribute('data-mode'), { timeout: 10_000 }).toBe(mode);
    await expect.poll(() => controls().getAttribute('data-phase')).toBe('active');
    await expect.poll(() => openLines(pages.alice).first().getAttribute('data-monitored'), { timeout: 10_000 }).toBe(mode);
  }

  beforeAll(async () => {
    pbx = await startKamailio();
    hub = await startHub();
    await createSeatAgent(hub, pbx.wsUrl, 'alice', { name: 'Alice Agent', extension: '101' });
    await createSeatAgent(hub, pbx.wsUrl, 'bob', { name: 'Bob Caller', extension: '102' });
    await createSeatAgent(hub, pbx.wsUrl, 'carol', { name: 'Carol Supervisor', extension: '103', role: 'supervisor' });
    pages.bob = await consoleFor('bob', withPilotTone(speechWav('This is Bob, the customer. I would like to talk about my invoice, please.', 'en-gb'), CALLER, 0.4));
    pages.alice = await consoleFor('alice', withPilotTone(speechWav('Alice speaking, accounts team. Let me look that invoice up for you.', 'en-us+f3'), AGENT, 0.4));
    pages.carol = await consoleFor('carol', toneWav(TONE));

    await pages.bob.getByTestId('dial-input').fill('alice');
    await pages.bob.getByTestId('dial-call').click();
    await pages.alice.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await pages.alice.getByTestId('toast-answer').click();
    await pages.alice.locator('[data-testid="line-card"][data-state="talking"]').waitFor({ timeout: 15_000 });
    await pages.bob.locator('[data-testid="line-card"][data-state="talking"]').waitFor({ timeout: 15_000 });
    callSid = (await openLines(pages.alice).first().getAttribute('data-call-sid'))!;

    // Carol follows the call on the live-calls board.
    await pages.carol.keyboard.press('Alt+2');
    const row = pages.carol.locator(`[data-testid="live-call-row"][data-call-sid="${callSid}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await controls().waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
  });

  /** What each person hears now, by whose tones are in it; logged for the record. */
  async function hearing(step: string): Promise<Record<'alice' | 'bob' | 'carol', HeardAudio>> {
    const h = { carol: await heard(pages.carol), alice: await heard(pages.alice), bob: await heard(pages.bob) };
    const fmt = (x: HeardAudio) => `rms ${x.rms.toFixed(3)} ${FREQUENCIES.map((f) => `${f}:${(x.tones[f] ?? 0).toFixed(4)}`).join(' ')}`;
    console.log(`${step}\n  carol ${fmt(h.carol)}\n  alice ${fmt(h.alice)}\n  bob   ${fmt(h.bob)}`);
    for (const [name, x] of Object.entries(h)) expect(clear(x), `${step}: ${name} hears every tone clearly or not at all (${fmt(x)})`).toBe(true);
    return h;
  }

  it('listen: the supervisor hears caller and agent; nobody hears the supervisor', async () => {
    const { alice, carol } = pages;
    await carol.getByTestId('monitor-listen').click();
    await inMode('listen');
    // Alice's console took the monitor call by itself: no ringing, no second card, and says so.
    expect(await openLines(alice).count()).toBe(1);
    expect(await alice.getByTestId('incoming-toast').count()).toBe(0);
    expect(await alice.getByTestId('monitor-indicator').textContent()).toMatch(/Supervisor listening/);

    const h = await hearing('listen');
    expect(who(h.carol), 'Carol hears the caller and the agent').toEqual(['caller', 'agent']);
    expect(h.carol.rms).toBeGreaterThan(SPEECH);
    expect(who(h.alice), 'Alice hears only the caller').toEqual(['caller']);
    expect(who(h.bob), 'Bob hears only the agent').toEqual(['agent']);
    await carol.screenshot({ path: artifactPath('supervisor-monitor-listen.png') });
    await alice.screenshot({ path: artifactPath('supervisor-monitor-agent-listen.png') });
  });

  it('whisper (Alt+W): the agent hears the supervisor, the caller does not', async () => {
    await pages.carol.keyboard.press('Alt+W');
    await inMode('whisper');
    expect(await pages.alice.getByTestId('monitor-indicator').textContent()).toMatch(/Supervisor whispering/);
    const h = await hearing('whisper');
    expect(who(h.alice), 'Alice hears the caller and Carol').toEqual(['caller', 'supervisor']);
    expect(who(h.bob), 'Bob still hears only Alice').toEqual(['agent']);
    expect(who(h.carol)).toEqual(['caller', 'agent']);
    await pages.alice.screenshot({ path: artifactPath('supervisor-monitor-agent-whisper.png') });
  });

  it('barge (Alt+B): caller and agent both hear the supervisor', async () => {
    await pages.carol.keyboard.press('Alt+B');
    await inMode('barge');
    const h = await hearing('barge');
    expect(who(h.alice), 'Alice hears the caller and Carol').toEqual(['caller', 'supervisor']);
    expect(who(h.bob), 'Bob hears Carol and Alice').toEqual(['supervisor', 'agent']);
    expect(who(h.carol), 'Carol hears the caller and Alice, not herself').toEqual(['caller', 'agent']);
    await pages.carol.screenshot({ path: artifactPath('supervisor-monitor-barge.png') });
  });

  it('back to listen (Alt+L): the tone is gone for both', async () => {
    await pages.carol.keyboard.press('Alt+L');
    await inMode('listen');
    const h = await hearing('listen again');
    expect(who(h.alice)).toEqual(['caller']);
    expect(who(h.bob)).toEqual(['agent']);
    expect(who(h.carol)).toEqual(['caller', 'agent']);
  });

  it('the agent can turn the notice off (Settings → Call handling); monitoring goes on unseen', async () => {
    const { alice, carol } = pages;
    await alice.keyboard.press('Alt+6');
    const toggle = alice.getByTestId('show-monitoring-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await alice.screenshot({ path: artifactPath('supervisor-monitor-agent-setting.png') });
    await alice.keyboard.press('Alt+1');
    await expect.poll(() => alice.getByTestId('monitor-indicator').count()).toBe(0);
    expect(await carol.getByTestId('monitor-controls').getAttribute('data-phase')).toBe('active');
    await alice.keyboard.press('Alt+6');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await alice.keyboard.press('Alt+1');
    await expect.poll(() => alice.getByTestId('monitor-indicator').count()).toBe(1);
  });

  it('take over (Alt+T): caller and supervisor talk, the agent’s line is free', async () => {
    const { alice, bob, carol } = pages;
    await carol.keyboard.press('Alt+T');
    await expect.poll(() => controls().getAttribute('data-phase'), { timeout: 15_000 }).toBe('taken-over');
    await carol.screenshot({ path: artifactPath('supervisor-monitor-taken-over-panel.png') });
    await carol.keyboard.press('Alt+1');
    await expect.poll(() => openLines(alice).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => openLines(carol).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => openLines(carol).first().getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
    await expect.poll(() => openLines(bob).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => openLines(bob).first().getAttribute('data-state'), { timeout: 15_000 }).toBe('talking');
    expect(await openLines(bob).first().getByTestId('line-remote').textContent()).toMatch(/carol/i);

    const h = await hearing('taken over');
    expect(who(h.bob), 'Bob hears Carol').toEqual(['supervisor']);
    expect(who(h.carol), 'Carol hears Bob').toEqual(['caller']);
    expect(h.alice.lines, 'Alice plays nothing').toEqual([]);
    await carol.screenshot({ path: artifactPath('supervisor-monitor-taken-over.png') });
    await alice.screenshot({ path: artifactPath('supervisor-monitor-agent-released.png') });
  });

  it('the supervisor sees the supervision settings (read-only): peer mode, the secret made at first use', async () => {
    const { carol } = pages;
    await carol.keyboard.press('Alt+6');
    const card = carol.getByTestId('monitor-settings');
    await card.waitFor();
    expect(await carol.getByTestId('monitor-via-peer').isChecked()).toBe(true);
    expect(await carol.getByTestId('monitor-via-pbx').isDisabled()).toBe(true);
    expect(await carol.getByTestId('monitor-secret-fingerprint').textContent()).toMatch(/Fingerprint [0-9a-f]{12}/);
    await card.screenshot({ path: artifactPath('supervisor-monitor-settings.png') });
  });
});
