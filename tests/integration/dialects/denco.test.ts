// Seed 000 (DENCO) against a live hub: each documented request replayed, the answer checked
// field by field; its backend token and (opt-in) tenant-id bearer mapped onto our tenants; the
// voice socket refusing clearly; faxes stored with their pages; tenants kept apart; bad input 4xx.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../support/proc.ts';
import { textTiff } from '../../support/text-tiff.ts';
import { multiPageTiff } from '../../support/tiff.ts';
import { callEvents, startAiHub, waitForCall, type AiHub } from '../ai/ai-hub.ts';
import { expectClientError, makeTenant, MALFORMED_JSON_BODIES, raw, wsOutcome, type Tenant } from './dialect-fixtures.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ENV_TOKEN = `env-backend-${randomBytes(12).toString('hex')}`;
const TOKEN_A = `denco-backend-${randomBytes(12).toString('hex')}`;

/** The seed's "通話セッション作成" request body. */
const CREATE_EXAMPLE = { call_id: 'uuid-1234-5678', from_number: '09012345678', to_number: '0312345678', tenant_id: 'tenant-uuid' };

function faxForm(fields: Record<string, string>, tiff?: Uint8Array): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (tiff) form.append('tiff_file', new Blob([Buffer.from(tiff)], { type: 'image/tiff' }), 'fax.tif');
  return form;
}

