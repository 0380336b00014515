import { describe, expect, it } from 'vitest';
import type { AiSettingsView } from '../../../shared/contracts/ai-settings.ts';
import { formFrom, formProblems, updateFrom } from '../../../renderer/src/features/settings/ai-settings-form.ts';
import { isAtBottom } from '../../../renderer/src/features/transcript/stick-to-bottom.ts';
import { filterEntries, highlight } from '../../../renderer/src/features/transcript/transcript-search.ts';
import { createAiSettingsStore } from '../../../renderer/src/state/ai-settings.store.ts';
import type { TranscriptEntry } from '../../../renderer/src/state/transcripts.store.ts';
import { FakeCoreClient, makeAgent } from './fake-core-client.ts';

const entry = (key: string, text: string): TranscriptEntry => ({ key, speaker: 'caller', start_ms: 0, end_ms: 1, text, status: 'final', attempts: 0 });

describe('transcript search', () => {
  const entries = [entry('a', 'My card was declined'), entry('b', 'Let me check the CARD payment'), entry('c', 'カードが使えません'), entry('d', '')];

  it('keeps the lines that contain the words, whatever their case; an empty search keeps all', () => {
    expect(filterEntries(entries, 'card', 'en').map((e) => e.key)).toEqual(['a', 'b']);
    expect(filterEntries(entries, '  カード ', 'ja').map((e) => e.key)).toEqual(['c']);
    expect(filterEntries(entries, '', 'en')).toHaveLength(4);
    expect(filterEntries(entries, 'refund', 'en')).toEqual([]);
  });

  it('marks every occurrence in the text as written', () => {
    expect(highlight('Card, card and CARD.', 'card', 'en')).toEqual([
      { text: 'Card', match: true },
      { text: ', ', match: false },
      { text: 'card', match: true },
      { text: ' and ', match: false },
      { text: 'CARD', match: true },
      { text: '.', match: false },
    ]);
    expect(highlight('no match here', 'card', 'en')).toEqual([{ text: 'no match here', match: false }]);
    expect(highlight('anything', ' ', 'en')).toEqual([{ text: 'anything', match: false }]);
  });
});

describe('auto-scroll', () => {
  it('follows while the view is at (or within a line of) the bottom, not once the person scrolled up', () => {
    expect(isAtBottom({ scrollTop: 600, scrollHeight: 1000, clientHeight: 400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 580, scrollHeight: 1000, clientHeight: 400 })).toBe(true);
    expect(isAtBottom({ scrollTop: 500, scrollHeight: 1000, clientHeight: 400 })).toBe(false);
    expect(isAtBottom({ scrollTop: 0, scrollHeight: 300, clientHeight: 400 })).toBe(true);
  });
});

const view = (over: Partial<AiSettingsView> = {}): AiSettingsView => ({
  base_url: 'http://10.0.0.5:8000/v1',
  has_api_key: true,
  has_webhook_secret: false,
  transcription_model: 'gpt-4o-mini-transcribe',
  transcription_language: 'ja',
  transcription_prompt: 'Earshot, ACME',
  chat_model: 'gpt-4o-mini',
  realtime_model: 'gpt-realtime',
  source: { base_url: 'environment', api_key: 'environment', webhook_secret: 'unset' },
  ...over,
});

describe('AI settings form', () => {
  it('sends nothing when nothing changed; the environment’s URL is a placeholder, not a value', () => {
    const form = formFrom(view());
    expect(form.base_url).toBe('');
    expect(updateFrom(form, view())).toEqual({});
    expect(formProblems(form)).toEqual([]);
  });

  it('sends only what changed; emptied fields go back to their default (null)', () => {
    const v = view({ source: { base_url: 'settings', api_key: 'settings', webhook_secret: 'unset' } });
    const form = { ...formFrom(v), base_url: '', transcription_language: ' ', chat_model: 'gpt-4.1-mini', api_key: ' sk-new ' };
    expect(updateFrom(form, v)).toEqual({ base_url: null, transcription_language: null, chat_model: 'gpt-4.1-mini', api_key: 'sk-new' });
  });

  it('a secret is replaced by typing one, or removed from the settings on request', () => {
    const v = view({ has_webhook_secret: true, source: { base_url: 'environment', api_key: 'settings', webhook_secret: 'settings' } });
    expect(updateFrom({ ...formFrom(v), clear_api_key: true }, v)).toEqual({ api_key: null });
    expect(updateFrom({ ...formFrom(v), clear_api_key: true, api_key: 'sk-2' }, v)).toEqual({ api_key: 'sk-2' });
  });

  it('takes a local server’s own model name', () => {
    const local = view({ transcription_model: 'Systran/faster-whisper-small' });
    const form = formFrom(local);
    expect(form).toMatchObject({ transcription_model: '', transcription_model_other: 'Systran/faster-whisper-small' });
    expect(updateFrom({ ...form, transcription_model: 'whisper-1' }, local)).toEqual({ transcription_model: 'whisper-1' });
    expect(formProblems({ ...form, transcription_model_other: '  ' })).toEqual(['transcription_model']);
  });

  it('catches a bad URL, language code or webhook secret before asking the core', () => {
    const form = { ...formFrom(view()), base_url: 'ftp://x', transcription_language: 'Japanese', webhook_secret: 'secret' };
    expect(formProblems(form)).toEqual(['base_url', 'transcription_language', 'webhook_secret']);
    expect(formProblems({ ...form, base_url: 'https://api.example.com/v1', transcription_language: 'pt-BR', webhook_secret: `whsec_${'A'.repeat(24)}` })).toEqual([]);
  });
});

describe('AI settings store', () => {
  function signedIn(role: 'admin' | 'supervisor') {
    const core = new FakeCoreClient();
    core.addUser('x', 'pw', makeAgent({ role }));
    core.session = { agent: core.agents[0]!, tenant_id: 'default', expires_at: '2099-01-01T00:00:00.000Z' };
    return { core, store: createAiSettingsStore(core) };
  }

  it('an admin saves a change and gets the core’s view back; secrets come back only as "set"', async () => {
    const { store } = signedIn('admin');
    await store.getState().load();
    expect(await store.getState().save({ base_url: 'http://10.0.0.5:8000/v1', api_key: 'sk-local' })).toBe(true);
    expect(store.getState().settings).toMatchObject({ base_url: 'http://10.0.0.5:8000/v1', has_api_key: true, source: { base_url: 'settings', api_key: 'settings' } });
    expect(JSON.stringify(store.getState().settings)).not.toContain('sk-local');
    expect(store.getState().savedCount).toBe(1);
  });

  it('keeps the core’s refusal for the form to show', async () => {
    const { store } = signedIn('admin');
    await store.getState().load();
    expect(await store.getState().save({ base_url: 'nope' })).toBe(false);
    expect(store.getState().saveError).toMatchObject({ statusCode: 400 });
    expect(store.getState().settings?.base_url).toBeNull();
  });

  it('a supervisor reads the settings but cannot change them', async () => {
    const { store } = signedIn('supervisor');
    await store.getState().load();
    expect(store.getState().settings).not.toBeNull();
    expect(await store.getState().save({ chat_model: 'x' })).toBe(false);
    expect(store.getState().saveError).toMatchObject({ statusCode: 403 });
  });
});
