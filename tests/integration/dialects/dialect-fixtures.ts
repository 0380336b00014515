// What the dialect suites share: tenants with their own keys on a live hub, raw requests with
// any bearer token, and a check that a bad request is answered 4xx with a JSON body.
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { AiHub, Json } from '../ai/ai-hub.ts';

export interface Tenant {
  id: string;
  /** admin key of the tenant */
  admin: string;
  read: string;
}

/** A tenant with an admin and a read-only key (made with the hub's operator key). */
export async function makeTenant(h: AiHub, id: string): Promise<Tenant> {
  if (id !== 'default') {
    const t = await h.api('/api/v1/tenants', { body: { id, name: `Tenant ${id}` } });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
  }
  const key = async (scopes: string[]) => {
    const r = await h.api('/api/v1/keys', { body: { name: scopes.join('+'), scopes, tenant_id: id } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.key as string;
  };
  return { id, admin: await key(['admin']), read: await key(['read']) };
}

function jsonOrNull(text: string): Json {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** A request with any Authorization (or none) and any body bytes. */
export async function raw(
  h: AiHub,
  method: string,
  path: string,
  init: { bearer?: string | null; body?: BodyInit; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const res = await fetch(`${h.hub.url}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  return { status: res.status, body: jsonOrNull(text), text, headers: res.headers };
}

/** Bad input never breaks the server: a 4xx with a JSON body. */
export function expectClientError(r: { status: number; text: string }, what: string): void {
  expect(r.status, `${what}: ${r.status} ${r.text}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `${what}: ${r.status} ${r.text}`).toBeLessThan(500);
  expect(() => JSON.parse(r.text), `${what}: body is JSON`).not.toThrow();
}

/** Bodies a careless or hostile client might send to a JSON route. */
export const MALFORMED_JSON_BODIES: { what: string; body: string; contentType: string }[] = [
  { what: 'not JSON', body: '{"call_id": ', contentType: 'application/json' },
  { what: 'an array', body: '[1, 2, 3]', contentType: 'application/json' },
  { what: 'a string', body: '"hello"', contentType: 'application/json' },
  { what: 'null', body: 'null', contentType: 'application/json' },
  { what: 'wrong types', body: JSON.stringify({ call_id: 12, from_number: [], to_number: {}, text: 5, callSid: false, digit: 7, name: 1, fax_id: 3, status: 9 }), contentType: 'application/json' },
  { what: 'a huge string', body: JSON.stringify({ call_id: 'x'.repeat(2_000_000) }), contentType: 'application/json' },
  { what: 'odd encoding', body: '\uFEFF{"call_id":"\uD800"}', contentType: 'application/json; charset=utf-16' },
  { what: 'form data', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { what: 'plain text', body: 'hello', contentType: 'text/plain' },
];

/** Opens a WebSocket and resolves with how the server answered: open (then closed or not), or an HTTP status. */
export function wsOutcome(url: string, headers: Record<string, string> = {}): Promise<{ status: number | null; closeCode: number | null; reason: string; messages: string[] }> {
  return new Promise((resolve) => {
    const messages: string[] = [];
    const ws = new WebSocket(url, { headers });
    ws.on('message', (d) => messages.push(String(d)));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? null, closeCode: null, reason: '', messages });
      ws.terminate();
    });
    ws.on('close', (code, reason) => resolve({ status: 101, closeCode: code, reason: String(reason), messages }));
    ws.on('error', () => undefined);
  });
}
