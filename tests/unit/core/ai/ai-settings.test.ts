import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../../support/api-harness.ts';

/** A tenant's AI endpoint, set from the console by an admin: secrets sealed, never shown back. */
describe('AI settings (console)', () => {
  let h: ApiHarness;
  const cookies: Record<string, string> = {};

  const rpc = (method: string, arg: unknown, who: string) =>
    h.req('POST', `/console/rpc/${method}`, { key: null, body: arg ?? null, headers: { origin: 'http://127.0.0.1:7300', cookie: cookies[who]! } });

  beforeEach(async () => {
    h = await startApiHarness();
    for (const [name, role] of [['ann', 'admin'], ['sue', 'supervisor'], ['al', 'agent']] as const) {
      const created = await h.req('POST', '/api/v1/agents', { body: { name, role, login: { username: name, password: `${name}-password` } } });
      expect(created.statusCode).toBe(201);
      const login = await h.req('POST', '/console/rpc/login', { key: null, body: { username: name, password: `${name}-password` }, headers: { origin: 'http://127.0.0.1:7300' } });
      cookies[name] = String(login.headers['set-cookie']).split(';')[0]!;
    }
  });
  afterEach(() => h.close());

  it('shows defaults and where each value comes from', async () => {
    const view = (await rpc('aiSettings', null, 'ann')).json();
    expect(view).toMatchObject({
      base_url: null,
      has_api_key: false,
      has_webhook_secret: false,
      transcription_model: 'gpt-4o-mini-transcribe',
      chat_model: 'gpt-4o-mini',
      realtime_model: 'gpt-realtime',
      source: { base_url: 'default', api_key: 'unset', webhook_secret: 'unset' },
    });
  });

  it('lets an admin point the tenant at a local endpoint; the key is sealed and never returned', async () => {
    const res = await rpc('setAiSettings', { base_url: 'http://10.0.0.5:8000/v1/', api_key: 'sk-local-secret-123', transcription_model: 'whisper-1', transcription_language: 'ja', transcription_prompt: 'Earshot, ChanSpy' }, 'ann');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ base_url: 'http://10.0.0.5:8000/v1', has_api_key: true, transcription_model: 'whisper-1', transcription_language: 'ja', source: { base_url: 'settings', api_key: 'settings' } });
    expect(JSON.stringify(view)).not.toContain('sk-local-secret-123');
    for (const file of ['earshot.db', 'earshot.db-wal'].filter((f) => existsSync(join(h.dir, f)))) {
      expect(readFileSync(join(h.dir, file)).includes(Buffer.from('sk-local-secret-123')), file).toBe(false);
    }
    expect(existsSync(join(h.dir, 'earshot.db-wal')) || existsSync(join(h.dir, 'earshot.db'))).toBe(true);
    expect(h.deps.ai.config('default')).toMatchObject({ base_url: 'http://10.0.0.5:8000/v1', api_key: 'sk-local-secret-123' });
    // Clearing goes back to the environment/default.
    const cleared = (await rpc('setAiSettings', { base_url: null, api_key: null, transcription_model: null }, 'ann')).json();
    expect(cleared).toMatchObject({ base_url: null, has_api_key: false, transcription_model: 'gpt-4o-mini-transcribe', source: { base_url: 'default' } });
  });

  it('refuses bad values with a message that says what is wrong', async () => {
    expect((await rpc('setAiSettings', { base_url: 'ftp://x' }, 'ann')).json()).toMatchObject({ statusCode: 400, message: /http:\/\/ or https:\/\// });
    expect((await rpc('setAiSettings', { base_url: 'not a url' }, 'ann')).json()).toMatchObject({ statusCode: 400, message: /is not a URL/ });
    expect((await rpc('setAiSettings', { webhook_secret: 'hunter2' }, 'ann')).json()).toMatchObject({ statusCode: 400, message: /whsec_/ });
    expect((await rpc('setAiSettings', { transcription_language: 'Japanese' }, 'ann')).statusCode).toBe(400);
    expect((await rpc('setAiSettings', {}, 'ann')).statusCode).toBe(400);
    expect((await rpc('setAiSettings', { model: 'x' }, 'ann')).statusCode).toBe(400);
  });

  it('lets a supervisor read but not change them, and keeps agents out', async () => {
    expect((await rpc('aiSettings', null, 'sue')).statusCode).toBe(200);
    expect((await rpc('setAiSettings', { chat_model: 'gpt-4o' }, 'sue')).json()).toMatchObject({ statusCode: 403, message: /admin role/ });
    expect((await rpc('aiSettings', null, 'al')).json()).toMatchObject({ statusCode: 403, message: /admin or supervisor role/ });
  });

  it('tells listeners which tenant changed, so work waiting on the endpoint can retry', async () => {
    const seen: string[] = [];
    h.deps.ai.onChange((t) => seen.push(t));
    await rpc('setAiSettings', { chat_model: 'gpt-4o' }, 'ann');
    expect(seen).toEqual(['default']);
  });
});
