import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { createSeatAgent, openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { startOpenAiEmulator, type OpenAiEmulator } from '../support/openai-emulator/index.ts';
import { speechWav } from '../support/speech.ts';

/** What the emulator "hears": a numbered utterance with a topic word to search for, and its length. */
const TOPICS = ['billing', 'refund', 'delivery', 'password'] as const;

interface ApiCall {
  id: number;
  sid: string;
  answered_at: string | null;
  started_at: string;
}
interface ApiSegment {
  speaker: string;
  text: string;
  start_ms: number;
  end_ms: number;
  segment_key: string | null;
}

/**
 * Sentences with long pauses between them (so the VAD cuts one segment per sentence), as a
 * 48 kHz mono WAV for a fake microphone.
 */
function talkWav(dir: string, name: string, sentences: string[], voice: string): string {
  const parts = sentences.map((text, i) => {
    const padded = join(dir, `${name}-${i}.wav`);
    execFileSync('sox', [speechWav(text, voice), padded, 'pad', '0', '1.4']);
    return padded;
  });
  const out = join(dir, `${name}.wav`);
  execFileSync('sox', [...parts, out]);
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * Two agents talk on a real WebRTC call through Kamailio; each console runs Silero VAD on both
 * legs and sends segments to the hub, which transcribes them with the `openai` SDK against the
 * emulator. A supervisor follows the call live, then reads and searches it in History.
 */
describe('live transcript: two consoles talk, a supervisor follows the call', () => {
  let pbx: Kamailio;
  let ai: OpenAiEmulator;
  let hub: Hub;
  let wavDir: string;
  const browsers: Browser[] = [];
  let alice: Page;
  let bob: Page;
  let sue: Page;
  let aliceCall: ApiCall;
  let utterances = 0;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.apiKey}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const transcriptOf = async (callId: number): Promise<ApiSegment[]> => {
    return (await api<{ segments: ApiSegment[] }>(`/api/v1/calls/${callId}/transcripts`)).segments;
  };
  const lineCard = (page: Page) => page.getByTestId('line-card').first();
  const lineState = (page: Page) => lineCard(page).getAttribute('data-state');

  /** Final (not pending) lines of the transcript pane, in screen order. */
  const shownLines = (page: Page) =>
    page.locator('[data-testid="transcript-pane"] [data-testid="transcript-segment"][data-pending="false"]').evaluateAll((els) =>
      els.map((el) => ({ speaker: el.getAttribute('data-speaker'), key: el.getAttribute('data-segment-key'), text: el.querySelector('.tx-text')?.textContent ?? '' })),
    );

  beforeAll(async () => {
    wavDir = mkdtempSync(join(tmpdir(), 'earshot-talk-'));
    pbx = await startKamailio();
    ai = await startOpenAiEmulator();
    ai.setTranscriber((wav) => {
      utterances += 1;
      return `Utterance ${utterances} about ${TOPICS[utterances % TOPICS.length]} (${wav.durationSec.toFixed(1)} s)`;
    });
    ai.setChatReply(() => ({
      summary: 'Bob called because his card was declined. Alice checked the billing and promised a callback.',
      sentiment: 'positive',
      disposition: 'billing-question',
    }));
    hub = await startHub({ env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: ai.apiKey } });
    await createSeatAgent(hub, pbx.wsUrl, 'alice', { name: 'Alice Agent' });
    await createSeatAgent(hub, pbx.wsUrl, 'bob', { name: 'Bob Caller' });
    const sup = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Sue Supervisor',
        role: 'supervisor',
        login: { username: 'sue', password: 'sue-console-pw' },
        sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl },
      }),
    });
    expect(sup.status, await sup.clone().text()).toBe(201);

    const aliceWav = talkWav(
      wavDir,
      'alice',
      ['Good morning, this is Alice from the billing team.', 'I can see the payment on your account.', 'Let me check why the card was declined.'],
      'en-us',
    );
    const bobWav = talkWav(wavDir, 'bob', ['Hello, my name is Bob.', 'My card was declined yesterday evening.', 'Could you please have a look at it?'], 'en-gb+m3');
    const quiet = join(wavDir, 'quiet.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', quiet, 'trim', '0', '2']);
    for (const [login, wav] of [
      ['alice', aliceWav],
      ['bob', bobWav],
      ['sue', quiet],
    ] as const) {
      const { browser, page } = await openConsolePage(hub, login, { wav, viewport: { width: 1440, height: 900 } });
      browsers.push(browser);
      if (login === 'alice') alice = page;
      else if (login === 'bob') bob = page;
      else sue = page;
    }
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await hub?.dispose();
    await ai?.close();
    await pbx?.stop();
    if (wavDir) rmSync(wavDir, { recursive: true, force: true });
  });

  it('the supervisor sees caller and agent lines, in order of start, with the endpoint’s text', async () => {
    await alice.getByTestId('dial-input').fill('bob');
    await alice.getByTestId('dial-call').click();
    await bob.getByTestId('answer').click({ timeout: 15_000 });
    await expect.poll(() => lineState(alice), { timeout: 15_000 }).toBe('talking');
    const sid = (await lineCard(alice).getAttribute('data-call-sid'))!;
    aliceCall = await api<ApiCall>(`/api/v1/calls/sid/${sid}`);

    // The supervisor opens Live calls and follows Alice's call.
    await sue.goto(`${hub.url}/#/live`);
    const row = sue.locator(`[data-testid="live-call-row"][data-call-sid="${sid}"]`);
    await row.waitFor({ timeout: 15_000 });
    // Note when each final line first shows on the supervisor's screen.
    await sue.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __shownAt: Record<string, number> }).__shownAt = seen;
      const scan = (): void => {
        for (const el of document.querySelectorAll('[data-testid="transcript-segment"][data-pending="false"]')) {
          const key = el.getAttribute('data-segment-key');
          if (key && !(key in seen) && (el.querySelector('.tx-text')?.textContent ?? '') !== '') seen[key] = Date.now();
        }
      };
      new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const followedAt = Date.now();
    await row.getByTestId('live-call-follow').click();
    await sue.getByTestId('live-call-panel').waitFor();

    // Several segments per side: the VAD cuts at the pauses between sentences.
    await expect
      .poll(
        async () => {
          const lines = await shownLines(sue);
          return Math.min(lines.filter((l) => l.speaker === 'caller').length, lines.filter((l) => l.speaker === 'agent').length);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(3);

    const lines = await shownLines(sue);
    for (const line of lines) expect(line.text).toMatch(/^Utterance \d+ about \w+ \(\d+\.\d s\)$/);
    // Caller is Bob's voice (the far end of Alice's line), agent is Alice's microphone.
    expect(new Set(lines.map((l) => l.speaker))).toEqual(new Set(['caller', 'agent']));

    // Screen order is the order of start, as the hub stored them.
    const stored = await transcriptOf(aliceCall.id);
    const startOf = new Map(stored.map((s) => [s.segment_key, s.start_ms]));
    const starts = lines.map((l) => startOf.get(l.key));
    expect(starts.every((s) => s !== undefined)).toBe(true);
    expect(starts).toEqual([...starts].sort((a, b) => a! - b!));
    expect(ai.problems).toEqual([]);

    // From the end of each segment's audio to its text on the supervisor's screen.
    const shownAt = await sue.evaluate(() => (window as unknown as { __shownAt: Record<string, number> }).__shownAt);
    const call = await api<ApiCall>(`/api/v1/calls/${aliceCall.id}`);
    const clockStart = Date.parse(call.answered_at ?? call.started_at);
    const latencies = (await transcriptOf(aliceCall.id))
      // Only lines spoken after the panel opened were watched as they arrived.
      .filter((s) => s.segment_key !== null && shownAt[s.segment_key] !== undefined && clockStart + s.end_ms > followedAt)
      .map((s) => shownAt[s.segment_key!]! - (clockStart + s.end_ms));
    console.log(
      `live transcript latency (segment end → text on the supervisor's screen), ${latencies.length} segments: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`,
    );

    await sue.screenshot({ path: artifactPath('live-transcript-supervisor.png') });
    await sue.emulateMedia({ colorScheme: 'dark' });
    await sue.screenshot({ path: artifactPath('live-transcript-supervisor-dark.png') });
    await sue.emulateMedia({ colorScheme: 'light' });
    // The agent follows the same call under the line card of the softphone.
    await expect.poll(() => alice.locator('[data-testid="transcript-pane"] [data-testid="transcript-segment"]').count()).toBeGreaterThan(0);
    await alice.screenshot({ path: artifactPath('live-transcript-softphone.png') });
  });

  it('a segment the endpoint has not answered yet shows as pending, then turns into its text in place', async () => {
    ai.delay(4000, '/v1/audio/transcriptions');
    const pendingLine = sue.locator('[data-testid="transcript-pane"] [data-testid="transcript-segment"][data-pending="true"]').first();
    await pendingLine.waitFor({ timeout: 30_000 });
    const key = (await pendingLine.getAttribute('data-segment-key'))!;
    expect(await pendingLine.getAttribute('data-status')).toMatch(/^(queued|transcribing)$/);
    await sue.screenshot({ path: artifactPath('live-transcript-pending.png') });
    ai.delay(0, '/v1/audio/transcriptions');
    const sameLine = sue.locator(`[data-testid="transcript-segment"][data-segment-key="${key}"]`);
    await expect.poll(() => sameLine.getAttribute('data-pending'), { timeout: 30_000 }).toBe('false');
    expect(await sameLine.count()).toBe(1);
    expect(await sameLine.locator('.tx-text').textContent()).toMatch(/^Utterance \d+ about \w+/);
  });

  it('after the call, History shows the whole transcript, its analysis, and the search filters it', async () => {
    await lineCard(alice).getByTestId('hangup').click();
    await expect.poll(() => lineState(alice)).toBe('ended');
    await expect.poll(async () => (await transcriptOf(aliceCall.id)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6);

    await sue.goto(`${hub.url}/#/history/${aliceCall.id}`);
    const detail = sue.getByTestId('call-detail');
    await detail.waitFor();
    // The analysis runs once every segment is stored, the last words of the hang-up included.
    await expect.poll(() => detail.getByTestId('call-analysis').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => detail.getByTestId('call-disposition').textContent()).toBe('billing-question');
    const total = (await transcriptOf(aliceCall.id)).length;
    await expect.poll(() => detail.locator('[data-testid="transcript-segment"][data-pending="false"]').count(), { timeout: 20_000 }).toBe(total);

    const texts = await detail.locator('[data-testid="transcript-segment"] .tx-text').allTextContents();
    const term = TOPICS.find((topic) => texts.some((t) => t.includes(topic)))!;
    await detail.getByTestId('transcript-search').fill(term);
    const expected = texts.filter((t) => t.includes(term)).length;
    await expect.poll(() => detail.getByTestId('transcript-segment').count()).toBe(expected);
    expect(expected).toBeLessThan(total);
    expect(await detail.locator('[data-testid="transcript-segment"] mark').allTextContents()).toEqual(Array(expected).fill(term));
    await sue.screenshot({ path: artifactPath('live-transcript-history-search.png') });

    // Esc clears the search first (the detail stays open).
    await detail.getByTestId('transcript-search').press('Escape');
    await expect.poll(() => detail.getByTestId('transcript-segment').count()).toBe(total);
    await expect(detail.isVisible()).resolves.toBe(true);
  });

  it('an admin sets the AI endpoint in Settings; a supervisor reads it; an agent does not see it', async () => {
    const created = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Admin', role: 'admin', login: { username: 'ada', password: 'ada-console-pw' } }),
    });
    expect(created.status).toBe(201);
    const ada = await browsers[2]!.newPage({ viewport: { width: 1440, height: 1000 } });
    await ada.goto(`${hub.url}/`);
    await ada.getByTestId('login-username').fill('ada');
    await ada.getByTestId('login-password').fill('ada-console-pw');
    await ada.getByTestId('login-submit').click();
    await ada.getByTestId('agent-status').waitFor();
    await ada.keyboard.press('Alt+6');
    const card = ada.getByTestId('ai-settings');
    await card.waitFor();
    // The key comes from the hub's environment (OPENAI_API_KEY): set, never shown.
    await expect.poll(() => card.getByTestId('ai-api-key-state').getAttribute('data-source')).toBe('environment');
    expect(await card.getByTestId('ai-api-key-state').getAttribute('data-state')).toBe('set');
    expect(await card.getByTestId('ai-base-url').getAttribute('placeholder')).toBe(ai.baseURL);

    await card.getByTestId('ai-transcription-language').fill('Japanese');
    await card.getByTestId('ai-settings-save').click();
    await expect.poll(() => card.getByTestId('ai-transcription-language').getAttribute('aria-invalid')).toBe('true');
    await card.getByTestId('ai-transcription-language').fill('en');
    await card.getByTestId('ai-transcription-prompt').fill('Earshot, declined card, billing team');
    await card.getByTestId('ai-settings-save').click();
    await card.getByTestId('ai-settings-saved').waitFor();
    await card.screenshot({ path: artifactPath('live-transcript-ai-settings.png') });

    await sue.goto(`${hub.url}/#/settings`);
    const readOnly = sue.getByTestId('ai-settings');
    await readOnly.getByTestId('ai-settings-read-only').waitFor();
    await expect.poll(() => readOnly.getByTestId('ai-transcription-language').inputValue()).toBe('en');
    expect(await readOnly.getByTestId('ai-transcription-language').isDisabled()).toBe(true);
    expect(await readOnly.getByTestId('ai-settings-save').count()).toBe(0);
    await readOnly.screenshot({ path: artifactPath('live-transcript-ai-settings-read-only.png') });

    await alice.goto(`${hub.url}/#/settings`);
    await alice.getByTestId('live-transcript-settings').waitFor();
    expect(await alice.getByTestId('live-transcript-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await alice.getByTestId('ai-settings').count()).toBe(0);
    await ada.close();
  });
});