describe('seed 000 (DENCO) dialect', () => {
  let h: AiHub;
  let A: Tenant;
  let B: Tenant;
  let tokenB = '';

  beforeAll(async () => {
    h = await startAiHub({ BACKEND_AUTH_TOKEN: ENV_TOKEN });
    A = await makeTenant(h, 'tenant-uuid');
    B = await makeTenant(h, 'tenant-b');
    expect((await h.api('/api/v1/dialects/denco/settings', { method: 'PATCH', key: A.admin, body: { backend_auth_token: TOKEN_A } })).status).toBe(200);
    const generated = await h.api('/api/v1/dialects/denco/backend-token', { method: 'POST', key: B.admin });
    expect(generated.status).toBe(201);
    tokenB = generated.body.backend_auth_token;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('GET /health keeps the documented shape', async () => {
    const r = await raw(h, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['database', 'service', 'status', 'timestamp']);
    expect(r.body).toMatchObject({ status: 'ok', database: 'connected', timestamp: expect.stringMatching(ISO) });
  });

  it('POST /api/calls: the documented request creates the session, as our call, in the token’s tenant', async () => {
    const r = await h.api('/api/calls', { key: TOKEN_A, body: CREATE_EXAMPLE });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'success', call_id: 'uuid-1234-5678', tenant_id: 'tenant-uuid' });
    expect(r.body.session).toMatchObject({
      id: 'uuid-1234-5678',
      tenant_id: 'tenant-uuid',
      from_number: '09012345678',
      to_number: '0312345678',
      start_time: expect.stringMatching(ISO),
      status: 'ringing',
    });
    // A retry of the same report answers the same session.
    const again = await h.api('/api/calls', { key: TOKEN_A, body: CREATE_EXAMPLE });
    expect(again.status).toBe(200);
    expect(again.body.session.start_time).toBe(r.body.session.start_time);
    // One domain core: it is an ordinary call of the tenant.
    const call = await h.api('/api/v1/calls/sid/uuid-1234-5678', { key: A.admin });
    expect(call.body).toMatchObject({ tenant_id: 'tenant-uuid', direction: 'inbound', status: 'ringing', handled_by: 'ai_agent', from_number: '09012345678' });
    expect(call.body.metadata).toMatchObject({ source: 'denco' });

    const conflict = await h.api('/api/calls', { key: TOKEN_A, body: { ...CREATE_EXAMPLE, from_number: '09000000000' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail).toMatch(/already exists/);
  });

  it('POST /api/calls: the curl example (no tenant_id) with BACKEND_AUTH_TOKEN lands in tenant default; API keys work too', async () => {
    const curl = await h.api('/api/calls', { key: ENV_TOKEN, body: { call_id: 'test-123', from_number: '09012345678', to_number: '0312345678' } });
    expect(curl.status).toBe(200);
    expect(curl.body.tenant_id).toBe('default');
    expect((await h.api('/api/v1/calls/sid/test-123')).status).toBe(200);
    expect((await h.api('/api/v1/calls/sid/test-123', { key: A.admin })).status).toBe(404);

    const withKey = await h.api('/api/calls', { key: A.admin, body: { call_id: 'uuid-by-key', from_number: '0120000000', to_number: '0312345678' } });
    expect(withKey.status).toBe(200);
    expect(withKey.body.tenant_id).toBe('tenant-uuid');
  });

  it('POST /api/calls: credentials — none 401, wrong 401 (seed wording), read-only 403, another tenant’s id 403', async () => {
    const none = await raw(h, 'POST', '/api/calls', { body: JSON.stringify(CREATE_EXAMPLE), contentType: 'application/json' });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: expect.stringMatching(/missing credentials/) });
    const wrong = await h.api('/api/calls', { key: `${TOKEN_A}x`, body: CREATE_EXAMPLE });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ detail: 'Invalid authentication credentials' });
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    const readOnly = await h.api('/api/calls', { key: A.read, body: CREATE_EXAMPLE });
    expect(readOnly.status).toBe(403);
    expect(typeof readOnly.body.detail).toBe('string');
    const otherTenant = await h.api('/api/calls', { key: tokenB, body: CREATE_EXAMPLE });
    expect(otherTenant.status).toBe(403);
    expect(otherTenant.body.detail).toMatch(/tenant 'tenant-b', not 'tenant-uuid'/);
  });

  it('POST /api/calls/{call_id}/dtmf records the digit', async () => {
    const r = await h.api('/api/calls/uuid-1234-5678/dtmf', { key: TOKEN_A, body: { digit: '1', timestamp: '2025-10-05T12:02:00.000Z' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'success', call_id: 'uuid-1234-5678', digit: '1' });
    const bad = await h.api('/api/calls/uuid-1234-5678/dtmf', { key: TOKEN_A, body: { digit: '12' } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['body', 'digit'], msg: expect.any(String), type: 'pattern' });
    const unknown = await h.api('/api/calls/no-such-call/dtmf', { key: TOKEN_A, body: { digit: '1' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'Call session not found' });
  });

  it('GET /api/tenants/{tenant_id}/greeting: the tenant’s greeting setting, else its assistant’s greeting, never another tenant’s', async () => {
    const none = await h.api('/api/tenants/tenant-uuid/greeting', { key: TOKEN_A });
    expect(none.status).toBe(404);
    expect(none.body.detail).toMatch(/No greeting configured/);

    const set = await h.api('/api/v1/dialects/denco/settings', {
      method: 'PATCH',
      key: A.admin,
      body: { greeting: { message: 'お電話ありがとうございます。', uri: 'sound:greeting-ja', use_audio: false } },
    });
    expect(set.status).toBe(200);
    const r = await h.api('/api/tenants/tenant-uuid/greeting', { key: TOKEN_A });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'success', greeting_message: 'お電話ありがとうございます。', greeting_uri: 'sound:greeting-ja', use_audio: false });

    expect((await h.api('/api/v1/assistants/', { key: B.admin, body: { name: 'B reception', greeting: 'はい、B社です。' } })).status).toBe(201);
    const fromAssistant = await h.api('/api/tenants/tenant-b/greeting', { key: tokenB });
    expect(fromAssistant.body).toEqual({ status: 'success', greeting_message: 'はい、B社です。', greeting_uri: null, use_audio: false });

    const other = await h.api('/api/tenants/tenant-uuid/greeting', { key: tokenB });
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ detail: 'Tenant not found' });
  });

  it('GET /api/calls, /api/calls/{id} and /messages: history and the transcript as messages', async () => {
    const id = (await h.api('/api/v1/calls/sid/uuid-1234-5678', { key: A.admin })).body.id as number;
    for (const s of [
      { speaker: 'caller', text: 'こんにちは', start_ms: 30_000, end_ms: 31_000 },
      { speaker: 'ai', text: 'お電話ありがとうございます。', start_ms: 32_000, end_ms: 34_000 },
    ]) {
      expect((await h.api(`/api/v1/calls/${id}/transcripts`, { key: A.admin, body: s })).status).toBe(201);
    }
    const list = await h.api('/api/calls?limit=50&offset=0', { key: A.read });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ status: 'success', total: 2, limit: 50, offset: 0 });
    const row = list.body.calls.find((c: { id: string }) => c.id === 'uuid-1234-5678');
    expect(row).toEqual({ id: 'uuid-1234-5678', tenant_id: 'tenant-uuid', from_number: '09012345678', to_number: '0312345678', start_time: expect.stringMatching(ISO), end_time: null, status: 'ringing' });
    const page = await h.api('/api/calls?limit=1&offset=1', { key: A.read });
    expect(page.body.calls).toHaveLength(1);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect((await h.api('/api/calls?limit=0', { key: A.read })).status).toBe(422);

    const detail = await h.api('/api/calls/uuid-1234-5678', { key: A.read });
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('success');
    expect(detail.body.session).toEqual(row);
    const start = Date.parse(row.start_time);
    expect(detail.body.messages).toEqual([
      { id: expect.stringMatching(/^msg-\d+$/), call_id: 'uuid-1234-5678', content: 'こんにちは', type: 'user', created_at: new Date(start + 30_000).toISOString() },
      { id: expect.stringMatching(/^msg-\d+$/), call_id: 'uuid-1234-5678', content: 'お電話ありがとうございます。', type: 'ai', created_at: new Date(start + 32_000).toISOString() },
    ]);
    const messages = await h.api('/api/calls/uuid-1234-5678/messages', { key: A.read });
    expect(messages.body).toEqual({ status: 'success', call_id: 'uuid-1234-5678', messages: detail.body.messages });
    expect((await h.api('/api/calls/nope', { key: A.read })).body).toEqual({ detail: 'Call session not found' });
  });

  it('GET /api/calls/active lists calls that have not ended', async () => {
    const r = await h.api('/api/calls/active', { key: A.read });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('success');
    expect(r.body.count).toBe(r.body.calls.length);
    expect(r.body.calls.find((c: { id: string }) => c.id === 'uuid-1234-5678')).toEqual({
      id: 'uuid-1234-5678',
      tenant_id: 'tenant-uuid',
      from_number: '09012345678',
      to_number: '0312345678',
      start_time: expect.stringMatching(ISO),
      end_time: null,
      status: 'ringing',
      is_connected: false,
      has_ai_session: false,
    });
  });

  it('WS /ws/call/{call_id}: after auth and the call check it closes 4503 "voice pipeline not configured", noted on the timeline', async () => {
    const url = `${h.hub.url.replace(/^http/, 'ws')}/ws/call/uuid-1234-5678`;
    const refused = await wsOutcome(url, { authorization: `Bearer ${A.read}` });
    expect(refused).toMatchObject({ status: 101, closeCode: 4503, messages: [] });
    expect(refused.reason).toMatch(/^voice pipeline not configured: /);
    const id = (await h.api('/api/v1/calls/sid/uuid-1234-5678', { key: A.admin })).body.id as number;
    const events = (await h.api(`/api/v1/calls/${id}/events`, { key: A.admin })).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'denco.voice_stream.refused')?.data).toMatchObject({ close_code: 4503 });

    expect((await wsOutcome(url)).status).toBe(401);
    expect((await wsOutcome(url, { authorization: `Bearer ${B.read}` })).status).toBe(404);
    expect((await wsOutcome(`${h.hub.url.replace(/^http/, 'ws')}/ws/call/nope`, { authorization: `Bearer ${A.read}` })).status).toBe(404);
  });

  it('POST /api/calls/{call_id}/end ends the session as documented; a repeat answers the same end', async () => {
    const r = await h.api('/api/calls/uuid-1234-5678/end', { key: TOKEN_A, body: { end_time: '2025-10-05T12:05:30.000Z', duration: 330, status: 'completed' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'success', call_id: 'uuid-1234-5678', end_time: '2025-10-05T12:05:30.000Z' });
    const call = (await h.api('/api/v1/calls/sid/uuid-1234-5678', { key: A.admin })).body;
    expect(call).toMatchObject({ status: 'completed', ended_at: '2025-10-05T12:05:30.000Z', duration_seconds: 330, end_reason: 'pbx-end' });
    const again = await h.api('/api/calls/uuid-1234-5678/end', { key: TOKEN_A, body: {} });
    expect(again.body).toEqual(r.body);
    const active = await h.api('/api/calls/active', { key: A.read });
    expect(active.body.calls.map((c: { id: string }) => c.id)).not.toContain('uuid-1234-5678');
    expect((await h.api('/api/calls/uuid-by-key/end', { key: TOKEN_A, body: { status: 'maybe' } })).status).toBe(422);
  });

  it('GET /api/statistics counts the tenant’s calls in the range', async () => {
    expect((await h.api('/api/calls/uuid-by-key/end', { key: TOKEN_A, body: { status: 'failed', duration: 10 } })).status).toBe(200);
    const all = await h.api('/api/statistics', { key: A.read });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ status: 'success', statistics: { total_calls: 2, completed_calls: 1, failed_calls: 1, avg_duration: 170 } });
    // The documented query: a month in 2025, before these calls started.
    const example = await h.api('/api/statistics?start_date=2025-10-01T00:00:00Z&end_date=2025-10-31T23:59:59Z', { key: A.read });
    expect(example.body).toEqual({ status: 'success', statistics: { total_calls: 0, completed_calls: 0, failed_calls: 0, avg_duration: 0 } });
    const today = new Date().toISOString().slice(0, 10);
    const ranged = await h.api(`/api/statistics?start_date=${today}&end_date=2999-12-31T23:59:59%2B09:00`, { key: A.read });
    expect(ranged.body.statistics.total_calls).toBe(2);
    expect((await h.api('/api/statistics?start_date=yesterday', { key: A.read })).status).toBe(422);
    expect((await h.api('/api/statistics?start_date=2025-10-31T00:00:00Z&end_date=2025-10-01T00:00:00Z', { key: A.read })).status).toBe(422);
  });

  it('Bearer {TENANT_ID} is refused unless the tenant allows it, and then reads only', async () => {
    expect((await h.api('/api/calls', { key: 'tenant-uuid' })).status).toBe(401);
    expect((await h.api('/api/v1/dialects/denco/settings', { method: 'PATCH', key: A.admin, body: { allow_tenant_id_bearer: true } })).body.allow_tenant_id_bearer).toBe(true);
    const list = await h.api('/api/calls', { key: 'tenant-uuid' });
    expect(list.status).toBe(200);
    expect(list.body.calls.every((c: { tenant_id: string }) => c.tenant_id === 'tenant-uuid')).toBe(true);
    expect((await h.api('/api/calls', { key: 'tenant-uuid', body: { call_id: 'by-tenant-id', from_number: '1', to_number: '2' } })).status).toBe(401);
    // Another tenant's id stays refused: only tenant-uuid opted in.
    expect((await h.api('/api/calls', { key: 'tenant-b' })).status).toBe(401);
    await h.api('/api/v1/dialects/denco/settings', { method: 'PATCH', key: A.admin, body: { allow_tenant_id_bearer: false } });
    expect((await h.api('/api/calls', { key: 'tenant-uuid' })).status).toBe(401);
  });

  it('a live AI call ended through /end is hung up at the AI endpoint', async () => {
    expect((await h.api('/api/v1/assistants/', { body: { name: 'Reception', phone_numbers: ['+81312345678'] } })).status).toBe(201);
    const { callId, delivery } = await h.ai.deliverIncomingCall(h.webhookUrl, { from: '+818012345678', to: '+81312345678' });
    const id = JSON.parse(delivery.body).call_id as number;
    await h.ai.waitForSideband(callId);
    const call = await waitForCall(h, id, (c) => c.status === 'in-progress', 'answered');
    const live = (await h.api('/api/calls/active')).body.calls.find((c: { id: string }) => c.id === call.sid);
    expect(live).toMatchObject({ status: 'in_progress', is_connected: true, has_ai_session: true });

    const end = await h.api(`/api/calls/${call.sid}/end`, { key: ENV_TOKEN, body: { status: 'completed' } });
    expect(end.status).toBe(200);
    await pollUntil(() => h.ai.call(callId).endedBy === 'hangup', { timeoutMs: 10_000, what: 'the AI leg hung up' });
    const ended = await waitForCall(h, id, (c) => c.ended_at !== null, 'ended');
    expect(['completed', 'canceled']).toContain(ended.status);
    expect((await callEvents(h, id)).map((e) => e.type)).toContain('ai.hangup');
    expect(h.ai.problems).toEqual([]);
  });

  describe('fax webhooks', () => {
    let documentId = '';
    let tiff: Uint8Array = new Uint8Array();
    beforeAll(async () => {
      tiff = await textTiff([['PURCHASE ORDER 1001'], ['PAGE 2 OF 3'], ['SIGNED TANAKA']]);
    });

    it('POST /api/fax/webhook/inbound stores the TIFF with its parties and page count', async () => {
      const form = faxForm({ fax_id: 'fax-001', sender_number: '0312345678', receiver_number: '0398765432', pages: '3', timestamp: '2025-10-05T12:00:00.000Z' }, tiff);
      const r = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: form });
      expect(r.status, r.text).toBe(200);
      expect(r.body).toEqual({ status: 'success', message: 'FAX received successfully', document_id: expect.stringMatching(/^doc-[0-9a-f-]{36}$/) });
      documentId = r.body.document_id;

      const doc = await h.api(`/api/v1/fax/documents/${documentId}`, { key: A.read });
      expect(doc.status).toBe(200);
      expect(doc.body).toMatchObject({
        id: documentId,
        tenant_id: 'tenant-uuid',
        fax_id: 'fax-001',
        sender_number: '0312345678',
        receiver_number: '0398765432',
        pages_declared: 3,
        page_count: 3,
        received_at: '2025-10-05T12:00:00.000Z',
        size_bytes: tiff.length,
        status_events: [],
      });
      const stored = await fetch(`${h.hub.url}/api/v1/fax/documents/${documentId}/tiff`, { headers: { authorization: `Bearer ${A.read}` } });
      expect(stored.headers.get('content-type')).toBe('image/tiff');
      expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(tiff))).toBe(true);

      // A retried webhook stores nothing twice.
      const retry = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: faxForm({ fax_id: 'fax-001', sender_number: '0312345678', receiver_number: '0398765432' }, tiff) });
      expect(retry.body.document_id).toBe(documentId);
      expect((await h.api('/api/v1/fax/documents', { key: A.read })).body.total).toBe(1);
    });

    it('reads the pages with the system tesseract (installed by .ci/run)', async () => {
      await pollUntil(async () => (await h.api(`/api/v1/fax/documents/${documentId}`, { key: A.read })).body.ocr_state !== 'pending', { timeoutMs: 60_000, what: 'OCR' });
      const doc = (await h.api(`/api/v1/fax/documents/${documentId}`, { key: A.read })).body;
      expect(doc.ocr_state).toBe('done');
      expect(doc.ocr_pages).toHaveLength(3);
      const words = (doc.ocr_pages as string[]).map((p) => p.toUpperCase().replace(/\s+/g, ' '));
      expect(words[0]).toContain('PURCHASE ORDER 1001');
      expect(words[1]).toContain('PAGE 2 OF 3');
      expect(words[2]).toContain('SIGNED TANAKA');
    });

    it('counts the pages in the file, whatever the gateway declared', async () => {
      const r = await raw(h, 'POST', '/api/fax/webhook/inbound', {
        bearer: TOKEN_A,
        body: faxForm({ fax_id: 'fax-002', sender_number: '0311112222', receiver_number: '0398765432', pages: '5' }, multiPageTiff(2, { byteOrder: 'MM' })),
      });
      expect(r.status, r.text).toBe(200);
      expect((await h.api(`/api/v1/fax/documents/${r.body.document_id}`, { key: A.read })).body).toMatchObject({ pages_declared: 5, page_count: 2 });
    });

    it('refuses what is not a fax: 422 with the fields, 415 for JSON, 400 for broken multipart, 401 without a key', async () => {
      const notTiff = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: faxForm({ fax_id: 'fax-x', sender_number: '1', receiver_number: '2' }, new TextEncoder().encode('%PDF-1.7')) });
      expect(notTiff.status).toBe(422);
      expect(notTiff.body.detail).toMatch(/not a readable TIFF/);
      const missing = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: faxForm({ sender_number: '1', pages: 'three', extra: 'x' }) });
      expect(missing.status).toBe(422);
      expect(missing.body.detail.map((d: { loc: string[] }) => d.loc[1]).sort()).toEqual(['extra', 'fax_id', 'pages', 'receiver_number', 'tiff_file']);
      const json = await h.api('/api/fax/webhook/inbound', { key: A.admin, body: { fax_id: 'x' } });
      expect(json.status).toBe(415);
      expect(typeof json.body.detail).toBe('string');
      const broken = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: '--zz\r\nnonsense', contentType: 'multipart/form-data; boundary=zz' });
      expect(broken.status).toBe(400);
      expect(broken.body.detail).toMatch(/multipart/);
      expect((await raw(h, 'POST', '/api/fax/webhook/inbound', { body: faxForm({ fax_id: 'f' }, tiff) })).status).toBe(401);
    });

    it('POST /api/fax/webhook/status records the documented report on the fax', async () => {
      const example = await h.api('/api/fax/webhook/status', {
        key: A.admin,
        body: { fax_id: 'fax-uuid', job_id: 'job-123', status: 'completed', timestamp: '2025-10-05T12:00:00.000Z', error_message: null },
      });
      expect(example.status).toBe(200);
      expect(example.body).toEqual({ status: 'success', message: 'Status updated successfully' });
      await h.api('/api/fax/webhook/status', { key: A.admin, body: { fax_id: 'fax-001', job_id: 'job-9', status: 'failed', error_message: 'line busy' } });
      const doc = (await h.api(`/api/v1/fax/documents/${documentId}`, { key: A.read })).body;
      expect(doc.status_events).toEqual([
        { id: expect.any(Number), fax_id: 'fax-001', job_id: 'job-9', status: 'failed', error_message: 'line busy', reported_at: null, received_at: expect.stringMatching(ISO) },
      ]);
      expect((await h.api('/api/fax/webhook/status', { key: A.admin, body: { fax_id: 'f' } })).status).toBe(422);
    });

    it('another tenant never sees the fax', async () => {
      expect((await h.api(`/api/v1/fax/documents/${documentId}`, { key: B.admin })).status).toBe(404);
      expect((await fetch(`${h.hub.url}/api/v1/fax/documents/${documentId}/tiff`, { headers: { authorization: `Bearer ${B.admin}` } })).status).toBe(404);
      expect((await h.api(`/api/v1/fax/documents/${documentId}/ocr`, { method: 'POST', key: B.admin })).status).toBe(404);
      expect((await h.api('/api/v1/fax/documents', { key: B.admin })).body.total).toBe(0);
    });
  });

  it("tenant isolation: tenant B's credentials never reach tenant A's calls", async () => {
    for (const key of [B.admin, B.read]) {
      expect((await h.api('/api/calls/uuid-1234-5678', { key })).status).toBe(404);
      expect((await h.api('/api/calls/uuid-1234-5678/messages', { key })).status).toBe(404);
    }
    for (const key of [B.admin, tokenB]) {
      expect((await h.api('/api/calls/uuid-by-key/end', { key, body: {} })).status).toBe(404);
      expect((await h.api('/api/calls/uuid-1234-5678/dtmf', { key, body: { digit: '5' } })).status).toBe(404);
      expect((await h.api('/api/tenants/tenant-uuid/greeting', { key })).status).toBe(404);
    }
    const list = await h.api('/api/calls', { key: B.read });
    expect(list.body.calls.map((c: { id: string }) => c.id)).not.toContain('uuid-1234-5678');
    expect((await h.api('/api/calls/active', { key: B.read })).body.calls).toEqual([]);
    expect((await h.api('/api/statistics', { key: B.read })).body.statistics.total_calls).toBe(0);
    // A's call id cannot be taken over, and the answer carries none of A's data.
    const taken = await h.api('/api/calls', { key: tokenB, body: { call_id: 'uuid-1234-5678', from_number: '1', to_number: '2' } });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).not.toMatch(/09012345678|tenant-uuid/);
    // A's calls are unchanged.
    expect((await h.api('/api/v1/calls/sid/uuid-1234-5678', { key: A.admin })).body.status).toBe('completed');
  });

  it('settings are per tenant and admin-only; a backend token belongs to one tenant', async () => {
    expect((await h.api('/api/v1/dialects/denco/settings', { key: A.admin })).body).toMatchObject({ backend_auth_token: { configured: true, source: 'settings' } });
    expect((await h.api('/api/v1/dialects/denco/settings')).body).toMatchObject({ backend_auth_token: { configured: true, source: 'env' } });
    expect((await h.api('/api/v1/dialects/denco/settings', { key: A.read })).status).toBe(403);
    const clash = await h.api('/api/v1/dialects/denco/settings', { method: 'PATCH', key: B.admin, body: { backend_auth_token: TOKEN_A } });
    expect(clash.status).toBe(409);
    expect((await h.api('/api/v1/dialects/denco/settings', { method: 'PATCH', key: B.admin, body: { backend_auth_token: 'short' } })).status).toBe(400);
  });

  it('malformed bodies on every DENCO route: 4xx with a JSON body, never 5xx', async () => {
    const routes = ['/api/calls', '/api/calls/uuid-by-key/end', '/api/calls/uuid-by-key/dtmf', '/api/fax/webhook/status', '/api/fax/webhook/inbound'];
    for (const path of routes) {
      for (const m of MALFORMED_JSON_BODIES) expectClientError(await raw(h, 'POST', path, { bearer: TOKEN_A, body: m.body, contentType: m.contentType }), `${path} ${m.what}`);
    }
    for (const path of ['/api/calls?limit=abc', '/api/calls?offset=-1', '/api/calls?limit=99999999999999999999', '/api/statistics?end_date=%00', '/api/calls/%E0%A4%A']) {
      expectClientError(await raw(h, 'GET', path, { bearer: A.read }), path);
    }
  });
});

