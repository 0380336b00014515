// The HTTP front of the emulator on 127.0.0.1. Every request — and every WebSocket upgrade —
// goes through the same pipeline: logged, then an injected failure or delay if one is set,
// then the Bearer key, then the route. A handler's ApiError becomes OpenAI's error answer and
// a problem. stop() drops every open connection, like the endpoint going away; start()
// listens again on the same port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { sleep } from '../proc.ts';
import { ApiError, incorrectApiKey, injectedError, invalidUrl, missingApiKey } from './errors.ts';
import type { Faults } from './faults.ts';
import { newId } from './ids.ts';
import type { LoggedRequest, RequestLog } from './request-log.ts';

export type Reply =
  | { kind: 'json'; status?: number; body: unknown }
  | { kind: 'text'; contentType: string; body: string }
  | { kind: 'empty' }
  | { kind: 'sse'; events: AsyncIterable<unknown> };

export interface RequestCtx {
  entry: LoggedRequest;
  /** Capture groups of the route's path pattern. */
  params: string[];
}

export interface Route {
  method: string;
  path: RegExp;
  handle(ctx: RequestCtx): Promise<Reply> | Reply;
}

/** Takes over an authenticated upgrade (or throws an ApiError to refuse it). */
export type UpgradeHandler = (entry: LoggedRequest, req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface EmulatorServerOptions {
  port: number;
  apiKey: string;
  routes: Route[];
  upgrade: UpgradeHandler;
  log: RequestLog;
  faults: Faults;
}

export interface EmulatorServer {
  /** The bound port (fixed after the first start). */
  readonly port: number;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** OpenAI rejects uploads above 25 MiB. */
const MAX_BODY = 26_214_400;

export function createEmulatorServer(opts: EmulatorServerOptions): EmulatorServer {
  let port = opts.port;
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  function logRequest(req: IncomingMessage, raw: Buffer): LoggedRequest {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    return opts.log.add({
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      raw,
    });
  }

  /** Faults and the key, in the order OpenAI's edge would see them. Throws an ApiError. */
  async function admit(entry: LoggedRequest): Promise<void> {
    const injected = opts.faults.takeFailure(entry.path);
    const delay = opts.faults.delayFor(entry.path);
    if (delay > 0) await sleep(delay);
    if (injected !== undefined) {
      entry.injected = injected;
      throw injectedError(injected);
    }
    const auth = entry.headers.authorization;
    if (!auth || !/^Bearer\s+\S/i.test(auth)) throw missingApiKey();
    const key = auth.replace(/^Bearer\s+/i, '').trim();
    if (key !== opts.apiKey) throw incorrectApiKey(key);
  }

  function reject(entry: LoggedRequest, err: unknown): ApiError {
    const apiErr = err instanceof ApiError ? err : new ApiError(500, `emulator error: ${(err as Error).stack ?? String(err)}`, { type: 'server_error' });
    // An injected failure is what the test asked for, not something the client got wrong.
    if (entry.injected === undefined) opts.log.problem({ where: `${entry.method} ${entry.path}`, status: apiErr.status, error: apiErr.body, request: entry });
    entry.status = apiErr.status;
    entry.response = { error: apiErr.body };
    return apiErr;
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => undefined); // the client (or stop()) may drop the connection mid-answer
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      }
    } catch {
      return; // aborted while sending its body: nothing to answer
    }
    const entry = logRequest(req, Buffer.concat(chunks));
    const headers = { 'x-request-id': newId('req_', 16), 'openai-version': '2020-10-01', 'openai-processing-ms': '1' };
    try {
      if (size > MAX_BODY) throw new ApiError(413, `Maximum content size limit (${MAX_BODY}) exceeded (${size} bytes read)`);
      await admit(entry);
      const route = opts.routes.find((r) => r.method === entry.method && r.path.test(entry.path));
      if (!route) throw invalidUrl(entry.method, entry.path);
      const params = route.path.exec(entry.path)!.slice(1).map(decodeURIComponent);
      await send(res, entry, await route.handle({ entry, params }), headers);
    } catch (err) {
      const apiErr = reject(entry, err);
      if (!res.headersSent && !res.destroyed) writeJson(res, apiErr.status, { error: apiErr.body }, headers);
    }
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const entry = logRequest(req, Buffer.alloc(0));
    try {
      await admit(entry);
      if (entry.path !== '/v1/realtime') throw invalidUrl('GET', entry.path);
      opts.upgrade(entry, req, socket, head);
      entry.status = 101;
    } catch (err) {
      const apiErr = reject(entry, err);
      const body = JSON.stringify({ error: apiErr.body });
      socket.end(
        `HTTP/1.1 ${apiErr.status} ${statusText(apiErr.status)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
  }

  const self: EmulatorServer = {
    get port() {
      return port;
    },
    get running() {
      return server !== undefined;
    },
    async start() {
      if (server) return;
      const s = createServer((req, res) => void onRequest(req, res));
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.once('close', () => sockets.delete(sock));
      });
      s.on('upgrade', (req, socket, head) => void onUpgrade(req, socket, head));
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      const addr = s.address();
      if (typeof addr === 'object' && addr) port = addr.port;
      server = s;
    },
    async stop() {
      const s = server;
      if (!s) return;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const sock of sockets) sock.destroy();
      await closed;
    },
  };
  return self;
}

function statusText(status: number): string {
  return { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status] ?? 'Error';
}

function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function send(res: ServerResponse, entry: LoggedRequest, reply: Reply, headers: Record<string, string>): Promise<void> {
  switch (reply.kind) {
    case 'json':
      entry.response = reply.body;
      entry.status = reply.status ?? 200;
      writeJson(res, entry.status, reply.body, headers);
      return;
    case 'text':
      entry.response = reply.body;
      entry.status = 200;
      res.writeHead(200, { ...headers, 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
      return;
    case 'empty':
      entry.status = 200;
      res.writeHead(200, { ...headers, 'content-length': '0' });
      res.end();
      return;
    case 'sse': {
      const sent: unknown[] = [];
      entry.response = sent;
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      for await (const event of reply.events) {
        if (res.destroyed) break;
        res.write(`data: ${JSON.stringify(event)}\n\n`);
        sent.push(event);
      }
      res.end();
      entry.status = 200; // set last: waitForRequest() resolves once the whole stream went out
      return;
    }
  }
}
