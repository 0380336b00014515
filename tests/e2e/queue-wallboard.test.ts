import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';

/**
 * Calls ingested through the API wait in the queue; a supervisor's wallboard (a wall screen,
 * 1920×1080) shows them live; the agent who signs in is offered the first one, accepts it with
 * the answer hotkey, and the wallboard's numbers follow — then wrap-up, a pass, and a pause.
 */
describe('queue and wallboard', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let wavDir: string;
  const browsers: Browser[] = [];
  let sue: Page;
  let alice: Page;
  let aliceId: number;
  const entries: { id: number; call_id: number }[] = [];

  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${hub.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();
  const agentRow = (id: number) => sue.locator(`[data-testid="wallboard-agent"][data-agent-id="${id}"]`);

  beforeAll(async () => {
    wavDir = mkdtempSync(join(tmpdir(), 'earshot-queue-'));
    const quiet = join(wavDir, 'quiet.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', quiet, 'trim', '0', '2']);
    pbx = await startKamailio();
    hub = await startHub();
    await api('PATCH', '/api/v1/queue/settings', { wrap_up_seconds: 3, offer_timeout_seconds: 30 });
    await createSeatAgent(hub, pbx.wsUrl, 'alice', { name: 'Alice Agent', extension: '1001' });
    const agents = await api<{ agents: { id: number; login_username: string }[] }>('GET', '/api/v1/agents');
    aliceId = agents.agents.find((a) => a.login_username === 'alice')!.id;
    await api('PATCH', `/api/v1/agents/${aliceId}`, { skills: ['billing', 'japanese'] });
    await api('POST', '/api/v1/agents', {
      name: 'Sue Supervisor',
      role: 'supervisor',
      login: { username: 'sue', password: 'sue-console-pw' },
      sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl },
    });
    const wall = await openConsolePage(hub, 'sue', { wav: quiet, path: '/#/queue', viewport: { width: 1920, height: 1080 } });
    browsers.push(wall.browser);
    sue = wall.page;
    await sue.getByTestId('queue-view').waitFor();
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await pbx?.stop();
    if (wavDir) rmSync(wavDir, { recursive: true, force: true });
  });

  it('shows API-ingested calls waiting, live, with positions, and a negative call as an alert', async () => {
    expect(await text(sue, 'queue-waiting-count')).toBe('0');
    const t0 = Date.now();
    entries.push(await api('POST', '/api/v1/queue', { from_number: '+15551230001', to_number: '100', required_skills: ['billing'] }));
    await expect.poll(() => text(sue, 'queue-waiting-count'), { timeout: 5000 }).toBe('1');
    console.log(`wallboard: enqueue (API) → count on the wall screen: ${Date.now() - t0} ms`);
    entries.push(await api('POST', '/api/v1/queue', { from_number: '+15551230002', to_number: '100', priority: 'urgent' }));
    entries.push(await api('POST', '/api/v1/queue', { from_number: '+815012345678', to_number: '100', required_skills: ['japanese'] }));
    await expect.poll(() => text(sue, 'queue-waiting-count')).toBe('3');
    // Serving order: the urgent call first, then by wait.
    const order = await sue.locator('[data-testid="queue-entry-row"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-entry-id'), r.querySelector('[data-testid="queue-entry-position"]')?.textContent]));
    expect(order).toEqual([
      [String(entries[1]!.id), '1'],
      [String(entries[0]!.id), '2'],
      [String(entries[2]!.id), '3'],
    ]);
    // Waits tick on the wall without new events.
    const before = await sue.locator('[data-testid="queue-entry-wait"]').first().textContent();
    await expect.poll(() => sue.locator('[data-testid="queue-entry-wait"]').first().textContent(), { timeout: 3000 }).not.toBe(before);

    // A live call whose sentiment turns negative (an integrator's live analysis) is highlighted.
    const angry = await api<{ id: number; sid: string }>('POST', '/api/v1/calls', { direction: 'inbound', from_number: '+15559870000', to_number: '100', status: 'in-progress', handled_by: 'ai_agent' });
    await api('PATCH', `/api/v1/calls/${angry.id}`, { sentiment: 'negative' });
    await sue.locator(`[data-testid="sentiment-alert"][data-call-sid="${angry.sid}"]`).waitFor({ timeout: 5000 });
    // The live-calls board highlights it too, with the last words said on it as they come.
    await sue.getByTestId('nav-live').click();
    const row = sue.locator(`[data-testid="live-call-row"][data-call-sid="${angry.sid}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-sentiment')).toBe('negative');
    await api('POST', `/api/v1/calls/${angry.id}/transcripts`, { speaker: 'caller', text: 'This is the third time I am calling about this!', start_ms: 1000, end_ms: 3000 });
    await expect.poll(() => row.getByTestId('live-call-preview').textContent(), { timeout: 5000 }).toMatch(/third time I am calling/);
    await sue.screenshot({ path: artifactPath('queue-live-calls-board.png') });
    await sue.getByTestId('nav-queue').click();
    await sue.getByTestId('queue-view').waitFor();
    // Nobody is signed in yet to take calls: Sue (a supervisor) is away, supervising.
    await expect.poll(() => sue.getByTestId('agent-status').getAttribute('data-state')).toBe('away');
  });

  it('offers the first call to the agent who signs in; the answer hotkey accepts it; the wall follows', async () => {
    const quiet = join(wavDir, 'quiet.wav');
    const agent = await openConsolePage(hub, 'alice', { wav: quiet, viewport: { width: 1366, height: 800 } });
    browsers.push(agent.browser);
    alice = agent.page;
    const toast = alice.getByTestId('offer-toast');
    await toast.waitFor({ timeout: 5000 });
    expect(await toast.getAttribute('data-entry-id')).toBe(String(entries[1]!.id));
    expect(await alice.getByTestId('offer-accept').getAttribute('title')).toMatch(/Ctrl\+Enter/);
    expect(await alice.getByTestId('offer-countdown').textContent()).toMatch(/s to accept/);
    await expect.poll(() => agentRow(aliceId).getAttribute('data-state')).toBe('available');
    await sue.locator(`[data-testid="queue-entry-row"][data-entry-id="${entries[1]!.id}"][data-state="offered"]`).waitFor();
    await alice.screenshot({ path: artifactPath('queue-offer-toast.png') });

    const t0 = Date.now();
    await alice.keyboard.press('Control+Enter');
    await toast.waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(() => text(sue, 'queue-waiting-count'), { timeout: 5000 }).toBe('2');
    console.log(`wallboard: accept hotkey → waiting count on the wall screen: ${Date.now() - t0} ms`);
    await expect.poll(() => agentRow(aliceId).getAttribute('data-state')).toBe('busy');
    await expect.poll(() => alice.getByTestId('agent-status').getAttribute('data-state')).toBe('busy');
    await expect.poll(() => text(sue, 'queue-answered'), { timeout: 5000 }).toBe('1');
    await expect.poll(() => text(sue, 'queue-service-level'), { timeout: 5000 }).toBe('100%');
    expect(await api('GET', `/api/v1/queue/${entries[1]!.id}`)).toMatchObject({ state: 'assigned', assigned_agent_id: aliceId, connect_mode: 'integrator' });

    await sue.screenshot({ path: artifactPath('queue-wallboard.png') });
    await sue.emulateMedia({ colorScheme: 'dark' });
    await sue.screenshot({ path: artifactPath('queue-wallboard-dark.png') });
    await sue.emulateMedia({ colorScheme: 'light' });
    await sue.getByTestId('wall-mode').click();
    await expect.poll(() => sue.evaluate(() => document.documentElement.dataset.wallMode)).toBe('on');
    expect(await sue.locator('.sidebar').isVisible()).toBe(false);
    await sue.screenshot({ path: artifactPath('queue-wallboard-wall-mode.png') });
    await sue.keyboard.press('Escape');
    await expect.poll(() => sue.locator('.sidebar').isVisible()).toBe(true);
  });

  it('after the call: wrap-up, then the next offer; the decline hotkey passes it; Alt+P pauses', async () => {
    const call = entries[1]!.call_id;
    // The integrator's system connected the caller to Alice, and now says the call is over.
    await api('PATCH', `/api/v1/calls/${call}`, { status: 'completed', answered_at: new Date(Date.now() - 95_000).toISOString(), ended_at: new Date().toISOString(), duration_seconds: 95 });
    await expect.poll(() => agentRow(aliceId).getAttribute('data-state'), { timeout: 5000 }).toBe('wrap-up');
    await expect.poll(() => alice.getByTestId('agent-status').getAttribute('data-state')).toBe('wrap-up');
    // Wrap-up is 3 s here; then Alice is available and offered the next call.
    const toast = alice.getByTestId('offer-toast');
    await toast.waitFor({ timeout: 8000 });
    const offered = Number(await toast.getAttribute('data-entry-id'));
    expect(offered).toBe(entries[0]!.id);
    await expect.poll(() => text(sue, 'queue-avg-handle'), { timeout: 5000 }).toBe('1:35');

    await alice.keyboard.press('Alt+D');
    // The Japanese call is next for her (the one she passed waits for someone else).
    await alice.locator(`[data-testid="offer-toast"][data-entry-id="${entries[2]!.id}"]`).waitFor({ timeout: 5000 });
    const passed = await api<{ state: string; passes: { agent_id: number; reason: string }[] }>('GET', `/api/v1/queue/${offered}`);
    expect(passed).toMatchObject({ state: 'waiting', passes: [expect.objectContaining({ agent_id: aliceId, reason: 'declined' })] });

    await alice.keyboard.press('Alt+P');
    await expect.poll(() => alice.getByTestId('agent-status').getAttribute('data-state')).toBe('away');
    await expect.poll(() => agentRow(aliceId).getAttribute('data-state')).toBe('away');
    await toast.waitFor({ state: 'detached', timeout: 5000 });
    expect(await alice.getByTestId('agent-status-select').inputValue()).toBe('away:break');
    await expect.poll(() => text(sue, 'queue-waiting-count')).toBe('2');
    await alice.getByTestId('agent-status-select').selectOption('available');
    await toast.waitFor({ timeout: 5000 });
  });
});
