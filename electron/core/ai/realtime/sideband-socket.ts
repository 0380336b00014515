import WebSocket from 'ws';
import { Backoff } from '../../sip/backoff.ts';

/** A server event of the realtime session (only `type` is relied on here). */
export type ServerEvent = { type: string; [k: string]: unknown };

/** Why the socket will not come back: the server closed it normally, refused to reopen it, or it stayed unreachable. */
export type SidebandEnd = 'closed' | 'refused' | 'lost';

export interface SidebandSocketOptions {
  url: string;
  apiKey: string;
  onEvent(event: ServerEvent): void;
  /** Open (the first time, or again after a drop). */
  onOpen(): void;
  /** Dropped unexpectedly; reconnecting with back-off. */
  onDrop(detail: string): void;
  /** Gone for good: the call is over (or cannot be reached any more). */
  onEnd(why: SidebandEnd, detail: string): void;
  log(line: string): void;
  /** Give up after this long without a connection (default 10 min). */
  giveUpMs?: number;
}

const HEARTBEAT_MS = 15_000;
/** Answers to the upgrade that mean the call is not there (ended, or never accepted). */
const GONE_STATUSES = new Set([400, 404, 410]);

/**
 * The realtime sideband WebSocket of one SIP call, kept open while the call lives: a normal
 * closure (1000) by the server means the call ended; any other drop reconnects with back-off
 * until the server refuses the call (it has ended) or nothing answers for `giveUpMs`.
 * A ping every 15 s notices a connection that died without a close.
 */
export class SidebandSocket {
  private readonly opts: SidebandSocketOptions;
  private readonly backoff = new Backoff(250, 10_000);
  private ws: WebSocket | null = null;
  private stopped = false;
  private downSince: number | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(opts: SidebandSocketOptions) {
    this.opts = opts;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.stopped) return;
    let lastError = '';
    let alive = true;
    const ws = new WebSocket(this.opts.url, { headers: { Authorization: `Bearer ${this.opts.apiKey}` }, handshakeTimeout: 10_000 });
    this.ws = ws;
    ws.on('open', () => {
      this.downSince = null;
      this.backoff.reset();
      this.heartbeat = setInterval(() => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, HEARTBEAT_MS).unref();
      this.opts.onOpen();
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let event: ServerEvent;
      try {
        event = JSON.parse(String(data)) as ServerEvent;
      } catch {
        this.opts.log('sideband: a message that is not JSON was ignored');
        return;
      }
      if (typeof event?.type === 'string') this.opts.onEvent(event);
    });
    ws.on('error', (err) => (lastError = err.message));
    ws.on('close', (code, reason) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (this.ws === ws) this.ws = null;
      if (this.stopped) return;
      const status = Number(/Unexpected server response: (\d+)/.exec(lastError)?.[1] ?? 0);
      if (code === 1000) return this.end('closed', `closed by the server (${String(reason) || 'normal closure'})`);
      if (GONE_STATUSES.has(status)) return this.end('refused', `the server refused the connection (HTTP ${status})`);
      const detail = lastError || `closed with code ${code}${String(reason) ? ` (${String(reason)})` : ''}`;
      this.downSince ??= Date.now();
      if (Date.now() - this.downSince > (this.opts.giveUpMs ?? 10 * 60_000)) return this.end('lost', `unreachable since ${new Date(this.downSince).toISOString()}: ${detail}`);
      this.opts.onDrop(detail);
      const wait = this.backoff.next();
      this.opts.log(`sideband: ${detail}; reconnecting in ${wait} ms`);
      this.retry = setTimeout(() => this.connect(), wait);
      this.retry.unref();
    });
  }

  /** False when the socket is not open (the event is not sent). */
  send(event: Record<string, unknown>): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(event));
    return true;
  }

  /** Closes for good without ending the call at OpenAI (hub shutdown, or the call is over). */
  close(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const ws = this.ws;
    this.ws = null;
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) ws.close(1000, 'client done');
  }

  private end(why: SidebandEnd, detail: string): void {
    this.stopped = true;
    this.opts.onEnd(why, detail);
  }
}