describe('seed 000 (DENCO) fax without an OCR engine', () => {
  let h: AiHub;
  let A: Tenant;

  beforeAll(async () => {
    h = await startAiHub({ EARSHOT_TESSERACT: '/opt/nowhere/tesseract' });
    A = await makeTenant(h, 'tenant-no-ocr');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('keeps the fax, marks OCR unavailable with the reason, and refuses a retry with 503 until an engine exists', async () => {
    const r = await raw(h, 'POST', '/api/fax/webhook/inbound', { bearer: A.admin, body: faxForm({ fax_id: 'fax-n1', sender_number: '0312345678', receiver_number: '0398765432' }, multiPageTiff(2)) });
    expect(r.status, r.text).toBe(200);
    const documentId = r.body.document_id as string;
    const doc = (await h.api(`/api/v1/fax/documents/${documentId}`, { key: A.read })).body;
    expect(doc).toMatchObject({ page_count: 2, ocr_state: 'unavailable', ocr_pages: null, ocr_error: expect.stringMatching(/EARSHOT_TESSERACT/) });
    const retry = await h.api(`/api/v1/fax/documents/${documentId}/ocr`, { method: 'POST', key: A.admin });
    expect(retry.status).toBe(503);
    expect(retry.body.message).toMatch(/not an executable file/);
  });
});
