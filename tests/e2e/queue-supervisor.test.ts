import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';

/**
 * The supervisor's console: Carol sets Alice away (with a reason) from the agent board and
 * Alice's own console says so; Carol tunes the queue policy in Settings, and a value out of
 * range is refused in the core's words; Alice, an agent, has neither control. Then Carol
 * monitors Alice's call and History tells who monitored it, in which modes.
 */
describe('supervisor console: agents, queue policy, monitoring in History', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let wavDir: string;
  const browsers: Browser[] = [];
  let carol: Page;
  let alice: Page;
  let aliceId: number;

  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${hub.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const row = (page: Page, id: number): Locator => page.locator(`[data-testid="wallboard-agent"][data-agent-id="${id}"]`);
  const open = async (login: string, path: string): Promise<Page> => {
    const c = await openConsolePage(hub, login, { wav: join(wavDir, 'quiet.wav'), path, viewport: { width: 1440, height: 900 } });
    browsers.push(c.browser);
    return c.page;
  };

  beforeAll(async () => {
    wavDir = mkdtempSync(join(tmpdir(), 'earshot-supervisor-'));
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', join(wavDir, 'quiet.wav'), 'synth', '2', 'sine', '440', 'vol', '0.05']);
    pbx = await startKamailio();
    hub = await startHub();
    await createSeatAgent(hub, pbx.wsUrl, 'alice', { name: 'Alice Agent', extension: '101' });
    await createSeatAgent(hub, pbx.wsUrl, 'bob', { name: 'Bob Caller', extension: '102' });
    await createSeatAgent(hub, pbx.wsUrl, 'carol', { name: 'Carol Supervisor', extension: '103', role: 'supervisor' });
    const agents = await api<{ agents: { id: number; login_username: string }[] }>('GET', '/api/v1/agents');
    aliceId = agents.agents.find((a) => a.login_username === 'alice')!.id;
    carol = await open('carol', '/#/queue');
    alice = await open('alice', '/');
    await row(carol, aliceId).waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
    if (wavDir) rmSync(wavDir, { recursive: true, force: true });
  });

  it("the supervisor sets an agent away with a reason from the board; the agent's own console shows it; then available again", async () => {
    await expect.poll(() => row(carol, aliceId).getAttribute('data-state'), { timeout: 10_000 }).toBe('available');
    await expect.poll(() => alice.getByTestId('agent-status-select').inputValue()).toBe('available');

    const toggle = row(carol, aliceId).getByTestId('agent-actions-toggle');
    expect(await toggle.getAttribute('aria-label')).toBe('Change Alice Agent’s status');
    await toggle.click();
    const panel = row(carol, aliceId).getByTestId('agent-actions');
    await panel.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Agents do not supervise: that reason is not offered for Alice, nor the queue's own "missed a call".
    const reasons = await panel.getByTestId('agent-action-reason').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(reasons).toEqual(['break', 'lunch', 'training', 'meeting', 'other']);
    await panel.getByTestId('agent-action-reason').selectOption('training');
    await carol.screenshot({ path: artifactPath('supervisor-agent-actions.png') });

    const t0 = Date.now();
    await panel.getByTestId('agent-action-away').click();
    await expect.poll(() => alice.getByTestId('agent-status-select').inputValue(), { timeout: 5000 }).toBe('away:training');
    console.log(`supervisor sets away → the agent's own console shows it: ${Date.now() - t0} ms`);
    await expect.poll(() => row(carol, aliceId).getAttribute('data-state')).toBe('away');
    expect(await row(carol, aliceId).getAttribute('data-status-reason')).toBe('training');
    expect(await row(carol, aliceId).locator('.agent-item-reason').textContent()).toBe('Training');
    // The panel closed, and the keyboard is back on Alice's row in its new group.
    await expect.poll(() => row(carol, aliceId).getByTestId('agent-actions').count()).toBe(0);
    await expect.poll(() => carol.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.agentToggle)).toBe(String(aliceId));
    expect(await api('GET', `/api/v1/agents/${aliceId}/status`)).toMatchObject({ status: 'away' });
    await carol.screenshot({ path: artifactPath('supervisor-agent-set-away.png') });
    await alice.screenshot({ path: artifactPath('supervisor-agent-set-away-agent-view.png') });

    // Keyboard: Enter opens the panel with focus in it; Escape closes it.
    await carol.keyboard.press('Enter');
    await row(carol, aliceId).getByTestId('agent-actions').waitFor();
    await carol.keyboard.press('Escape');
    await expect.poll(() => row(carol, aliceId).getByTestId('agent-actions').count()).toBe(0);
    await carol.keyboard.press('Enter');
    await row(carol, aliceId).getByTestId('agent-action-available').click();
    await expect.poll(() => alice.getByTestId('agent-status-select').inputValue(), { timeout: 5000 }).toBe('available');
  });

  it('the wall display is read-only; an agent has no status controls for others and no queue policy', async () => {
    await carol.getByTestId('wall-mode').click();
    await expect.poll(() => carol.evaluate(() => document.documentElement.dataset.wallMode)).toBe('on');
    expect(await carol.getByTestId('agent-actions-toggle').count()).toBe(0);
    await carol.keyboard.press('Escape');
    await expect.poll(() => carol.getByTestId('agent-actions-toggle').count()).toBeGreaterThan(0);

    await alice.getByTestId('nav-queue').click();
    await alice.getByTestId('queue-view').waitFor();
    await row(alice, aliceId).waitFor();
    expect(await alice.getByTestId('agent-actions-toggle').count()).toBe(0);
    await alice.getByTestId('nav-settings').click();
    await alice.getByTestId('settings-view').waitFor();
    expect(await alice.getByTestId('queue-settings').count()).toBe(0);
  });

  it('the supervisor changes the wrap-up time; every console follows; an out-of-range value shows the core’s refusal', async () => {
    await carol.getByTestId('nav-settings').click();
    const card = carol.getByTestId('queue-settings');
    await card.waitFor();
    const wrapUp = card.getByTestId('queue-setting-wrap_up_seconds');
    expect(await wrapUp.inputValue()).toBe('30');
    expect(await card.getByTestId('queue-setting-wrap_up_seconds-range').textContent()).toBe('0–3600 s');
    expect(await card.getByTestId('queue-setting-offer_timeout_seconds-range').textContent()).toBe('3–600 s');
    expect(await card.getByTestId('queue-settings-save').isDisabled()).toBe(true);

    await wrapUp.fill('45');
    await card.getByTestId('queue-settings-save').click();
    await card.getByTestId('queue-settings-saved').waitFor({ timeout: 5000 });
    expect(await api('GET', '/api/v1/queue/settings')).toMatchObject({ wrap_up_seconds: 45 });
    expect(await wrapUp.inputValue()).toBe('45');

    // Out of range: the console says so as it is typed, and the core refuses it in its own words.
    await wrapUp.fill('5000');
    const problem = card.getByTestId('queue-setting-wrap_up_seconds-problem');
    expect(await problem.textContent()).toBe('Allowed: 0 to 3600 seconds.');
    expect(await wrapUp.getAttribute('aria-invalid')).toBe('true');
    await card.getByTestId('queue-settings-save').click();
    const error = card.getByTestId('queue-settings-error');
    await error.waitFor({ timeout: 5000 });
    expect(await error.textContent()).toBe('Not saved: wrap_up_seconds: a whole number of seconds from 0 to 3600');
    expect(await api('GET', '/api/v1/queue/settings')).toMatchObject({ wrap_up_seconds: 45 });
    await card.scrollIntoViewIfNeeded();
    await carol.screenshot({ path: artifactPath('supervisor-queue-settings-refused.png') });
    await card.screenshot({ path: artifactPath('supervisor-queue-settings-card.png') });

    await card.getByTestId('queue-settings-undo').click();
    expect(await wrapUp.inputValue()).toBe('45');
    expect(await problem.count()).toBe(0);

    // Another console's change reaches this form.
    await api('PATCH', '/api/v1/queue/settings', { offer_timeout_seconds: 20 });
    await expect.poll(() => card.getByTestId('queue-setting-offer_timeout_seconds').inputValue(), { timeout: 5000 }).toBe('20');

    await carol.emulateMedia({ colorScheme: 'dark' });
    await card.screenshot({ path: artifactPath('supervisor-queue-settings-card-dark.png') });
    await carol.emulateMedia({ colorScheme: 'light' });
    await carol.getByTestId('language-select').selectOption('ja');
    await expect.poll(() => card.locator('h2').textContent()).toBe('キューの運用ルール');
    expect(await card.getByTestId('queue-setting-wrap_up_seconds-range').textContent()).toBe('0〜3600 秒');
    await carol.getByTestId('language-select').selectOption('en');
  });

  it('History shows who monitored a call and in which modes', async () => {
    const bob = await open('bob', '/');
    await alice.getByTestId('nav-softphone').click();
    await bob.getByTestId('dial-input').fill('alice');
    await bob.getByTestId('dial-call').click();
    await alice.getByTestId('incoming-toast').waitFor({ timeout: 10_000 });
    await alice.getByTestId('toast-answer').click();
    const talking = alice.locator('[data-testid="line-card"][data-state="talking"]');
    await talking.waitFor({ timeout: 15_000 });
    const callSid = (await talking.getAttribute('data-call-sid'))!;

    await carol.getByTestId('nav-live').click();
    const live = carol.locator(`[data-testid="live-call-row"][data-call-sid="${callSid}"]`);
    await live.waitFor({ timeout: 10_000 });
    await live.click();
    const controls = carol.getByTestId('monitor-controls');
    await controls.waitFor({ timeout: 10_000 });
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      await carol.getByTestId(`monitor-${mode}`).click();
      await expect.poll(() => controls.getAttribute('data-mode'), { timeout: 10_000 }).toBe(mode);
      await expect.poll(() => controls.getAttribute('data-phase')).toBe('active');
    }
    await carol.getByTestId('monitor-stop').click();
    await expect.poll(() => controls.getAttribute('data-phase'), { timeout: 10_000 }).toBe('idle');
    await alice.getByTestId('hangup').first().click();
    await expect.poll(() => alice.locator('[data-testid="line-card"]:not([data-state="ended"])').count(), { timeout: 10_000 }).toBe(0);

    await carol.getByTestId('nav-history').click();
    const historyRow = carol.locator(`[data-testid="history-row"][data-call-sid="${callSid}"]`);
    await historyRow.waitFor({ timeout: 10_000 });
    await historyRow.click();
    const detail = carol.locator(`[data-testid="call-detail"][data-call-sid="${callSid}"]`);
    await detail.waitFor();
    const steps = detail.getByTestId('monitor-event');
    await expect.poll(() => steps.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const read = await steps.evaluateAll((items) => items.map((li) => [li.getAttribute('data-monitor-kind'), li.getAttribute('data-monitor-mode'), li.querySelector('.event-monitor-words')?.textContent]));
    expect(read).toEqual([
      ['started', 'listen', 'Carol Supervisor started monitoring: Listen'],
      ['mode', 'whisper', 'Carol Supervisor switched to Whisper (from Listen)'],
      ['mode', 'barge', 'Carol Supervisor switched to Barge in (from Whisper)'],
      ['ended', 'barge', 'Carol Supervisor stopped monitoring (was Barge in)'],
    ]);
    await detail.getByTestId('call-timeline').scrollIntoViewIfNeeded();
    await carol.screenshot({ path: artifactPath('supervisor-history-monitor-events.png') });
    await detail.getByTestId('call-timeline').screenshot({ path: artifactPath('supervisor-history-timeline.png') });
  });
});
