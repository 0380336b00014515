// An AI call over OpenAI Realtime SIP from the webhook to the end (seed 001): a real hub, the
// real `openai` SDK and `ws` against the OpenAI emulator, driven only through what OpenAI and
// integrators see — webhooks, REST bodies, sideband events, the API and its event socket.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { pollUntil } from '../../support/proc.ts';
import { callEvents, consoleAs, startAiHub, tapEvents, waitForCall, type AiHub, type ConsoleClient, type EventTap } from './ai-hub.ts';

const GREETING = 'もしもし、本日のご要件はなんですか？';
const FAQ = '[{"question":"営業時間は？","answer":"9時から17時です"}]';

describe('AI calls over OpenAI Realtime SIP', () => {
  let h: AiHub;
  let tap: EventTap;
  let assistantId: number;
  let supervisor: ConsoleClient;

  beforeAll(async () => {
    h = await startAiHub();
    // The emulated model does what it is told: it says the text its instructions quote.
    h.ai.setRealtimeReply(({ response }) => {
      const instructions = typeof response.instructions === 'string' ? response.instructions : '';
      return /: (.*)$/s.exec(instructions)?.[1] ?? (instructions || undefined);
    });
    const created = await h.api('/api/v1/assistants/', {
      body: {
        name: 'Reception',
        phone_number: '+81 3-1234-5678',
        llm_settings: { system_prompt: 'You are a support agent for Japanese. Please speak Japanese only. FAQ: {FAQ_KB}' },
        faq_knowledge_base: FAQ,
        greeting: GREETING,
        voice: 'marin',
        language: 'ja',
        transcription_model: 'whisper-1',
      },
    });
    expect(created.status).toBe(201);
    assistantId = created.body.id;
    supervisor = await consoleAs(h, 'supervisor');
    await consoleAs(h, 'agent', { extension: '1001', sipUri: 'sip:1001@pbx.example.test' });
    tap = await tapEvents(h);
  });
  afterAll(async () => {
    tap?.close();
    await h?.dispose();
  });
  afterEach(() => expect(h.ai.problems).toEqual([]));

  /** Rings the AI with a call to the assistant's number; resolves once it is answered and its sideband is open. */
  async function ring(from = '+818012345678'): Promise<{ callId: string; id: number }> {
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from, fromName: 'Taro', to: '+81312345678' });
    expect(delivery.status).toBe(200);
    const answer = JSON.parse(delivery.body);
    expect(answer).toMatchObject({ ok: true, outcome: 'accepted' });
    await h.ai.waitForSideband(callId);
    return { callId, id: answer.call_id };
  }

  /** The emulated model has finished speaking (its response.done is on the wire to the hub). */
  const idle = (callId: string) => pollUntil(() => h.ai.call(callId).activeResponse === undefined, { timeoutMs: 10_000, what: 'the AI to finish speaking' });

  const segments = async (id: number) => ((await h.api(`/api/v1/calls/${id}/transcripts`)).body.segments as TranscriptSegment[]).map((s) => [s.speaker, s.text]);

  it('answers with the assistant, normalises the caller, streams both sides of the transcript live, and ends when the caller hangs up', async () => {
    const { callId, id } = await ring();

    const accept = h.ai.requestsTo(`/v1/realtime/calls/${callId}/accept`, 'POST');
    expect(accept).toHaveLength(1);
    expect(accept[0]!.body).toEqual({
      type: 'realtime',
      model: 'gpt-realtime',
      instructions: `You are a support agent for Japanese. Please speak Japanese only. FAQ: ${FAQ}`,
      audio: { input: { transcription: { model: 'whisper-1', language: 'ja' } }, output: { voice: 'marin' } },
      tools: [
        expect.objectContaining({ type: 'function', name: 'transfer_to_human', parameters: expect.objectContaining({ required: ['reason'] }) }),
        expect.objectContaining({ type: 'function', name: 'end_call' }),
        expect.objectContaining({ type: 'function', name: 'press_digit', parameters: expect.objectContaining({ required: ['digit'] }) }),
      ],
    });
    const call = await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered');
    expect(call).toMatchObject({
      direction: 'inbound',
      from_number: '08012345678',
      to_number: '0312345678',
      handled_by: 'ai_agent',
      assistant_id: assistantId,
      realtime_call_id: callId,
    });
    expect(call.answered_at).not.toBeNull();

    // The greeting is asked for once the sideband is open.
    const greet = await h.ai.waitForClientEvent(callId, 'response.create');
    expect(greet).toEqual({ type: 'response.create', response: { instructions: `Greet the caller by saying exactly: ${GREETING}` } });
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === GREETING, 'the greeting in the transcript');

    await h.ai.callerSays(callId, '予約をしたいのですが');
    const callerSegment = await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.speaker === 'caller' && e.segment.call_id === id, 'the caller segment');
    expect(tap.events.some((e) => e.event.type === 'transcript.pending' && e.event.pending.call_id === id && e.event.pending.speaker === 'caller')).toBe(true);
    await h.ai.aiSays(callId, 'かしこまりました。ご希望の日時をお聞かせください。');
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.text === 'かしこまりました。ご希望の日時をお聞かせください。', 'the AI answer');

    const stored = (await h.api(`/api/v1/calls/${id}/transcripts`)).body.segments as TranscriptSegment[];
    expect(stored.map((s) => [s.speaker, s.text])).toEqual([
      ['ai', GREETING],
      ['caller', '予約をしたいのですが'],
      ['ai', 'かしこまりました。ご希望の日時をお聞かせください。'],
    ]);
    expect(stored.every((s) => s.source === 'realtime' && s.is_final && s.end_ms >= s.start_ms)).toBe(true);
    expect(stored.map((s) => s.start_ms)).toEqual([...stored.map((s) => s.start_ms)].sort((a, b) => a - b));
    const items = h.ai.call(callId).items.map((i) => i.id);
    expect(stored.map((s) => s.segment_key).every((k) => items.includes(k))).toBe(true);
    expect(callerSegment).toMatchObject({ segment: { model: 'whisper-1', source: 'realtime' } });

    await h.ai.endCall(callId);
    const ended = await waitForCall(h, id, (c) => c.status === 'completed', 'completed');
    expect(ended.end_reason).toBe('caller-hangup');
    expect(ended.ended_at).not.toBeNull();
    expect(ended.duration_seconds).toBeGreaterThanOrEqual(0);
    expect(h.ai.call(callId).connections).toBe(1);
  });

  it('supervisor controls over the API send the exact client events and REST calls, and are audited', async () => {
    const { callId, id } = await ring();
    await h.ai.waitForClientEvent(callId, 'response.create');
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === GREETING, 'the greeting');
    const keyId = (await h.api('/api/v1/keys')).body.keys[0].id as string;
    const sent = () => h.ai.call(callId).clientEvents.map((r) => r.event);
    await idle(callId);

    expect((await h.api(`/api/v1/calls/${id}/ai/whisper`, { body: { text: 'Offer the 10% discount.' } })).body).toEqual({ ok: true });
    expect(sent().at(-1)).toEqual({ type: 'conversation.item.create', item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Offer the 10% discount.' }] } });

    expect((await h.api(`/api/v1/calls/${id}/ai/say`, { body: { text: '少々お待ちください。' } })).status).toBe(200);
    expect(sent().at(-1)).toEqual({ type: 'response.create', response: { instructions: 'Say exactly the following to the caller, word for word, and nothing else: 少々お待ちください。' } });
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === '少々お待ちください。', 'the said text');

    // Stop while the AI is speaking: the response is cancelled and its queued audio dropped.
    const long = h.ai.aiSays(callId, 'これは長い説明です。'.repeat(30));
    await tap.waitFor((e) => e.type === 'transcript.pending' && e.pending.call_id === id && e.pending.partial_text.startsWith('これは長い'), 'the AI speaking');
    expect((await h.api(`/api/v1/calls/${id}/ai/stop`, { method: 'POST' })).body).toEqual({ ok: true });
    expect(sent().slice(-2)).toEqual([{ type: 'response.cancel' }, { type: 'output_audio_buffer.clear' }]);
    expect((await long).status).toBe('cancelled');

    expect((await h.api(`/api/v1/calls/${id}/ai/transfer`, { body: { target: '1001' } })).body).toEqual({ ok: true });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/refer`)[0]!.body).toEqual({ target_uri: 'sip:1001@pbx.example.test' });

    const audit = (await callEvents(h, id)).filter((e) => e.type.startsWith('ai.') && !e.type.startsWith('ai.accept'));
    expect(audit.map((e) => [e.type, e.actor, e.data])).toEqual([
      ['ai.whisper', `key:${keyId}`, { text: 'Offer the 10% discount.' }],
      ['ai.say', `key:${keyId}`, { text: '少々お待ちください。' }],
      ['ai.stop', `key:${keyId}`, {}],
      ['ai.transfer', `key:${keyId}`, expect.objectContaining({ target: '1001', target_uri: 'sip:1001@pbx.example.test', kind: 'seat' })],
    ]);
    await tap.waitFor((e) => e.type === 'call.event' && e.event.call_id === id && e.event.type === 'ai.transfer', 'the transfer on the event socket');

    // The caller's leg moves to the seat; OpenAI's leg ends.
    await h.ai.endCall(callId);
    const ended = await waitForCall(h, id, (c) => c.status === 'completed', 'completed');
    expect(ended).toMatchObject({ end_reason: 'transferred', transfer_count: 1 });
  });

  it('a supervisor controls the call from the console; an agent may not', async () => {
    const { callId, id } = await ring('+14155550123');
    expect((await h.api(`/api/v1/calls/${id}`)).body.from_number).toBe('+14155550123');
    const agent = await consoleAs(h, 'agent');
    expect((await agent.call('listAssistants')).map((a: { id: number }) => a.id)).toContain(assistantId);
    for (const [method, arg] of [
      ['aiWhisper', { call_id: id, text: 'x' }],
      ['aiSay', { call_id: id, text: 'x' }],
      ['aiStop', { call_id: id }],
      ['aiTransfer', { call_id: id, target: '1001' }],
      ['aiHangup', { call_id: id }],
      ['saveAssistant', { name: 'nope' }],
    ] as const) {
      const refused = await agent.fail(method, arg);
      expect(refused.status, method).toBe(403);
      expect(refused.body.message).toMatch(/supervisor/);
    }

    await h.ai.waitForClientEvent(callId, 'response.create');
    expect(await supervisor.call('aiWhisper', { call_id: id, text: 'The caller is a VIP.' })).toEqual({ ok: true });
    await supervisor.call('aiTransfer', { call_id: id, target: '+81 90-1234-5678' });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/refer`)[0]!.body).toEqual({ target_uri: 'tel:+819012345678' });
    expect(await supervisor.call('aiHangup', { call_id: id })).toEqual({ ok: true });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/hangup`)).toHaveLength(1);
    const ended = await waitForCall(h, id, (c) => c.status === 'completed', 'completed');
    expect(ended.end_reason).toBe('ai-hangup');

    const supervisorId = (await supervisor.call('session')).agent.id;
    const audit = (await callEvents(h, id)).filter((e) => ['ai.whisper', 'ai.transfer', 'ai.hangup'].includes(e.type));
    expect(audit.map((e) => [e.type, e.actor])).toEqual([
      ['ai.whisper', `agent:${supervisorId}`],
      ['ai.transfer', `agent:${supervisorId}`],
      ['ai.hangup', `agent:${supervisorId}`],
    ]);
    expect(audit.some((e) => agentNo(e.actor) !== supervisorId)).toBe(false);
  });

  it('refuses controls on calls that are not live AI calls, and bad targets', async () => {
    const human = await h.api('/api/v1/calls', { body: { direction: 'inbound', from_number: '0311112222', to_number: '1001', status: 'in-progress' } });
    const notAi = await h.api(`/api/v1/calls/${human.body.id}/ai/whisper`, { body: { text: 'hello' } });
    expect([notAi.status, notAi.body.code]).toEqual([409, 'not_ai_call']);
    expect((await h.api('/api/v1/calls/999999/ai/stop', { method: 'POST' })).status).toBe(404);

    const { callId, id } = await ring();
    const bad = await h.api(`/api/v1/calls/${id}/ai/transfer`, { body: { target: 'sip:evil@host?X-Header=1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/headers/);
    expect((await h.api(`/api/v1/calls/${id}/ai/whisper`, { body: { text: '' } })).status).toBe(400);
    expect((await h.api(`/api/v1/calls/${id}/ai/whisper`, { body: { text: 'x', extra: 1 } })).status).toBe(400);

    await h.ai.endCall(callId);
    await waitForCall(h, id, (c) => c.status === 'completed', 'completed');
    const over = await h.api(`/api/v1/calls/${id}/ai/say`, { body: { text: 'hello' } });
    expect([over.status, over.body.code]).toEqual([409, 'call_not_live']);
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/refer`)).toHaveLength(0);
  });

  it('answers the AI’s tool calls: transfer with a target refers, without one hands off, keys are recorded honestly, end_call says goodbye and hangs up', async () => {
    const { callId, id } = await ring();
    await h.ai.waitForClientEvent(callId, 'response.create');
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === GREETING, 'the greeting');
    const outputs = () => h.ai.call(callId).clientEvents.map((r) => r.event).filter((e) => e.type === 'conversation.item.create');
    const outputFor = async (toolCallId: string) => {
      const e = await h.ai.waitForClientEvent(callId, 'conversation.item.create', (ev) => (ev.item as { call_id?: string }).call_id === toolCallId);
      return JSON.parse((e.item as { output: string }).output) as Record<string, unknown>;
    };

    const press = await h.ai.aiCallsTool(callId, 'press_digit', { digit: '3' });
    expect(await outputFor(press.callId)).toMatchObject({ ok: false, error: expect.stringMatching(/could not be pressed/) });
    const dtmfEvent = (await callEvents(h, id)).find((e) => e.type === 'ai.tool.press_digit');
    expect(dtmfEvent).toMatchObject({ actor: `assistant:${assistantId}`, data: { digit: '3', sent: false } });

    const handoff = await h.ai.aiCallsTool(callId, 'transfer_to_human', { reason: '請求について' });
    expect(await outputFor(handoff.callId)).toMatchObject({ ok: true, status: 'waiting_for_person' });
    expect((await waitForCall(h, id, (c) => c.handled_by === 'queue', 'handed to the queue')).status).toBe('in-progress');
    expect((await callEvents(h, id)).find((e) => e.type === 'ai.handoff')).toMatchObject({ data: { reason: '請求について' } });

    const transfer = await h.ai.aiCallsTool(callId, 'transfer_to_human', { reason: 'billing', target: '1001' });
    expect(await outputFor(transfer.callId)).toMatchObject({ ok: true, status: 'transferring' });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/refer`).map((r) => r.body)).toEqual([{ target_uri: 'sip:1001@pbx.example.test' }]);

    // Every output is followed by a response.create so the model goes on: the greeting's, then one per tool response.
    const creates = () => h.ai.call(callId).clientEvents.filter((r) => r.event.type === 'response.create').length;
    await pollUntil(() => creates() === 4, { timeoutMs: 5000, what: 'a response.create after each tool output' });
    expect(outputs()).toHaveLength(3);

    const end = await h.ai.aiCallsTool(callId, 'end_call', { reason: 'done' });
    expect(await outputFor(end.callId)).toMatchObject({ ok: true });
    const goodbye = await h.ai.waitForClientEvent(callId, 'response.create', (e) => /goodbye/.test(String((e.response as { instructions?: string } | undefined)?.instructions)));
    expect(goodbye).toEqual({ type: 'response.create', response: { instructions: 'Say a short, polite goodbye to the caller now, and nothing else.' } });
    await h.ai.waitForRequest((r) => r.path === `/v1/realtime/calls/${callId}/hangup`);
    // The far end never completed the transfer asked for earlier; the hang-up ended the call.
    expect((await waitForCall(h, id, (c) => c.status === 'completed', 'completed')).end_reason).toBe('ai-hangup');
    expect(await segments(id)).toContainEqual(['ai', 'Say a short, polite goodbye to the caller now, and nothing else.']);
  });

  it('reconnects a dropped sideband and keeps transcribing; controls answer 503 meanwhile', async () => {
    const { callId, id } = await ring();
    await h.ai.waitForClientEvent(callId, 'response.create');
    await h.ai.stop();
    await tap.waitFor((e) => e.type === 'call.event' && e.event.call_id === id && e.event.type === 'ai.sideband.lost', 'the drop on the timeline');
    const down = await h.api(`/api/v1/calls/${id}/ai/whisper`, { body: { text: 'hello' } });
    expect([down.status, down.body.code]).toEqual([503, 'sideband_not_connected']);
    await h.ai.start();
    await tap.waitFor((e) => e.type === 'call.event' && e.event.call_id === id && e.event.type === 'ai.sideband.restored', 'the reconnect on the timeline');
    expect(h.ai.call(callId).connections).toBe(2);
    // No second greeting on the new socket.
    expect(h.ai.call(callId).clientEvents.filter((r) => r.socket === 2)).toEqual([]);

    await h.ai.callerSays(callId, 'もしもし？');
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === 'もしもし？', 'the caller after the reconnect');
    expect((await h.api(`/api/v1/calls/${id}`)).body.status).toBe('in-progress');
    await h.ai.endCall(callId);
    expect((await waitForCall(h, id, (c) => c.status === 'completed', 'completed')).end_reason).toBe('caller-hangup');
  });

  it('a live AI call survives a restart of the hub: it is followed again, not greeted again', async () => {
    const { callId, id } = await ring();
    await h.ai.waitForClientEvent(callId, 'response.create');
    tap.close();
    await h.hub.restart();
    tap = await tapEvents(h);
    await h.ai.waitForSideband(callId);
    expect(h.ai.call(callId).connections).toBe(2);
    expect((await h.api(`/api/v1/calls/${id}`)).body.status).toBe('in-progress');
    await h.ai.callerSays(callId, '聞こえますか？');
    await tap.waitFor((e) => e.type === 'transcript.segment' && e.segment.call_id === id && e.segment.text === '聞こえますか？', 'the transcript after the restart');
    expect(h.ai.call(callId).clientEvents.filter((r) => r.socket === 2)).toEqual([]);
    expect(await supervisor.fail('aiWhisper', { call_id: id, text: 'still there?' }).then((r) => r.status)).toBe(200);
    await h.ai.endCall(callId);
    expect((await waitForCall(h, id, (c) => c.status === 'completed', 'completed')).end_reason).toBe('caller-hangup');
  });
});

const agentNo = (actor: string) => Number(actor.replace(/^agent:/, ''));
