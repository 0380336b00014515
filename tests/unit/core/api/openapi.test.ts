import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../../../support/api-harness.ts';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string }>;
  'x-websocket'?: { auth: string; client_messages: { format: string }; server_messages: { format: string; schema?: unknown }; close_codes: Record<string, string> };
}
type Paths = Record<string, Record<string, Operation>>;

/** Every route the router holds (method, OpenAPI-style path), read from Fastify itself. */
function registeredRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const [, indent = '', segment = '', methods = ''] = m;
    stack.length = indent.length / 4;
    stack.push(segment);
    const path = stack.join('').replace(/^\/\//, '/').replace(/:([A-Za-z_]+)/g, '{$1}');
    for (const method of methods.split(', ').filter((x) => x && x !== 'HEAD')) routes.push({ method: method.toLowerCase(), path });
  }
  return routes;
}

/** A path as the router prints it may merge parameters of routes that share a node (`{id}|{session_id}`): every reading of it. */
function readings(path: string): string[] {
  return path
    .split('/')
    .reduce<string[][]>((acc, segment) => acc.flatMap((head) => segment.split('|').map((alt) => [...head, alt])), [[]])
    .map((parts) => parts.join('/'));
}

/** The WebSocket routes of Earshot and the seeds. */
const SOCKETS = ['/api/v1/events', '/console/events', '/ws/call/{call_id}', '/ws/calls', '/ws/transcripts/{session_id}', '/events/ws'];

describe('OpenAPI at /docs', () => {
  let h: ApiHarness;
  let paths: Paths;

  beforeAll(async () => {
    h = await startApiHarness();
    const r = await h.req('GET', '/docs/json', { key: null });
    expect(r.statusCode).toBe(200);
    paths = r.json().paths as Paths;
  });
  afterAll(() => h.close());

  it('lists every route the server has, HTTP and WebSocket, of every dialect', () => {
    const missing = registeredRoutes(h.app)
      .filter((r) => !r.path.startsWith('/docs'))
      .filter((r) => !readings(r.path).some((p) => paths[p]?.[r.method]))
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
    const byDialect = {
      native: ['/api/v1/agents', '/api/v1/calls/{id}/transcripts', '/api/v1/keys', '/health', '/healthz'],
      'seed 000 (DENCO)': ['/api/calls', '/api/calls/{call_id}/end', '/api/calls/{call_id}/dtmf', '/api/tenants/{tenant_id}/greeting', '/api/statistics', '/api/fax/webhook/inbound', '/ws/call/{call_id}'],
      'seed 001 (OpenAI Realtime SIP)': ['/', '/webhooks/openai'],
      'seed 002 (Customer Service Voice Agent)': ['/api/v1/calls/outbound/callback', '/api/v1/calls/outbound/batch', '/api/v1/calls/{session_id}/transfer', '/api/v1/sip/trunks', '/ws/calls', '/ws/transcripts/{session_id}'],
      'seed 003 (Phony)': ['/agents/', '/agents/{agent_id}', '/override/text', '/override/transfer', '/receive_call', '/start_call', '/events/ws'],
      'seed 004 (Diwaar)': ['/api/v1/assistants/', '/api/v1/assistants/by-phone/{phone_number}', '/api/v1/calls/sid/{sid}', '/api/v1/calls/count', '/api/v1/calls/stats'],
    };
    for (const [dialect, list] of Object.entries(byDialect)) expect(list.filter((p) => !paths[p]), dialect).toEqual([]);
  });

  it('documents each WebSocket route as a GET answered 101, with its auth, messages and close codes', () => {
    const upgrades = Object.entries(paths).filter(([, ops]) => ops.get?.responses['101']).map(([p]) => p);
    expect(upgrades.sort()).toEqual([...SOCKETS].sort());
    for (const path of SOCKETS) {
      const op = paths[path]!.get!;
      expect(op.responses['101']!.description, path).toMatch(/Switching Protocols/);
      expect(op.description, path).toMatch(/Upgrade: websocket/);
      expect(op.security?.length, path).toBeGreaterThan(0);
      const ws = op['x-websocket']!;
      expect(ws.auth, path).toBeTruthy();
      expect(ws.client_messages.format, path).toBeTruthy();
      expect(ws.server_messages.format, path).toBeTruthy();
    }
    const phony = paths['/events/ws']!.get!;
    expect(phony.responses['429']!.description).toMatch(/50 concurrent per API key/);
    expect(JSON.stringify(phony['x-websocket']!.server_messages.schema)).toContain('"call.started"');
    expect(paths['/ws/call/{call_id}']!.get!['x-websocket']!.close_codes['4503']).toMatch(/voice pipeline not configured/);
    expect(JSON.stringify(paths['/ws/calls']!.get!['x-websocket']!.server_messages.schema)).toContain('"call_transferred"');
    expect(JSON.stringify(paths['/ws/transcripts/{session_id}']!.get!['x-websocket']!.server_messages.schema)).toContain('"transcript_update"');
    expect(paths['/console/events']!.get!.security).toEqual([{ consoleSession: [] }]);
    expect(paths['/console/events']!.get!['x-websocket']!.close_codes['4401']).toBeTruthy();
  });

  it('serves the document and the UI without a key', async () => {
    expect((await h.req('GET', '/docs/json', { key: null })).statusCode).toBe(200);
    expect((await h.req('GET', '/docs/', { key: null })).statusCode).toBe(200);
  });
});
