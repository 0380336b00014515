// The browser transport against a real local HTTP + WebSocket server speaking the hub's
// console protocol (cookie session, /console/rpc/<method>, /console/events).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import type { ConnectionState } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { createWebClient, type WebCoreClient } from '../../../renderer/src/client/web.ts';
import { baseStatus, makeAgent } from './fake-core-client.ts';

interface Hub {
  url: string;
  server: Server;
  wss: WebSocketServer;
  bodies: { method: string; body: string; cookie: string | undefined }[];
  sockets: WsSocket[];
  loggedIn: boolean;
  close(): Promise<void>;
}

async function startHub(): Promise<Hub> {
  const hub = { bodies: [], sockets: [], loggedIn: false } as unknown as Hub;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').replace('/console/rpc/', '');
      hub.bodies.push({ method, body, cookie: req.headers.cookie });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      switch (method) {
        case 'login': {
          const req = JSON.parse(body) as { username: string; password: string };
          if (req.password !== 'alicepw123') return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials', code: 'invalid_credentials' });
          hub.loggedIn = true;
          return json(200, { agent: makeAgent(), tenant_id: 'default', expires_at: '2030-01-01T00:00:00.000Z' }, { 'set-cookie': 'earshot_session=s1; HttpOnly; Path=/' });
        }
        case 'session':
          return json(200, null);
        case 'status':
          return json(200, baseStatus);
        case 'teapot':
          res.writeHead(418, { 'content-type': 'text/plain' });
          return res.end("I'm a teapot");
        case 'garbled':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{not json');
        default:
          return json(404, { statusCode: 404, error: 'Not Found', message: `No method ${method}` });
      }
    });
  });
  const wss = new WebSocketServer({ server, path: '/console/events' });
  wss.on('connection', (socket: WsSocket, _req: IncomingMessage) => {
    hub.sockets.push(socket);
    if (!hub.loggedIn) {
      socket.close(4401, 'Sign in first');
      return;
    }
    socket.send(JSON.stringify({ type: 'hello', seq: 41, status: baseStatus }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(hub, {
    url: `http://127.0.0.1:${port}`,
    server,
    wss,
    close: async () => {
      for (const s of wss.clients) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return hub;
}

async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('web transport', () => {
  let hub: Hub;
  let client: WebCoreClient | null = null;

  beforeEach(async () => {
    hub = await startHub();
  });
  afterEach(async () => {
    client?.close();
    client = null;
    await hub.close();
  });

  it('posts the argument as JSON (null for no argument) and returns the result', async () => {
    client = createWebClient({ baseUrl: hub.url });
    expect(await client.call('session', undefined)).toBeNull();
    expect(await client.call('status', undefined)).toEqual(baseStatus);
    expect(hub.bodies.map((b) => [b.method, b.body])).toEqual([
      ['session', 'null'],
      ['status', 'null'],
    ]);
  });

  it('turns an error body into a typed CoreError', async () => {
    client = createWebClient({ baseUrl: hub.url });
    const error = await client.call('login', { username: 'alice', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials', code: 'invalid_credentials', isUnauthorized: true });
  });

  it('maps non-JSON errors, malformed results and unreachable hubs', async () => {
    client = createWebClient({ baseUrl: hub.url });
    const call = client.call as (method: string, arg: unknown) => Promise<unknown>;
    await expect(call('teapot', null)).rejects.toMatchObject({ statusCode: 418, message: "I'm a teapot" });
    await expect(call('garbled', null)).rejects.toMatchObject({ statusCode: 502 });

    const url = hub.url;
    await hub.close();
    hub = await startHub(); // keep afterEach happy; the old port is now closed
    const offline = createWebClient({ baseUrl: url });
    const error = (await offline.call('session', undefined).catch((e: unknown) => e)) as CoreError;
    offline.close();
    expect(error).toBeInstanceOf(CoreError);
    expect(error.isNetwork).toBe(true);
  });

  it('waits after a 4401 close, reconnects on login, and reports hello as status', async () => {
    client = createWebClient({ baseUrl: hub.url, minDelayMs: 20, maxDelayMs: 40 });
    const states: ConnectionState[] = [];
    const events: EventEnvelope[] = [];
    client.onConnection((s) => states.push(s));
    client.onEvent((e) => events.push(e));

    await until(() => states.at(-1) === 'disconnected');
    await new Promise((r) => setTimeout(r, 150));
    expect(hub.sockets).toHaveLength(1); // parked: no retry storm before login

    await client.call('login', { username: 'alice', password: 'alicepw123' });
    await until(() => states.at(-1) === 'connected');
    expect(events[0]).toMatchObject({ seq: 41, event: { type: 'status.changed', status: baseStatus } });

    const envelope: EventEnvelope = { seq: 42, at: '2026-03-04T09:00:00.000Z', tenant_id: 'default', event: { type: 'agent.deleted', agent_id: 9 } };
    hub.sockets.at(-1)?.send(JSON.stringify(envelope));
    await until(() => events.length === 2);
    expect(events[1]).toEqual(envelope);
  });

  it('routes media.request messages to media listeners, never to event listeners', async () => {
    hub.loggedIn = true;
    client = createWebClient({ baseUrl: hub.url });
    const events: EventEnvelope[] = [];
    const requests: MediaRequest[] = [];
    client.onEvent((e) => events.push(e));
    const off = client.onMediaRequest((r) => requests.push(r));
    await until(() => events.length === 1); // the hello
    const request: MediaRequest = { op: 'remote', request_id: 'r1', line_id: 'L1', sdp: 'v=0\r\n' };
    const socket = hub.sockets.at(-1);
    socket?.send(JSON.stringify({ type: 'media.request', request }));
    socket?.send(JSON.stringify({ type: 'media.request', request: { op: 'local' } })); // malformed: dropped
    const envelope: EventEnvelope = { seq: 7, at: '2026-03-04T09:00:00.000Z', tenant_id: 'default', event: { type: 'agent.deleted', agent_id: 3 } };
    socket?.send(JSON.stringify(envelope));
    await until(() => events.length === 2);
    expect(requests).toEqual([request]);
    expect(events[1]).toEqual(envelope);

    off();
    socket?.send(JSON.stringify({ type: 'media.request', request: { ...request, request_id: 'r2' } }));
    socket?.send(JSON.stringify({ ...envelope, seq: 8 }));
    await until(() => events.length === 3);
    expect(requests).toHaveLength(1);
  });

  it('opens the event socket for a media listener alone', async () => {
    hub.loggedIn = true;
    client = createWebClient({ baseUrl: hub.url });
    const requests: MediaRequest[] = [];
    client.onMediaRequest((r) => requests.push(r));
    await until(() => hub.sockets.length === 1);
    const request: MediaRequest = { op: 'mute', request_id: 'r3', line_id: 'L2', muted: true };
    hub.sockets[0]?.send(JSON.stringify({ type: 'media.request', request }));
    await until(() => requests.length === 1);
    expect(requests[0]).toEqual(request);
  });

  it('reconnects with back-off after the connection drops', async () => {
    hub.loggedIn = true;
    client = createWebClient({ baseUrl: hub.url, minDelayMs: 20, maxDelayMs: 40 });
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    await until(() => states.at(-1) === 'connected');
    hub.sockets.at(-1)?.terminate();
    await until(() => states.includes('disconnected'));
    await until(() => states.at(-1) === 'connected' && hub.sockets.length === 2);
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
  });
});
