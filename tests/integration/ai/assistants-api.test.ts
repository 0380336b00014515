// Seed 004's assistants API on a real hub: the documented requests, our fields alongside, the
// provider key sealed and never shown, scopes, and tenant isolation.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAs, startAiHub, type AiHub } from './ai-hub.ts';

const PROVIDER_KEY = `sk-provider-${randomBytes(12).toString('hex')}`;

/** Seed 004's "Create Assistant" example, as documented. */
const SEED_EXAMPLE = {
  name: 'Customer Service Bot',
  phone_number: '+1234567890',
  description: 'Handles customer inquiries',
  llm_provider: 'openai',
  llm_provider_config: { api_key: PROVIDER_KEY, model: 'gpt-4o-mini' },
  llm_settings: { temperature: 0.7, max_tokens: 1000, system_prompt: 'You are a helpful customer service representative.' },
  tts_settings: { voice_id: 'rachel', model_id: 'turbo' },
  is_active: true,
};

describe('assistants API (seed 004)', () => {
  let h: AiHub;
  let id: number;
  let keyId: string;
  const keys: Record<'read' | 'write', string> = { read: '', write: '' };

  beforeAll(async () => {
    h = await startAiHub();
    keyId = (await h.api('/api/v1/keys')).body.keys[0].id;
    for (const scope of ['read', 'write'] as const) keys[scope] = (await h.api('/api/v1/keys', { body: { name: scope, scopes: [scope] } })).body.key;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('creates an assistant from the documented request; the provider key is sealed and never returned', async () => {
    const created = await h.api('/api/v1/assistants/', { body: SEED_EXAMPLE });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      name: 'Customer Service Bot',
      description: 'Handles customer inquiries',
      phone_number: '+1234567890',
      phone_numbers: ['+1234567890'],
      llm_provider: 'openai',
      llm_provider_config: { model: 'gpt-4o-mini' },
      has_llm_api_key: true,
      llm_settings: { temperature: 0.7, max_tokens: 1000, system_prompt: 'You are a helpful customer service representative.' },
      instructions: 'You are a helpful customer service representative.',
      tts_settings: { voice_id: 'rachel', model_id: 'turbo' },
      voice: 'rachel',
      model: 'gpt-realtime',
      is_active: true,
      created_by: `key:${keyId}`,
      tenant_id: 'default',
    });
    const seen = [
      created.body,
      (await h.api(`/api/v1/assistants/${id}`)).body,
      (await h.api('/api/v1/assistants/')).body,
      (await h.api('/api/v1/assistants/by-phone/+1234567890')).body,
    ];
    expect(JSON.stringify(seen)).not.toContain(PROVIDER_KEY);
    expect(JSON.stringify(seen)).not.toContain('"api_key"');
    // Sealed at rest too: the key is nowhere in the database files.
    for (const file of ['earshot.db', 'earshot.db-wal'].filter((f) => existsSync(join(h.hub.dataDir, f)))) {
      expect(readFileSync(join(h.hub.dataDir, file)).includes(Buffer.from(PROVIDER_KEY)), file).toBe(false);
    }
  });

  it('lists with skip, limit, active_only and my_assistants_only; counts; finds by id and by phone', async () => {
    const mine = await h.api('/api/v1/assistants', { key: keys.write, body: { name: 'Night line', phone_numbers: ['+81 3-1234-5678'], is_active: false } });
    expect(mine.status).toBe(201);
    expect(mine.body.phone_numbers).toEqual(['+81312345678']);

    const all = await h.api('/api/v1/assistants/?limit=50');
    expect(all.body.map((a: { id: number }) => a.id)).toEqual([id, mine.body.id]);
    expect(all.headers.get('x-total-count')).toBe('2');
    expect((await h.api('/api/v1/assistants/?skip=1&limit=1')).body.map((a: { id: number }) => a.id)).toEqual([mine.body.id]);
    expect((await h.api('/api/v1/assistants/?active_only=true')).body.map((a: { id: number }) => a.id)).toEqual([id]);
    expect((await h.api('/api/v1/assistants/?my_assistants_only=true', { key: keys.write })).body.map((a: { id: number }) => a.id)).toEqual([mine.body.id]);
    expect((await h.api('/api/v1/assistants/count')).body).toEqual({ count: 2 });
    expect((await h.api('/api/v1/assistants/count?active_only=true')).body).toEqual({ count: 1 });
    expect((await h.api('/api/v1/assistants/?limit=1001')).status).toBe(400);

    // +81… and 0… are one number.
    expect((await h.api('/api/v1/assistants/by-phone/0312345678')).body.id).toBe(mine.body.id);
    expect((await h.api(`/api/v1/assistants/by-phone/${encodeURIComponent('+81312345678')}`)).body.id).toBe(mine.body.id);
    expect((await h.api('/api/v1/assistants/by-phone/+19998887777')).status).toBe(404);
    expect((await h.api('/api/v1/assistants/987654')).status).toBe(404);
  });

  it('updates with PUT (the fields sent), keeps or forgets the key, and toggles the status with PATCH', async () => {
    const put = await h.api(`/api/v1/assistants/${id}`, { method: 'PUT', body: { name: 'Updated Assistant Name', llm_settings: { temperature: 0.8, system_prompt: 'Updated system prompt' } } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Updated Assistant Name',
      instructions: 'Updated system prompt',
      llm_settings: { temperature: 0.8, system_prompt: 'Updated system prompt' },
      phone_numbers: ['+1234567890'],
      has_llm_api_key: true,
      voice: 'rachel',
    });
    const cleared = await h.api(`/api/v1/assistants/${id}`, { method: 'PUT', body: { llm_provider_config: { api_key: null, model: 'gpt-4o' }, greeting: 'Hello!' } });
    expect(cleared.body).toMatchObject({ has_llm_api_key: false, llm_provider_config: { model: 'gpt-4o' }, greeting: 'Hello!' });

    const off = await h.api(`/api/v1/assistants/${id}/status?is_active=false`, { method: 'PATCH' });
    expect([off.status, off.body.is_active]).toEqual([200, false]);
    expect((await h.api('/api/v1/assistants/count?active_only=true')).body).toEqual({ count: 0 });
    expect((await h.api(`/api/v1/assistants/${id}/status?is_active=true`, { method: 'PATCH' })).body.is_active).toBe(true);
    expect((await h.api(`/api/v1/assistants/${id}/status`, { method: 'PATCH' })).status).toBe(400);
  });

  it('refuses what it cannot store, with a message', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ name: 'x', unknown_field: 1 }, 400, /must NOT have additional properties/],
      [{ name: 'x', llm_provider: 'acme-llm' }, 400, /llm_provider/],
      [{ name: 'x', phone_number: 'call me' }, 400, /not a phone number/],
      [{ name: 'x', phone_number: '+1 (234) 567-890' }, 409, /already reaches assistant/],
      [{ name: '   ' }, 400, /name/],
      [{ phone_number: '+15550001111' }, 400, /name/],
    ];
    for (const [body, status, message] of cases) {
      const res = await h.api('/api/v1/assistants/', { body });
      expect([res.status, res.body.message], JSON.stringify(body)).toEqual([status, expect.stringMatching(message)]);
    }
  });

  it('applies the key scopes: GET read, POST/PUT/PATCH write, DELETE admin', async () => {
    expect((await h.api('/api/v1/assistants/', { key: keys.read })).status).toBe(200);
    expect((await h.api('/api/v1/assistants/', { key: keys.read, body: { name: 'no' } })).status).toBe(403);
    expect((await h.api(`/api/v1/assistants/${id}`, { key: keys.read, method: 'PUT', body: { name: 'no' } })).status).toBe(403);
    expect((await h.api(`/api/v1/assistants/${id}`, { key: keys.write, method: 'DELETE' })).status).toBe(403);
  });

  it('keeps tenants apart', async () => {
    const tenant = (await h.api('/api/v1/tenants', { body: { id: `other-${randomBytes(3).toString('hex')}`, name: 'Other' } })).body.id as string;
    const theirs = (await h.api('/api/v1/keys', { body: { name: 'other', scopes: ['admin'], tenant_id: tenant } })).body.key as string;
    expect((await h.api('/api/v1/assistants/', { key: theirs })).body).toEqual([]);
    expect((await h.api(`/api/v1/assistants/${id}`, { key: theirs })).status).toBe(404);
    expect((await h.api(`/api/v1/assistants/${id}`, { key: theirs, method: 'PUT', body: { name: 'taken' } })).status).toBe(404);
    expect((await h.api(`/api/v1/assistants/${id}/status?is_active=false`, { key: theirs, method: 'PATCH' })).status).toBe(404);
    expect((await h.api(`/api/v1/assistants/${id}`, { key: theirs, method: 'DELETE' })).status).toBe(404);
    expect((await h.api('/api/v1/assistants/by-phone/+1234567890', { key: theirs })).status).toBe(404);
    // The same number may reach an assistant of another tenant.
    const same = await h.api('/api/v1/assistants/', { key: theirs, body: { name: 'Their bot', phone_number: '+1234567890' } });
    expect(same.status).toBe(201);
    expect((await h.api('/api/v1/assistants/count', { key: theirs })).body).toEqual({ count: 1 });
    expect((await h.api('/api/v1/assistants/me/organization', { key: theirs })).body).toMatchObject({ id: tenant, name: 'Other', assistant_count: 1, active_assistant_count: 1 });
    expect((await h.api(`/api/v1/assistants/${id}`)).body.name).toBe('Updated Assistant Name');
  });

  it('lists the providers and the organization', async () => {
    const providers = (await h.api('/api/v1/assistants/providers')).body.providers as { id: string; models: string[] }[];
    expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(['openai', 'anthropic', 'gemini', 'xai', 'groq']));
    expect(providers.find((p) => p.id === 'openai')!.models).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini']));
    expect((await h.api('/api/v1/assistants/me/organization')).body).toMatchObject({ id: 'default', name: 'Default', assistant_count: 2 });
  });

  it('documents the assistants, AI call and webhook routes in the OpenAPI document', async () => {
    const paths = Object.keys((await (await fetch(`${h.hub.url}/docs/json`)).json()).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/assistants/',
        '/api/v1/assistants/{id}',
        '/api/v1/assistants/{id}/status',
        '/api/v1/assistants/by-phone/{phone_number}',
        '/api/v1/calls/{id}/ai/whisper',
        '/api/v1/calls/{id}/ai/transfer',
        '/api/v1/ai/call-settings',
        '/webhooks/openai',
        '/',
      ]),
    );
  });

  it('answers calls to a seed-004 assistant: its system prompt, and the session voice when its voice is not an OpenAI one', async () => {
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { to: '+1234567890' });
    expect(JSON.parse(delivery.body).outcome).toBe('accepted');
    const accept = h.ai.requestsTo(`/v1/realtime/calls/${callId}/accept`)[0]!.body as Record<string, unknown>;
    expect(accept).toMatchObject({ type: 'realtime', model: 'gpt-realtime', instructions: 'Updated system prompt', audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } }, output: {} } });
    const events = (await h.api(`/api/v1/calls/${JSON.parse(delivery.body).call_id}/events`)).body.events as { type: string; data: { notes?: string[] } }[];
    expect(events.find((e) => e.type === 'ai.accepted')?.data.notes).toEqual([expect.stringMatching(/'rachel' is not an OpenAI realtime voice/)]);
    await h.ai.waitForSideband(callId);
    await h.ai.endCall(callId);
    expect(h.ai.problems).toEqual([]);
  });

  it('the console: supervisors and admins manage assistants, every agent can list them', async () => {
    const supervisor = await consoleAs(h, 'supervisor');
    const agent = await consoleAs(h, 'agent');
    const made = await supervisor.call('saveAssistant', { name: 'Console bot', phone_numbers: ['0501234567'], llm_api_key: 'sk-console-secret', voice: 'cedar' });
    expect(made).toMatchObject({ name: 'Console bot', has_llm_api_key: true, voice: 'cedar', created_by: expect.stringMatching(/^agent:\d+$/) });
    expect(JSON.stringify(made)).not.toContain('sk-console-secret');
    const changed = await supervisor.call('saveAssistant', { id: made.id, name: 'Console bot 2', greeting: 'Hi' });
    expect(changed).toMatchObject({ id: made.id, name: 'Console bot 2', greeting: 'Hi', has_llm_api_key: true, phone_numbers: ['0501234567'] });
    expect((await agent.call('listAssistants')).map((a: { name: string }) => a.name)).toContain('Console bot 2');
    expect((await agent.fail('saveAssistant', { id: made.id, name: 'mine now' })).status).toBe(403);
    expect((await agent.fail('deleteAssistant', { id: made.id })).status).toBe(403);
    expect((await supervisor.fail('saveAssistant', { name: 'x', nonsense: true })).status).toBe(400);
    expect(await supervisor.call('deleteAssistant', { id: made.id })).toEqual({ ok: true });
    expect((await supervisor.fail('deleteAssistant', { id: made.id })).status).toBe(404);
  });

  it('deletes with an admin key', async () => {
    const del = await h.api(`/api/v1/assistants/${id}`, { method: 'DELETE' });
    expect([del.status, del.body]).toEqual([200, { ok: true, id, message: 'Assistant deleted' }]);
    expect((await h.api(`/api/v1/assistants/${id}`)).status).toBe(404);
  });
});
