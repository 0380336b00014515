import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../support/api-harness.ts';

/**
 * Every registered route, read back from the router itself so a new route is swept (or must be
 * allow-listed below) without anyone remembering to add it here.
 */
interface Route {
  method: string;
  path: string;
}

function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const [, indent = '', segment = '', methods = ''] = m;
    stack.length = indent.length / 4;
    stack.push(segment);
    const path = stack.join('').replace(/^\/\//, '/');
    for (const method of methods.split(', ').filter((x) => x && x !== 'HEAD')) routes.push({ method, path });
  }
  return routes;
}

const key = (r: Route) => `${r.method} ${r.path}`;

/** Routes the tenant sweep cannot address with another tenant's ids, and why. */
const NOT_TENANT_SWEPT: Record<string, string> = {
  // Path parameters that are not tenant objects.
  'GET /docs/*': 'static Swagger UI assets',
  'POST /console/rpc/:method': 'the console RPC method name; tenant comes from the session cookie',
  // WebSockets: the upgrade is tested by each dialect's suite with real clients.
  'GET /ws/call/:call_id': 'WebSocket (cs-voice-agent), covered by cs-voice-agent.test.ts',
  'GET /ws/transcripts/:session_id': 'WebSocket (cs-voice-agent), covered by cs-voice-agent.test.ts',
};

/** Routes that take no request body or query worth fuzzing, and why. */
const NOT_FUZZED: Record<string, string> = {
  'GET /api/v1/events': 'WebSocket upgrade',
  'GET /ws/call/:call_id': 'WebSocket upgrade',
  'GET /ws/calls': 'WebSocket upgrade',
  'GET /ws/transcripts/:session_id': 'WebSocket upgrade',
  'GET /events/ws': 'WebSocket upgrade',
  'GET /console/events': 'WebSocket upgrade',
};

/**
 * A refusal that shows nothing of B's: not found / forbidden, or the body/param validation that
 * runs before the lookup (a sid where an integer id is expected, an empty body). That B's objects
 * are untouched afterwards is checked separately.
 */
const REFUSALS = new Set([400, 403, 404, 422]);

/** 5xx a route gives on purpose when a machine dependency is missing, keyed by route, with its error code. */
const DEPENDENCY_OUTAGES: Record<string, string> = {
  'POST /api/v1/fax/documents/:id/ocr': 'ocr_unavailable',
};

/** The human message of an error body, in our shape or a seed dialect's (`detail`, `error.message`). */
function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { message?: unknown; detail?: unknown; error?: unknown };
  if (typeof b.message === 'string' && b.message) return b.message;
  if (typeof b.detail === 'string' && b.detail) return b.detail;
  if (Array.isArray(b.detail) && b.detail.length > 0) return JSON.stringify(b.detail);
  if (typeof b.error === 'string' && b.error) return b.error;
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { message?: unknown }).message === 'string') return (b.error as { message: string }).message;
  return null;
}

