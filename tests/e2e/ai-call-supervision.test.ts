import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser.ts';
import { openConsolePage } from '../support/console-page.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio } from '../support/kamailio.ts';
import { startOpenAiEmulator, type OpenAiEmulator } from '../support/openai-emulator/index.ts';

interface ApiCall {
  id: number;
  sid: string;
  status: string;
  end_reason: string | null;
  handled_by: string;
}

/**
 * A supervisor steers a call an AI voice agent handles over OpenAI Realtime SIP (seed 001),
 * from the console: the signed webhook rings the AI, the caller's and the AI's words appear in
 * the live transcript, and whisper / say / take-over become the exact sideband events and
 * REST call OpenAI expects, each written to the call's audit trail.
 */
describe('AI call supervision in the console', () => {
  let pbx: Kamailio;
  let ai: OpenAiEmulator;
  let hub: Hub;
  let dir: string;
  let browser: Browser;
  let sue: Page;
  let sueId: number;

  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${hub.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${hub.apiKey}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const paneLines = () =>
    sue.locator('[data-testid="live-call-panel"] [data-testid="transcript-segment"][data-pending="false"]').evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-speaker')}: ${el.querySelector('.tx-text')?.textContent ?? ''}`),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-ai-e2e-'));
    pbx = await startKamailio();
    ai = await startOpenAiEmulator();
    // The emulated model says what its instructions quote after a colon (greeting, "say now").
    ai.setRealtimeReply(({ response }) => {
      const instructions = typeof response.instructions === 'string' ? response.instructions : '';
      return /: (.*)$/s.exec(instructions)?.[1] ?? (instructions || undefined);
    });
    hub = await startHub({ env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: ai.apiKey, OPENAI_WEBHOOK_SECRET: ai.webhookSecret } });
    const sup = await api<{ id: number }>('/api/v1/agents', {
      method: 'POST',
      body: {
        name: 'Sue Supervisor',
        role: 'supervisor',
        extension: '1003',
        login: { username: 'sue', password: 'sue-console-pw' },
        sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl },
      },
    });
    expect(sup.status).toBe(201);
    sueId = sup.body.id;
    const quiet = join(dir, 'quiet.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', quiet, 'trim', '0', '2']);
    ({ browser, page: sue } = await openConsolePage(hub, 'sue', { wav: quiet, viewport: { width: 1440, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
    await ai?.close();
    await pbx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a supervisor sets up the AI voice agent in the Assistants view', async () => {
    await sue.goto(`${hub.url}/#/assistants`);
    await sue.getByTestId('assistant-new').click();
    await sue.getByTestId('assistant-name').fill('Reception');
    await sue.getByTestId('assistant-phone-numbers').fill('+81312345678');
    await sue.getByTestId('assistant-instructions').fill('You answer for a dental clinic. FAQ: {FAQ_KB}');
    await sue.getByTestId('assistant-greeting').fill('Hello, dental clinic, how can I help?');
    await sue.getByTestId('assistant-faq').fill('Open 9 to 5.');
    await sue.getByTestId('assistant-voice').fill('marin');
    await sue.getByTestId('assistant-save').click();
    const row = sue.getByTestId('assistant-row').filter({ hasText: 'Reception' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Active/);
    await row.click();
    await sue.getByTestId('assistant-name').waitFor();
    await sue.screenshot({ path: artifactPath('assistants-view.png') });
    const stored = (await api<{ name: string; phone_numbers: string[]; instructions: string; greeting: string; voice: string; is_active: boolean }[]>('/api/v1/assistants/')).body;
    expect(stored).toEqual([
      expect.objectContaining({
        name: 'Reception',
        phone_numbers: ['+81312345678'],
        instructions: 'You answer for a dental clinic. FAQ: {FAQ_KB}',
        greeting: 'Hello, dental clinic, how can I help?',
        voice: 'marin',
        is_active: true,
      }),
    ]);
  });

  it('follows the AI call live and steers it: whisper, say now, take over', async () => {
    const { callId, delivery } = await ai.deliverIncomingCall(`${hub.url}/webhooks/openai`, { from: '+818012345678', fromName: 'Taro', to: '+81312345678' });
    expect(delivery.status).toBe(200);
    const id = (JSON.parse(delivery.body) as { call_id: number }).call_id;
    await ai.waitForSideband(callId);
    const call = (await api<ApiCall>(`/api/v1/calls/${id}`)).body;
    expect(call).toMatchObject({ handled_by: 'ai_agent', status: 'in-progress' });
    // Accepted with what the supervisor typed, the FAQ in place of {FAQ_KB}.
    expect(ai.requestsTo(`/v1/realtime/calls/${callId}/accept`, 'POST')[0]!.body).toMatchObject({
      type: 'realtime',
      instructions: 'You answer for a dental clinic. FAQ: Open 9 to 5.',
      audio: { output: { voice: 'marin' } },
    });

    await sue.goto(`${hub.url}/#/live`);
    const row = sue.locator(`[data-testid="live-call-row"][data-call-sid="${call.sid}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('live-call-follow').click();
    await sue.getByTestId('ai-controls').waitFor();

    // Listen = the live transcript: the greeting, then the caller and the AI, as they speak.
    await ai.callerSays(callId, 'I would like to book a check-up.');
    await ai.aiSays(callId, 'Of course. Which day suits you?');
    await expect
      .poll(paneLines, { timeout: 15_000 })
      .toEqual(['ai: Hello, dental clinic, how can I help?', 'caller: I would like to book a check-up.', 'ai: Of course. Which day suits you?']);

    // Whisper: a system message only the AI hears.
    await sue.getByTestId('ai-whisper-input').fill('Offer Thursday at 10, we had a cancellation.');
    await sue.getByTestId('ai-whisper-input').press('Enter');
    const whisper = await ai.waitForClientEvent(callId, 'conversation.item.create', (e) => JSON.stringify(e).includes('Thursday at 10'));
    expect(whisper).toMatchObject({ item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Offer Thursday at 10, we had a cancellation.' }] } });
    await expect.poll(() => sue.getByTestId('ai-control-status').textContent(), { timeout: 5000 }).toMatch(/guidance/i);

    // Say now: the AI says the supervisor's words, and they show in the transcript as the AI's.
    await sue.getByTestId('ai-say-input').fill('We can see you on Thursday at 10.');
    await sue.getByTestId('ai-say-input-send').click();
    const say = await ai.waitForClientEvent(callId, 'response.create', (e) => JSON.stringify(e).includes('Thursday at 10.'));
    expect(JSON.stringify(say)).toContain('We can see you on Thursday at 10.');
    await expect.poll(async () => (await paneLines()).at(-1), { timeout: 15_000 }).toBe('ai: We can see you on Thursday at 10.');
    await sue.screenshot({ path: artifactPath('ai-call-supervision.png') });

    // Take over: the caller is referred to the supervisor's own seat.
    await sue.getByTestId('take-over').click();
    await expect.poll(() => ai.requestsTo(`/v1/realtime/calls/${callId}/refer`, 'POST').length, { timeout: 10_000 }).toBe(1);
    expect(ai.requestsTo(`/v1/realtime/calls/${callId}/refer`, 'POST')[0]!.body).toEqual({ target_uri: 'sip:1003@127.0.0.1' });

    // OpenAI ends its side once the transfer is done; the call is completed as transferred.
    await ai.endCall(callId);
    await expect.poll(async () => (await api<ApiCall>(`/api/v1/calls/${id}`)).body.status, { timeout: 15_000 }).toBe('completed');
    expect((await api<ApiCall>(`/api/v1/calls/${id}`)).body.end_reason).toBe('transferred');
    await sue.getByText(/ended/i).first().waitFor({ timeout: 10_000 });

    // Every supervisor action is in the call's audit trail, with who did it.
    const events = (await api<{ events: { type: string; actor: string; data: Record<string, unknown> }[] } | { type: string; actor: string; data: Record<string, unknown> }[]>(`/api/v1/calls/${id}/events`)).body;
    const list = Array.isArray(events) ? events : events.events;
    const audit = list.filter((e) => e.type.startsWith('ai.') && ['ai.whisper', 'ai.say', 'ai.transfer'].includes(e.type));
    expect(audit.map((e) => [e.type, e.actor])).toEqual([
      ['ai.whisper', `agent:${sueId}`],
      ['ai.say', `agent:${sueId}`],
      ['ai.transfer', `agent:${sueId}`],
    ]);
    expect(ai.problems).toEqual([]);
  });
});
