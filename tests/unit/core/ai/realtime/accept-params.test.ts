import { describe, expect, it } from 'vitest';
import type { Assistant } from '../../../../../shared/domain/assistant.ts';
import type { AiConfig } from '../../../../../electron/core/ai/ai-settings.service.ts';
import { acceptPlan } from '../../../../../electron/core/ai/realtime/accept-params.ts';
import { sidebandUrl } from '../../../../../electron/core/ai/realtime/sideband-url.ts';

const cfg: AiConfig = {
  base_url: null,
  api_key: null,
  webhook_secret: null,
  transcription_model: 'gpt-4o-mini-transcribe',
  transcription_language: 'en',
  transcription_prompt: null,
  chat_model: 'gpt-4o-mini',
  realtime_model: 'gpt-realtime',
};

const assistant = (over: Partial<Assistant>): Assistant => ({
  id: 1,
  tenant_id: 'default',
  name: 'a',
  description: null,
  instructions: 'Answer from this FAQ: {FAQ_KB}. Again: {FAQ_KB}',
  greeting: null,
  model: 'gpt-realtime-mini',
  voice: 'marin',
  language: 'ja-JP',
  transcription_model: null,
  transcription_language: null,
  phone_numbers: [],
  faq_knowledge_base: 'Q: hours? A: 9-17',
  is_active: true,
  llm_provider: 'openai',
  llm_provider_config: {},
  has_llm_api_key: false,
  llm_settings: {},
  tts_settings: {},
  stt_settings: {},
  created_by: null,
  created_at: '',
  updated_at: '',
  ...over,
});

describe('the calls.accept body', () => {
  it('fills {FAQ_KB}, names model and voice, and transcribes in the assistant’s language with the tenant’s model', () => {
    const { params, notes } = acceptPlan(assistant({}), cfg);
    expect(params).toMatchObject({
      type: 'realtime',
      model: 'gpt-realtime-mini',
      instructions: 'Answer from this FAQ: Q: hours? A: 9-17. Again: Q: hours? A: 9-17',
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe', language: 'ja' } }, output: { voice: 'marin' } },
    });
    expect(params.tools?.map((t) => (t as { name: string }).name)).toEqual(['transfer_to_human', 'end_call', 'press_digit']);
    expect(notes).toEqual([]);
  });

  it('leaves out what OpenAI would refuse or ignore, and says so', () => {
    const { params, notes } = acceptPlan(assistant({ instructions: '  ', voice: 'rachel', language: null, faq_knowledge_base: null, transcription_model: 'whisper-1' }), { ...cfg, transcription_language: null });
    expect(params).not.toHaveProperty('instructions');
    expect(params.audio).toEqual({ input: { transcription: { model: 'whisper-1' } }, output: {} });
    expect(notes).toEqual([expect.stringMatching(/'rachel'/)]);
    expect(acceptPlan(assistant({ voice: 'voice_1234' }), cfg).params.audio?.output).toEqual({ voice: { id: 'voice_1234' } });
  });

  it('puts the sideband on the endpoint’s host, ws:// for plain http', () => {
    expect(sidebandUrl('http://127.0.0.1:9000/v1/', 'rtc_1')).toBe('ws://127.0.0.1:9000/v1/realtime?call_id=rtc_1');
    expect(sidebandUrl(null, 'rtc_2')).toBe('wss://api.openai.com/v1/realtime?call_id=rtc_2');
  });
});
