// An AI voice agent hands a caller to a person (transfer_to_human without a target): the call
// waits in the queue, is offered to an agent whose seat is registered, and accepting it REFERs
// the AI call to that seat through OpenAI Realtime (the emulator records the refer). A refer the
// endpoint refuses puts the call back in the queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { callEvents, startAiHub, waitForCall, type AiHub } from '../ai/ai-hub.ts';

describe('AI hand-off through the queue', () => {
  let pbx: Kamailio;
  let h: AiHub;
  let alice: ScriptedConsole;
  let aliceId: number;

  beforeAll(async () => {
    pbx = await startKamailio();
    h = await startAiHub();
    const assistant = await h.api('/api/v1/assistants/', { body: { name: 'Reception', phone_number: '+81 3-1234-5678', llm_settings: { system_prompt: 'Help callers.' } } });
    expect(assistant.status).toBe(201);
    const agent = await h.api('/api/v1/agents', {
      body: { name: 'Alice Agent', extension: '1001', login: { username: 'alice', password: 'alice-console' }, sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl } },
    });
    expect(agent.status).toBe(201);
    aliceId = agent.body.id;
    alice = await openScriptedConsole(h.hub.url, 'alice', 'alice-console');
    await alice.waitForSip('registered');
  });

  afterAll(async () => {
    alice?.close();
    await h?.dispose();
    await pbx?.stop();
  });

  async function handoff(reason: string): Promise<{ callId: string; id: number; entryId: number }> {
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+818012345678', fromName: 'Taro', to: '+81312345678' });
    const answer = JSON.parse(delivery.body);
    expect(answer).toMatchObject({ outcome: 'accepted' });
    await h.ai.waitForSideband(callId);
    await h.ai.aiCallsTool(callId, 'transfer_to_human', { reason });
    await waitForCall(h, answer.call_id, (c) => c.handled_by === 'queue', 'handed to the queue');
    let entryId = 0;
    await expect
      .poll(async () => {
        const list = (await h.api('/api/v1/queue?state=offered')).body.entries as { id: number; call_id: number; kind: string; offered_agent_id: number }[];
        const e = list.find((x) => x.call_id === answer.call_id);
        entryId = e?.id ?? 0;
        return e && { kind: e.kind, offered_agent_id: e.offered_agent_id };
      }, { timeout: 5000 })
      .toEqual({ kind: 'ai_handoff', offered_agent_id: aliceId });
    return { callId, id: answer.call_id, entryId };
  }

  it('offers the hand-off to the ready agent; accepting refers the AI call to her seat', async () => {
    const { callId, id, entryId } = await handoff('billing question');
    expect((await h.api(`/api/v1/queue/${entryId}`)).body).toMatchObject({ metadata: { reason: 'billing question' }, from_number: expect.any(String) });

    const accepted = await alice.call<{ state: string; connect_mode: string }>('acceptOffer', { entry_id: entryId });
    expect(accepted).toMatchObject({ state: 'assigned', connect_mode: 'ai-refer' });
    expect(h.ai.requestsTo(`/v1/realtime/calls/${callId}/refer`).map((r) => r.body)).toEqual([{ target_uri: 'sip:1001@127.0.0.1' }]);
    const call = (await h.api(`/api/v1/calls/${id}`)).body;
    expect(call).toMatchObject({ agent_id: aliceId });
    const types = (await callEvents(h, id)).map((e) => [e.type, e.actor]);
    expect(types).toEqual(expect.arrayContaining([['ai.handoff', expect.stringMatching(/^assistant:/)], ['queue.enqueued', expect.any(String)], ['queue.assigned', `agent:${aliceId}`], ['ai.transfer', `agent:${aliceId}`]]));
    expect((await h.api(`/api/v1/agents/${aliceId}/status`)).body).toMatchObject({ status: 'busy', active_calls: 1 });

    // The AI's leg ends once the caller is with Alice: the entry is done, Alice wraps up.
    await h.ai.endCall(callId);
    await expect.poll(async () => (await h.api(`/api/v1/queue/${entryId}`)).body.state, { timeout: 5000 }).toBe('completed');
    await expect.poll(async () => (await h.api(`/api/v1/agents/${aliceId}/status`)).body.status, { timeout: 5000 }).toBe('wrap-up');
    await expect.poll(async () => (await h.api('/api/v1/analytics/queue')).body, { timeout: 5000 }).toMatchObject({ ai_calls: 1, ai_handoffs: 1, handoff_rate: 1, answered: 1 });
  });

  it('a refer the AI endpoint refuses sends the call back to the queue and tells the agent', async () => {
    await h.api(`/api/v1/agents/${aliceId}/status`, { method: 'PUT', body: { status: 'online' } });
    const { callId, entryId } = await handoff('refund');
    h.ai.failNext(1, 500, `/v1/realtime/calls/${callId}/refer`);
    await expect(alice.call('acceptOffer', { entry_id: entryId })).rejects.toMatchObject({ statusCode: 502 });
    const entry = (await h.api(`/api/v1/queue/${entryId}`)).body;
    expect(entry).toMatchObject({ state: 'waiting', assigned_agent_id: null, passes: [{ agent_id: aliceId, reason: 'failed' }] });
    expect((await h.api(`/api/v1/agents/${aliceId}/status`)).body).toMatchObject({ status: 'available', active_calls: 0 });
    await h.ai.endCall(callId);
    await expect.poll(async () => (await h.api(`/api/v1/queue/${entryId}`)).body.state, { timeout: 5000 }).toBe('abandoned');
  });
});
