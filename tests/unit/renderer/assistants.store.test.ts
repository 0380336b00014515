import { describe, expect, it } from 'vitest';
import type { CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { Assistant } from '../../../shared/domain/assistant.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { aiControlOf, createAiControlsStore } from '../../../renderer/src/state/ai-controls.store.ts';
import { createAssistantsStore, parsePhoneNumbers } from '../../../renderer/src/state/assistants.store.ts';

const assistant = (id: number, name: string): Assistant => ({
  id, tenant_id: 'default', name, description: null, instructions: '', greeting: null, model: 'gpt-realtime', voice: 'marin', language: null,
  transcription_model: null, transcription_language: null, phone_numbers: [], faq_knowledge_base: null, is_active: true, llm_provider: 'openai',
  llm_provider_config: {}, has_llm_api_key: false, llm_settings: {}, tts_settings: {}, stt_settings: {}, created_by: null, created_at: '', updated_at: '',
});

/** Just enough of a core for these stores: an assistants table and a log of AI controls. */
function fakeCore() {
  const items: Assistant[] = [];
  const controls: { method: CoreMethod; arg: unknown }[] = [];
  let refuseNext: CoreError | null = null;
  const client: CoreClient = {
    async call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
      if (refuseNext) {
        const e = refuseNext;
        refuseNext = null;
        throw e;
      }
      const a = arg as Record<string, unknown>;
      switch (method) {
        case 'listAssistants':
          return structuredClone(items) as CoreResult<M>;
        case 'saveAssistant': {
          const id = (a.id as number | undefined) ?? items.length + 1;
          const stored = { ...assistant(id, a.name as string), phone_numbers: (a.phone_numbers as string[]) ?? [] };
          const at = items.findIndex((x) => x.id === id);
          if (at >= 0) items[at] = stored;
          else items.push(stored);
          return stored as CoreResult<M>;
        }
        case 'deleteAssistant':
          items.splice(items.findIndex((x) => x.id === a.id), 1);
          return { ok: true } as CoreResult<M>;
        default:
          controls.push({ method, arg });
          return { ok: true } as CoreResult<M>;
      }
    },
    onEvent: () => () => undefined,
    onConnection: () => () => undefined,
    onMediaRequest: () => () => undefined,
  };
  return { client, items, controls, refuse: (e: CoreError) => (refuseNext = e) };
}

describe('assistants store', () => {
  it('creates, renames and deletes, showing what the core stored each time', async () => {
    const core = fakeCore();
    const store = createAssistantsStore(core.client);
    await store.getState().load();
    expect(store.getState().items).toEqual([]);
    const created = await store.getState().save({ name: 'Front desk', phone_numbers: ['+81312345678'] });
    expect(created?.id).toBe(1);
    expect(store.getState().items.map((a) => a.name)).toEqual(['Front desk']);
    await store.getState().save({ id: 1, name: 'Reception' });
    expect(store.getState().items.map((a) => a.name)).toEqual(['Reception']);
    expect(await store.getState().remove(1)).toBe(true);
    expect(store.getState().items).toEqual([]);
  });

  it('keeps a refused save as an error for the editor and leaves the list alone', async () => {
    const core = fakeCore();
    const store = createAssistantsStore(core.client);
    core.refuse(new CoreError({ statusCode: 403, error: 'Forbidden', message: 'saving assistants needs the admin or supervisor role' }));
    expect(await store.getState().save({ name: 'X' })).toBeNull();
    expect(store.getState().saveError).toMatchObject({ statusCode: 403, message: /supervisor role/ });
    expect(store.getState().items).toEqual([]);
    store.getState().clearSaveError();
    expect(store.getState().saveError).toBeNull();
  });

  it('reads phone numbers one per line or comma separated, without blanks or repeats', () => {
    expect(parsePhoneNumbers(' +81312345678\n0312345678, +81312345678;\n\n 1001 ')).toEqual(['+81312345678', '0312345678', '1001']);
  });
});

describe('AI call controls store', () => {
  it('sends each control with its call and says what was done', async () => {
    const core = fakeCore();
    const store = createAiControlsStore(core.client);
    expect(await store.getState().send(7, 'whisper', 'offer a refund')).toBe(true);
    expect(aiControlOf(store.getState(), 7)).toEqual({ busy: null, done: 'whisper', error: null });
    await store.getState().send(7, 'say', 'One moment please');
    await store.getState().send(7, 'stop');
    await store.getState().send(7, 'transfer', '1001');
    await store.getState().send(7, 'hangup');
    expect(core.controls).toEqual([
      { method: 'aiWhisper', arg: { call_id: 7, text: 'offer a refund' } },
      { method: 'aiSay', arg: { call_id: 7, text: 'One moment please' } },
      { method: 'aiStop', arg: { call_id: 7 } },
      { method: 'aiTransfer', arg: { call_id: 7, target: '1001' } },
      { method: 'aiHangup', arg: { call_id: 7 } },
    ]);
    expect(aiControlOf(store.getState(), 8)).toEqual({ busy: null, done: null, error: null });
  });

  it('shows why a control was refused', async () => {
    const core = fakeCore();
    const store = createAiControlsStore(core.client);
    core.refuse(new CoreError({ statusCode: 409, error: 'Conflict', message: 'call 7 is not a live AI call' }));
    expect(await store.getState().send(7, 'say', 'hello')).toBe(false);
    expect(aiControlOf(store.getState(), 7).error).toMatchObject({ statusCode: 409, message: 'call 7 is not a live AI call' });
  });
});