/** Deterministic PRNG (mulberry32) so a failing case is the same case on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fieldOf = (next: () => number): string => FIELDS[Math.floor(next() * FIELDS.length)] ?? 'name';

const FIELDS = ['name', 'status', 'from_number', 'to_number', 'direction', 'scopes', 'text', 'speaker', 'type', 'data', 'phone_number', 'instructions', 'priority', 'limit', 'id', 'tenant_id', 'agent_id', 'call_id', 'metadata', 'password'];

function oddValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 10);
  switch (pick) {
    case 0: return null;
    case 1: return -1e308 * next();
    case 2: return next() > 0.5;
    case 3: return '\u0000\ud800💥'.repeat(1 + Math.floor(next() * 5));
    case 4: return depth < 3 ? [oddValue(next, depth + 1), oddValue(next, depth + 1)] : [];
    case 5: return depth < 3 ? { [fieldOf(next)]: oddValue(next, depth + 1) } : {};
    case 6: return Number.MAX_SAFE_INTEGER + 2;
    case 7: return '';
    case 8: return '2026-13-45T99:99:99Z';
    default: return 'x'.repeat(Math.floor(next() * 5000));
  }
}

interface BodyCase {
  what: string;
  payload: string | Buffer;
  contentType?: string;
  /** A body no route can accept: it must be refused with 4xx, not just survive. */
  mustRefuse: boolean;
}

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function bodyCases(seed: number): BodyCase[] {
  const next = rng(seed);
  const json = (what: string, v: unknown): BodyCase => ({ what, payload: JSON.stringify(v), contentType: 'application/json', mustRefuse: false });
  const cases: BodyCase[] = [
    { what: 'empty JSON body', payload: '', contentType: 'application/json', mustRefuse: false },
    { what: 'not JSON', payload: 'hello there', contentType: 'application/json', mustRefuse: true },
    { what: 'truncated JSON', payload: '{"name": "x", ', contentType: 'application/json', mustRefuse: true },
    { what: 'invalid UTF-8', payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: 'application/json', mustRefuse: false },
    { what: '2 MB string', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json', mustRefuse: true },
    { what: 'deeply nested JSON', payload: nested(20_000), contentType: 'application/json', mustRefuse: false },
    { what: 'prototype pollution keys', payload: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}', contentType: 'application/json', mustRefuse: false },
    { what: 'plain text', payload: 'name=x', contentType: 'text/plain', mustRefuse: false },
    { what: 'XML', payload: '<call/>', contentType: 'application/xml', mustRefuse: false },
    { what: 'form-urlencoded', payload: 'name=x&status=1', contentType: 'application/x-www-form-urlencoded', mustRefuse: false },
    { what: 'broken multipart', payload: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nzz', contentType: 'multipart/form-data; boundary=b', mustRefuse: false },
    { what: 'no content type', payload: '{"name":"x"}', mustRefuse: false },
    json('JSON null', null),
    json('JSON array', [1, 2, 3]),
    json('JSON string', 'text'),
    json('JSON number', 42),
    json('wrong types everywhere', Object.fromEntries(FIELDS.map((f, i) => [f, [[], {}, 1.5, true, 'x'][i % 5]]))),
    json('nulls everywhere', Object.fromEntries(FIELDS.map((f) => [f, null]))),
    json('extra fields only', { not_a_field: 1, another: { deep: [1] } }),
  ];
  for (let i = 0; i < 6; i++) {
    const body: Record<string, unknown> = {};
    for (let j = 0; j < 1 + Math.floor(next() * 5); j++) body[fieldOf(next)] = oddValue(next);
    cases.push(json(`seeded #${i}`, body));
  }
  return cases;
}

const QUERY_CASES = [
  'limit=abc&offset=-1',
  'limit=1e309&offset=NaN',
  'limit=1&limit=2&status[]=x',
  '%ff%fe=%c3%28',
  'active=maybe&is_active=2&speaker=nobody',
  `q=${'x'.repeat(60_000)}`,
  'from=2026-13-45&to=yesterday&period=forever',
];

interface TenantObjects {
  tenant: string;
  admin: string;
  keyId: string;
  agentId: number;
  callId: number;
  callSid: string;
  assistantId: string;
  phone: string;
  queueId: number;
  faxId: string;
}

describe('every route: tenant isolation and malformed input', () => {
  let h: ApiHarness;
  let routes: Route[];
  let A: TenantObjects;
  let B: TenantObjects;

  const ok = async (method: 'POST', url: string, key: string | undefined, body: unknown) => {
    const r = await h.req(method, url, { ...(key ? { key } : {}), body });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(201);
    return r.json();
  };

  async function makeTenant(tenant: string, phone: string): Promise<TenantObjects> {
    expect((await h.req('POST', '/api/v1/tenants', { body: { id: tenant, name: tenant } })).statusCode).toBe(201);
    // A generous per-minute limit: the fuzz sends hundreds of requests with this key.
    const created = await ok('POST', '/api/v1/keys', undefined, { name: 'sweep', scopes: ['read', 'write', 'admin'], tenant_id: tenant, rate_limit_per_minute: 100_000 });
    const admin = created.key as string;
    const agent = await ok('POST', '/api/v1/agents', admin, { name: `${tenant} agent`, extension: '1001', login: { username: `${tenant}-alice`, password: 'alicepw123' } });
    const call = await ok('POST', '/api/v1/calls', admin, { direction: 'inbound', from_number: '+81312345678', to_number: '1001', status: 'in-progress' });
    const assistant = await ok('POST', '/api/v1/assistants', admin, { name: `${tenant} bot`, phone_numbers: [phone] });
    const queued = await ok('POST', '/api/v1/queue', admin, { from_number: '+15551230001', to_number: '100' });
    const fax = h.deps.store.faxDocuments.create(tenant, {
      id: `${tenant}-fax-doc`, fax_id: `${tenant}-fax`, sender_number: '0312345678', receiver_number: '0398765432',
      pages_declared: 1, page_count: 1, received_at: new Date().toISOString(), tiff: new Uint8Array([0x49, 0x49, 0x2a, 0x00]), ocr_state: 'done', ocr_error: null,
    });
    return { tenant, admin, keyId: created.api_key.id, agentId: agent.id, callId: call.id, callSid: call.sid, assistantId: assistant.id, phone, queueId: queued.id, faxId: fax.id };
  }

  /** The values a path parameter could take to name `t`'s object (ids and sids both, where a route takes either). */
  function paramValues(path: string, param: string, t: TenantObjects): string[] {
    if (param === 'tenant_id' || path.startsWith('/api/v1/tenants/')) return [t.tenant];
    if (path.startsWith('/api/v1/keys/')) return [t.keyId];
    if (path.startsWith('/api/v1/agents/') || param === 'agent_id') return [String(t.agentId)];
    if (param === 'phone_number') return [t.phone];
    if (path.startsWith('/api/v1/assistants/')) return [t.assistantId];
    if (path.startsWith('/api/v1/queue/')) return [String(t.queueId)];
    if (path.startsWith('/api/v1/fax/')) return [t.faxId];
    if (param === 'sid') return [t.callSid];
    return [String(t.callId), t.callSid];
  }

  function urlsFor(path: string, t: TenantObjects): string[] {
    let urls = [path];
    for (const m of path.matchAll(/:[\w]+(?:\|:[\w]+)*/g)) {
      const values = paramValues(path, (m[0].split('|')[0] ?? '').slice(1), t);
      urls = urls.flatMap((u) => values.map((v) => u.replace(m[0], encodeURIComponent(v))));
    }
    return urls;
  }

  beforeAll(async () => {
    h = await startApiHarness();
    routes = registeredRoutes(h.app);
    A = await makeTenant('alpha', '+81311110000');
    B = await makeTenant('beta', '+81322220000');
    // The Twilio-signed webhooks then answer a bad signature, not "no token configured".
    for (const k of [undefined, A.admin]) {
      const set = await h.req('PATCH', '/api/v1/dialects/phony/settings', { ...(k ? { key: k } : {}), body: { twilio_auth_token: 'sweep-twilio-token' } });
      expect(set.statusCode, set.body).toBe(200);
    }
  });
  afterAll(() => h.close());

  it('finds the routes from the router, and every allow-listed route still exists', () => {
    expect(routes.length).toBeGreaterThan(60);
    const known = new Set(routes.map(key));
    for (const listed of [...Object.keys(NOT_TENANT_SWEPT), ...Object.keys(NOT_FUZZED)]) expect(known, listed).toContain(listed);
  });

  it("never lets tenant A's admin key see or change tenant B's objects through any route", async () => {
    const leaks: string[] = [];
    const swept = routes.filter((r) => r.path.includes(':') && !(key(r) in NOT_TENANT_SWEPT));
    expect(swept.length).toBeGreaterThan(30);
    for (const r of swept) {
      for (const url of urlsFor(r.path, B)) {
        const res = await h.req(r.method as 'GET', url, { key: A.admin, ...(['POST', 'PUT', 'PATCH'].includes(r.method) ? { body: {} } : {}) });
        if (!REFUSALS.has(res.statusCode)) leaks.push(`${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
    // Nothing of B's was changed or removed by the attempts above.
    const asB = (url: string) => h.req('GET', url, { key: B.admin });
    expect((await asB(`/api/v1/agents/${B.agentId}`)).json()).toMatchObject({ name: 'beta agent' });
    expect((await asB(`/api/v1/calls/${B.callId}`)).json()).toMatchObject({ status: 'in-progress' });
    expect((await asB(`/api/v1/assistants/${B.assistantId}`)).statusCode).toBe(200);
    expect((await asB(`/api/v1/queue/${B.queueId}`)).statusCode).toBe(200);
    expect((await asB(`/api/v1/fax/documents/${B.faxId}`)).statusCode).toBe(200);
    expect((await asB('/api/v1/keys')).json().keys.map((k: { id: string }) => k.id)).toContain(B.keyId);
  });

  it("never shows tenant B's objects in what tenant A's key lists or counts", async () => {
    const markers = [B.callSid, 'beta agent', 'beta bot', B.faxId, B.phone, B.keyId];
    const leaks: string[] = [];
    const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !(key(r) in NOT_FUZZED) && !r.path.startsWith('/docs'));
    expect(lists.length).toBeGreaterThan(20);
    for (const r of lists) {
      const res = await h.req('GET', r.path, { key: A.admin });
      if (res.statusCode >= 500) leaks.push(`GET ${r.path} → ${res.statusCode}`);
      for (const m of markers) if (res.body.includes(m)) leaks.push(`GET ${r.path} shows ${m}`);
    }
    expect(leaks).toEqual([]);
  });

  it('answers malformed bodies and queries on every route with a 4xx JSON message, never a 5xx', async () => {
    const failures: string[] = [];
    const check = (r: Route, what: string, res: Awaited<ReturnType<ApiHarness['req']>>, mustRefuse: boolean) => {
      const s = res.statusCode;
      let body: unknown;
      try {
        body = res.json();
      } catch {
        body = undefined;
      }
      const outage = DEPENDENCY_OUTAGES[key(r)];
      if (s >= 500 && outage && (body as { code?: unknown } | undefined)?.code === outage) return;
      if (s >= 500 || (mustRefuse && s < 400)) failures.push(`${what} → ${s} ${res.body.slice(0, 200)}`);
      else if (s >= 400 && !errorMessage(body)) failures.push(`${what} → ${s} without a JSON message: ${res.body.slice(0, 200)}`);
    };
    const fuzzed = routes.filter((r) => !(key(r) in NOT_FUZZED) && !r.path.startsWith('/docs'));
    const cases = bodyCases(20261123);
    for (const r of fuzzed) {
      const [url = r.path] = urlsFor(r.path, A);
      if (['POST', 'PUT', 'PATCH'].includes(r.method)) {
        for (const c of cases) {
          const res = await h.app.inject({
            method: r.method as 'POST',
            url,
            headers: { host: '127.0.0.1:7300', authorization: `Bearer ${A.admin}`, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
            payload: c.payload,
          });
          check(r, `${r.method} ${url} [${c.what}]`, res, c.mustRefuse);
        }
      } else if (r.method === 'GET') {
        for (const q of QUERY_CASES) check(r, `GET ${url}?${q.slice(0, 60)}`, await h.req('GET', `${url}?${q}`, { key: A.admin }), false);
      }
    }
    expect(failures).toEqual([]);
    // Still serving after all of it.
    expect((await h.req('GET', '/api/v1/calls', { key: A.admin })).statusCode).toBe(200);
  }, 120_000);
});
