// Browser transport for the hub: HTTP for requests, one WebSocket for events, both same-origin.
// The session lives in an HttpOnly cookie set by `login`; this client never sees a token.
import type { ConnectionState, CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope, EventSocketHello, MediaRequestMessage } from '../../../shared/contracts/domain-events.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import { isCoreErrorBody } from '../../../shared/contracts/ipc-error.ts';
import { CoreError } from './core-error.ts';

/** Close code the hub uses for an event socket without a signed-in session. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;

export interface WebClientOptions {
  /** Origin of the hub, e.g. `http://127.0.0.1:7301`; defaults to the page's own origin. */
  baseUrl?: string;
  /** First reconnect delay in ms (default 500), doubled per attempt up to `maxDelayMs` (default 10 000). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

export interface WebCoreClient extends CoreClient {
  /** Stops the event socket and its reconnect timer for good. */
  close(): void;
}

export function createWebClient(options: WebClientOptions = {}): WebCoreClient {
  const baseUrl = (options.baseUrl ?? globalThis.location.origin).replace(/\/+$/, '');
  const eventsUrl = `${baseUrl.replace(/^http/, 'ws')}/console/events`;
  const events = new EventSocket(eventsUrl, {
    minDelayMs: options.minDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    random: options.random ?? Math.random,
  });

  async function call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/console/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(arg ?? null),
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw CoreError.network(cause);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw errorFromResponse(response, text);
    let result: CoreResult<M>;
    try {
      result = JSON.parse(text) as CoreResult<M>;
    } catch (cause) {
      throw new CoreError({ statusCode: 502, error: 'Bad Gateway', message: `Malformed response to ${method}` }, { cause });
    }
    // The session cookie changed: the event socket must authenticate again.
    if (method === 'login') events.resume(true);
    if (method === 'session' && result !== null) events.resume(false);
    if (method === 'logout') events.park();
    return result;
  }

  return {
    call,
    onEvent: (listener) => events.addEventListener(listener),
    onConnection: (listener) => events.addConnectionListener(listener),
    onMediaRequest: (listener) => events.addMediaListener(listener),
    close: () => events.close(),
  };
}

function errorFromResponse(response: Response, text: string): CoreError {
  try {
    const body: unknown = JSON.parse(text);
    if (isCoreErrorBody(body)) {
      return new CoreError({
        statusCode: body.statusCode,
        error: typeof body.error === 'string' ? body.error : response.statusText,
        message: body.message,
        ...(typeof body.code === 'string' ? { code: body.code } : {}),
      });
    }
  } catch {
    // not JSON: use the status line
  }
  return new CoreError({ statusCode: response.status, error: response.statusText || 'Error', message: text || response.statusText || `HTTP ${response.status}` });
}

interface Backoff {
  minDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * One WebSocket to `/console/events`. Opens when the first listener arrives, reports
 * `connected` on the server's hello, reconnects with capped exponential back-off and jitter,
 * and waits (parked) after the server closes it for want of a session until `resume()`.
 */
class EventSocket {
  private readonly eventListeners = new Set<(envelope: EventEnvelope) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly mediaListeners = new Set<(request: MediaRequest) => void>();
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private state: ConnectionState = 'connecting';
  private started = false;
  private parked = false;
  private closed = false;
  private readonly url: string;
  private readonly backoff: Backoff;

  constructor(url: string, backoff: Backoff) {
    this.url = url;
    this.backoff = backoff;
  }

  addEventListener(listener: (envelope: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    this.start();
    return () => this.eventListeners.delete(listener);
  }

  /** Media requests ride the same socket, outside the numbered event stream. */
  addMediaListener(listener: (request: MediaRequest) => void): () => void {
    this.mediaListeners.add(listener);
    this.start();
    return () => this.mediaListeners.delete(listener);
  }

  addConnectionListener(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    listener(this.state);
    this.start();
    return () => this.connectionListeners.delete(listener);
  }

  /**
   * Reconnect now: after login (`force`, the old socket belongs to the old session) or when a
   * session turns out to exist while the socket is parked or waiting to retry.
   */
  resume(force: boolean): void {
    if (this.closed) return;
    if (!force && !this.parked && this.socket !== null) return;
    this.parked = false;
    this.attempt = 0;
    this.clearTimer();
    this.dropSocket();
    this.open();
  }

  /** Stop reconnecting until `resume()` (after logout). */
  park(): void {
    this.parked = true;
    this.clearTimer();
    this.dropSocket();
    this.setState('disconnected');
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.dropSocket();
    this.setState('disconnected');
  }

  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => {
        if (!this.parked && this.state !== 'connected') this.resume(false);
      });
    }
    this.open();
  }

  private open(): void {
    if (this.closed) return;
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket !== socket) return;
      this.handleMessage(message.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === UNAUTHORIZED_CLOSE_CODE) {
        this.parked = true;
        this.setState('disconnected');
        return;
      }
      this.setState('disconnected');
      this.scheduleReconnect();
    };
    // An error is always followed by close; nothing to do here.
    socket.onerror = () => undefined;
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (isHello(message)) {
      this.attempt = 0;
      this.setState('connected');
      // The hello's status reaches listeners as a status event, so stores need only one feed.
      this.emit({ seq: message.seq, at: new Date().toISOString(), tenant_id: null, event: { type: 'status.changed', status: message.status } });
      return;
    }
    if (isMediaRequestMessage(message)) {
      for (const listener of this.mediaListeners) listener(message.request);
      return;
    }
    if (isEnvelope(message)) this.emit(message);
  }

  private emit(envelope: EventEnvelope): void {
    for (const listener of this.eventListeners) listener(envelope);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.parked) return;
    this.clearTimer();
    const exp = Math.min(this.backoff.maxDelayMs, this.backoff.minDelayMs * 2 ** this.attempt);
    const delay = exp / 2 + (this.backoff.random() * exp) / 2;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, delay);
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= 1) socket.close(1000);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.connectionListeners) listener(next);
  }
}

function isHello(value: unknown): value is EventSocketHello {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'hello';
}

function isMediaRequestMessage(value: unknown): value is MediaRequestMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; request?: unknown };
  if (v.type !== 'media.request' || typeof v.request !== 'object' || v.request === null) return false;
  const r = v.request as { op?: unknown; request_id?: unknown; line_id?: unknown };
  return typeof r.op === 'string' && typeof r.request_id === 'string' && typeof r.line_id === 'string';
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { seq?: unknown; event?: unknown };
  return typeof v.seq === 'number' && typeof v.event === 'object' && v.event !== null;
}
